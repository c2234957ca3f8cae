package dev.fisengine.aws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArnTargetResolverProviderTest {
    private static final String I1 = "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0";
    private static final String I2 = "arn:aws:ec2:us-east-1:123456789012:instance/i-0fedcba9876543210";

    @Test
    void arnTargetsResolveToTheGivenArnsInOrder() {
        List<TargetResource> resolved = resolver("aws:ec2:instance").resolve(
                new TargetQuery("webServers", "aws:ec2:instance", List.of(I1, I2), Map.of(), Map.of(), null));

        assertThat(resolved).extracting(TargetResource::arn).containsExactly(I1, I2);
        assertThat(resolved.get(0).targetInformation()).isEqualTo(Map.of("arn", I1));
        assertThat(resolved.get(0).attributes()).isEmpty();
        assertThat(resolved.get(0).tags()).isEmpty();
    }

    @Test
    void arnTargetsWithTargetParametersStillResolveToTheArns() {
        String group = "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:orders";
        assertThat(resolver("aws:elasticache:replicationgroup").resolve(new TargetQuery("groups",
                "aws:elasticache:replicationgroup", List.of(group), Map.of(),
                Map.of("availabilityZoneIdentifier", "use1-az1"), null)))
                .extracting(TargetResource::arn).containsExactly(group);
    }

    @Test
    void tagTargetsFailNamingTheTypeAndHowToProvideResources() {
        TargetQuery query = new TargetQuery("webServers", "aws:ec2:instance", List.of(), Map.of("env", "prod"),
                Map.of(), null);

        assertThatThrownBy(() -> resolver("aws:ec2:instance").resolve(query))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("target 'webServers' (aws:ec2:instance)")
                .hasMessageContaining("resourceTags {env=prod}")
                .hasMessageContaining("cannot look up AWS resources in-process")
                .hasMessageContaining("name the resources with resourceArns")
                .hasMessageContaining("register a TargetResolverProvider for aws:ec2:instance");
    }

    @Test
    void parameterTargetsFailAndPodsAreNotToldToUseArns() {
        TargetQuery query = new TargetQuery("checkoutPods", "aws:eks:pod", List.of(), Map.of(),
                Map.of("clusterIdentifier", "shop", "namespace", "default", "selectorType", "labelSelector",
                        "selectorValue", "app=checkout"), null);

        assertThatThrownBy(() -> resolver("aws:eks:pod").resolve(query))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("target 'checkoutPods' (aws:eks:pod) identifies its resources by parameters")
                .hasMessageContaining("register a TargetResolverProvider for aws:eks:pod")
                .hasMessageNotContaining("name the resources with resourceArns");
    }

    @Test
    void targetsWithNeitherArnsNorTagsNorParametersFail() {
        TargetQuery query = new TargetQuery("subnets", "aws:ec2:subnet", List.of(), Map.of(), Map.of(), null);

        assertThatThrownBy(() -> resolver("aws:ec2:subnet").resolve(query))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("target 'subnets' (aws:ec2:subnet) identifies its resources by no resourceArns");
    }

    @Test
    void resolversYieldToAnApplicationsOwnResolver() {
        assertThat(resolver("aws:rds:db").order()).isEqualTo(ArnTargetResolverProvider.ORDER).isLessThan(0);
    }

    /** The catalog's resolver for {@code type}; its {@code resolve} declares no checked exception. */
    private static ArnTargetResolverProvider resolver(String type) {
        TargetResolverProvider found = AwsActionCatalog.arnTargetResolvers().stream()
                .filter(r -> r.descriptor().resourceType().equals(type)).findFirst().orElseThrow();
        return (ArnTargetResolverProvider) found;
    }
}
