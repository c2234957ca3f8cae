package dev.fisengine.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.testkit.ActionProviderCompatibilityKit;
import java.util.List;
import java.util.Map;

/** The test plugin that arms API faults passes the compatibility kit, with a Roles target. */
class ThrottleApiActionCompatibilityTest extends ActionProviderCompatibilityKit {
    private static final String ROLE = "arn:aws:iam::123456789012:role/orders";

    @Override
    protected ActionProvider provider() {
        return new ThrottleApiAction();
    }

    @Override
    protected Map<String, String> validParameters() {
        return Map.of("service", "dynamodb", "operations", "PutItem,GetItem", "duration", "PT5M");
    }

    @Override
    protected Map<String, String> invalidParameters() {
        return Map.of("service", "dynamodb", "operations", "Put Item", "duration", "PT5M");
    }

    @Override
    protected Map<String, List<TargetResource>> targets() {
        return Map.of("Roles", List.of(TargetResource.of(ROLE)));
    }

    @Override
    protected void assertArmed(FisEngine engine) {
        assertThat(ApiFaultRegistry.of(engine).armed()).singleElement().satisfies(f -> {
            assertThat(f.rule().roleArns()).containsExactly(ROLE);
            assertThat(f.rule().operations()).containsExactlyInAnyOrder("PutItem", "GetItem");
        });
    }

    @Override
    protected void assertNothingArmed(FisEngine engine) {
        assertThat(ApiFaultRegistry.of(engine).isIdle()).as("API fault registry idle").isTrue();
    }
}
