package dev.fisengine.aws.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.aws.catalog.AwsActionCatalog;
import dev.fisengine.aws.sdk.DefaultPrincipalRole;
import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.testkit.FisTestkit;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

class IamRoleTargetResolverProviderTest {
    private static final String ORDERS = "arn:aws:iam::123456789012:role/orders/api";
    private static final String BILLING = "arn:aws:iam::123456789012:role/billing";
    private static final String DEFAULT = "arn:aws:iam::123456789012:role/engine-default";

    private final FisEngine engine = FisTestkit.engineBuilder(FisTestkit.manualClock()).slf4jLog(false)
            .component(DefaultPrincipalRole.class, new DefaultPrincipalRole(DEFAULT))
            .component(KnownRoles.class, new KnownRoles()
                    .register(ORDERS, Map.of("team", "orders", "env", "test"))
                    .register(BILLING, Map.of("team", "billing", "env", "test")))
            .build();
    private final IamRoleTargetResolverProvider resolver = new IamRoleTargetResolverProvider();

    @AfterEach
    void close() {
        engine.close();
    }

    private List<TargetResource> resolve(List<String> arns, Map<String, String> tags) {
        return resolver.resolve(new TargetQuery("Roles", AwsActionCatalog.IAM_ROLE, arns, tags, Map.of(), engine));
    }

    @Test
    void describesTheCatalogsResourceType() {
        assertThat(resolver.descriptor()).isSameAs(AwsActionCatalog.targetType(AwsActionCatalog.IAM_ROLE)
                .orElseThrow());
        assertThat(resolver.order()).isZero();
        assertThat(ServiceLoader.load(TargetResolverProvider.class).stream()
                .filter(p -> p.get().descriptor().resourceType().equals(AwsActionCatalog.IAM_ROLE))
                .map(p -> p.type().getName()).toList())
                .containsExactly(IamRoleTargetResolverProvider.class.getName());
    }

    @Test
    void instrumentedClientsRolesBecomeKnownWithoutLosingTags() {
        String reports = "arn:aws:iam::123456789012:role/reports";
        try (SqsClient reportsClient = instrumented(reports); SqsClient ordersClient = instrumented(ORDERS)) {
            assertThat(List.of(reportsClient, ordersClient)).doesNotContainNull();
            assertThat(KnownRoles.of(engine).role(reports)).isPresent();
            assertThat(KnownRoles.of(engine).role(ORDERS).orElseThrow().tags()).containsEntry("team", "orders");
            // no ARNs and no tags (a filters-only target): every known role, the instrumented one included
            assertThat(resolve(List.of(), Map.of())).extracting(TargetResource::arn).contains(reports);
        }
    }

    private SqsClient instrumented(String role) {
        return FisSdk.instrument(SqsClient.builder().region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()), engine, role).build();
    }

    @Test
    void arnsResolveToThemselvesKnownOrNot() {
        String unknown = "arn:aws:iam::123456789012:role/ops/nightly";
        List<TargetResource> found = resolve(List.of(ORDERS, unknown), Map.of());
        assertThat(found).extracting(TargetResource::arn).containsExactly(ORDERS, unknown);
        assertThat(found.get(0).tags()).containsEntry("team", "orders");
        assertThat(found.get(0).attributes()).containsEntry("RoleName", "api").containsEntry("Path", "/orders/");
        assertThat(found.get(1).tags()).isEmpty();
        assertThat(found.get(1).attributes()).containsEntry("RoleName", "nightly").containsEntry("Path", "/ops/");
        assertThat(found.get(1).targetInformation()).containsExactly(Map.entry("arn", unknown));
    }

    @Test
    void tagsSelectTheKnownRolesCarryingAllOfThem() {
        assertThat(resolve(List.of(), Map.of("team", "orders"))).extracting(TargetResource::arn)
                .containsExactly(ORDERS);
        assertThat(resolve(List.of(), Map.of("env", "test"))).extracting(TargetResource::arn)
                .containsExactly(ORDERS, BILLING);
        assertThat(resolve(List.of(), Map.of("env", "test", "team", "billing"))).extracting(TargetResource::arn)
                .containsExactly(BILLING);
        assertThat(resolve(List.of(), Map.of("env", "prod"))).isEmpty();
    }

    @Test
    void theDefaultPrincipalRoleIsKnownAndNeitherArnsNorTagsMeansEveryKnownRole() {
        assertThat(resolve(List.of(), Map.of())).extracting(TargetResource::arn)
                .containsExactly(ORDERS, BILLING, DEFAULT);
        KnownRoles.of(engine).register(DEFAULT, Map.of("team", "platform"));
        assertThat(resolve(List.of(), Map.of("team", "platform"))).extracting(TargetResource::arn)
                .containsExactly(DEFAULT);
    }

    @Test
    void aNonArnNamesTheTarget() {
        assertThatThrownBy(() -> resolve(List.of("app"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target 'Roles' (aws:iam:role): resourceArns: \"app\" is not an IAM role ARN "
                        + "(arn:partition:iam::account:role/name)");
    }
}
