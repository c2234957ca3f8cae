package dev.fisengine.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.engine.FisEngine;
import java.util.List;
import java.util.Map;

/** A provider with targets, a fault it arms and a parameter set that makes start throw passes the kit. */
class ArmingActionCompatibilityTest extends ActionProviderCompatibilityKit {
    private ArmingAction last;

    @Override
    protected ActionProvider provider() {
        last = new ArmingAction(ArmingAction.Mode.REJECTS_LEVEL_13);
        return last;
    }

    @Override
    protected Map<String, String> validParameters() {
        return Map.of("duration", "PT10M");
    }

    @Override
    protected Map<String, String> invalidParameters() {
        return Map.of("duration", "PT10M", "level", "13");
    }

    @Override
    protected Map<String, List<TargetResource>> targets() {
        return Map.of("Things", List.of(TargetResource.of("arn:aws:test:us-east-1:123456789012:thing/a"),
                TargetResource.of("arn:aws:test:us-east-1:123456789012:thing/b")));
    }

    @Override
    protected void assertArmed(FisEngine engine) {
        assertThat(last.armed).containsExactlyInAnyOrder("arn:aws:test:us-east-1:123456789012:thing/a",
                "arn:aws:test:us-east-1:123456789012:thing/b");
    }

    @Override
    protected void assertNothingArmed(FisEngine engine) {
        assertThat(last.armed).as("armed things").isEmpty();
    }
}
