package dev.fisengine.aws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionLog;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.RevertStep;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ServiceLoader finds one provider per catalog action (except the SDK's API faults) and per resource type. */
class ProviderRegistrationTest {

    @Test
    void serviceLoaderFindsACatalogProviderForEveryNonExecutableAction() {
        List<ActionProvider> all = ServiceLoader.load(ActionProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertKeysUnique(all.stream().map(p -> p.descriptor().id() + "@" + p.order()).toList());

        List<ActionProvider> catalog = all.stream().filter(p -> p instanceof CatalogActionProvider).toList();
        Set<String> expected = AwsActionCatalog.actions().stream().filter(a -> !a.executable())
                .map(ActionDescriptor::id).collect(Collectors.toSet());
        assertThat(catalog).extracting(p -> p.descriptor().id()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected)
                .hasSize(43)
                .doesNotContain(AwsActionCatalog.INJECT_API_INTERNAL_ERROR,
                        AwsActionCatalog.INJECT_API_THROTTLE_ERROR, AwsActionCatalog.INJECT_API_UNAVAILABLE_ERROR,
                        "aws:ec2:api-insufficient-instance-capacity-error",
                        "aws:kinesis:stream-provisioned-throughput-exception",
                        "aws:kinesis:stream-expired-iterator-exception");
        assertThat(catalog).allSatisfy(p -> {
            assertThat(p.descriptor()).isSameAs(AwsActionCatalog.action(p.descriptor().id()).orElseThrow());
            assertThat(p.order()).isEqualTo(CatalogActionProvider.ORDER).isLessThan(0);
        });
    }

    @Test
    void serviceLoaderFindsAnArnResolverForEveryTypeButIamRole() {
        List<TargetResolverProvider> all = ServiceLoader.load(TargetResolverProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertKeysUnique(all.stream().map(p -> p.descriptor().resourceType() + "@" + p.order()).toList());

        List<TargetResolverProvider> catalog =
                all.stream().filter(p -> p instanceof ArnTargetResolverProvider).toList();
        Set<String> expected = AwsActionCatalog.targetTypes().stream().map(TargetTypeDescriptor::resourceType)
                .filter(t -> !t.equals(AwsActionCatalog.IAM_ROLE)).collect(Collectors.toSet());
        assertThat(catalog).extracting(p -> p.descriptor().resourceType()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected)
                .hasSize(24);
        assertThat(catalog).allSatisfy(p -> assertThat(p.descriptor())
                .isSameAs(AwsActionCatalog.targetType(p.descriptor().resourceType()).orElseThrow()));
    }

    @Test
    void explicitRegistrationListsTheSameProvidersAsServiceLoader() {
        assertThat(AwsActionCatalog.catalogActionProviders()).extracting(p -> p.descriptor().id())
                .containsExactlyInAnyOrderElementsOf(ServiceLoader.load(ActionProvider.class).stream()
                        .map(ServiceLoader.Provider::get).filter(p -> p instanceof CatalogActionProvider)
                        .map(p -> p.descriptor().id()).toList());
        assertThat(AwsActionCatalog.arnTargetResolvers()).extracting(p -> p.descriptor().resourceType())
                .containsExactlyInAnyOrderElementsOf(ServiceLoader.load(TargetResolverProvider.class).stream()
                        .map(ServiceLoader.Provider::get).filter(p -> p instanceof ArnTargetResolverProvider)
                        .map(p -> p.descriptor().resourceType()).toList());
    }

    @Test
    void catalogOnlyActionsFailHonestlyWhenStarted() {
        ActionProvider stop = AwsActionCatalog.catalogActionProviders().stream()
                .filter(p -> p.descriptor().id().equals("aws:ec2:stop-instances")).findFirst().orElseThrow();
        assertThat(stop.descriptor().executable()).isFalse();
        assertThatThrownBy(() -> stop.start(new NameOnlyContext("stopWebServers")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("aws:ec2:stop-instances is described for validation but has no in-process "
                        + "implementation in this version")
                .hasMessageContaining("'stopWebServers'");
    }

    @Test
    void aCatalogProviderCannotStandForAnExecutableAction() {
        ActionDescriptor inject = AwsActionCatalog.action(AwsActionCatalog.INJECT_API_THROTTLE_ERROR).orElseThrow();
        assertThatThrownBy(() -> new CatalogActionProvider(inject))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aws:fis:inject-api-throttle-error is described as executable");
    }

    private static void assertKeysUnique(List<String> keys) {
        Map<String, Long> counts = keys.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts).as("providers per key and order").allSatisfy((k, n) -> assertThat(n).as(k).isOne());
    }

    /** Just enough of the engine's context for {@code start} to name the action in its message. */
    private record NameOnlyContext(String actionName) implements ActionContext {
        @Override
        public String experimentId() {
            return "EXPtest";
        }

        @Override
        public String actionId() {
            return "aws:ec2:stop-instances";
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public FisRuntime runtime() {
            throw new AssertionError("a provider must not touch this while it is only being described");
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public Map<String, List<TargetResource>> targets() {
            return Map.of();
        }

        @Override
        public void onRevert(RevertStep step) {
            throw new AssertionError("a provider must not touch this while it is only being described");
        }

        @Override
        public ActionLog log() {
            throw new AssertionError("a provider must not touch this while it is only being described");
        }
    }
}
