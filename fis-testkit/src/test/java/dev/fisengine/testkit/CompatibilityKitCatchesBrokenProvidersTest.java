package dev.fisengine.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.engine.FisEngine;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit is not a rubber stamp: run with JUnit's EngineTestKit, its tests fail for providers that leak a fault,
 * describe themselves badly, or whose "invalid" parameters do not make start throw.
 */
class CompatibilityKitCatchesBrokenProvidersTest {

    private static Events run(Class<?> kit) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .selectors(selectClass(kit)).execute().testEvents();
    }

    /** Failed test method name → failure message. */
    private static Map<String, String> failures(Events events) {
        return events.failed().stream().collect(Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName().replace("()", ""),
                CompatibilityKitCatchesBrokenProvidersTest::message));
    }

    private static String message(Event e) {
        return e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("");
    }

    @Test
    void aCorrectProviderPassesEveryCheck() {
        Events events = run(ArmingActionCompatibilityTest.class);
        assertThat(failures(events)).isEmpty();
        events.assertStatistics(s -> s.started(8).succeeded(8).failed(0));
    }

    @Test
    void aProviderThatForgetsToRevertFailsTheRunStopAndCloseChecks() {
        Map<String, String> failed = failures(run(Leaky.class));
        assertThat(failed).containsOnlyKeys("runsFromStartToCompletedInARealEngine",
                "stopMidRunRevertsEveryStepExactlyOnce", "stopWhileStartIsRunningRevertsOnceStartReturns",
                "closingTheEngineRevertsEveryStepExactlyOnce", "failureAfterStartStillRevertsEveryStep");
        assertThat(failed.get("stopMidRunRevertsEveryStepExactlyOnce")).contains("armed things");
    }

    @Test
    void aBadDescriptorIsReportedFieldByField() {
        Map<String, String> failed = failures(run(BadDescriptor.class));
        assertThat(failed).containsKey("descriptorIsWellFormed");
        assertThat(failed.get("descriptorIsWellFormed"))
                .contains("id: \"Custom:Thing\" is not prefix:service:name")
                .contains("parameters.percentage: default \"150\" is above the maximum 100.0")
                .contains("parameters.percentage: declared more than once")
                .contains("availableInAws: true, but \"Custom:Thing\" is not an aws: action");
    }

    @Test
    void invalidParametersThatDoNotFailStartAreReported() {
        Map<String, String> failed = failures(run(InvalidParametersThatWork.class));
        assertThat(failed).containsOnlyKeys("exceptionFromStartFailsTheActionWithItsMessage");
        assertThat(failed.get("exceptionFromStartFailsTheActionWithItsMessage")).contains("what start() threw");
    }

    /** Arms one thing per target and never registers a revert step. */
    static class Leaky extends ActionProviderCompatibilityKit {
        private ArmingAction last;

        @Override
        protected ActionProvider provider() {
            last = new ArmingAction(ArmingAction.Mode.FORGETS_TO_REVERT);
            return last;
        }

        @Override
        protected Map<String, String> validParameters() {
            return Map.of("duration", "PT1M");
        }

        @Override
        protected Map<String, List<TargetResource>> targets() {
            return Map.of("Things", List.of(TargetResource.of("arn:aws:test:us-east-1:123456789012:thing/a")));
        }

        @Override
        protected void assertNothingArmed(FisEngine engine) {
            assertThat(last.armed).as("armed things").isEmpty();
        }
    }

    /** A custom id in upper case, a duplicated parameter, a default out of bounds, claims to be in AWS. */
    static class BadDescriptor extends ActionProviderCompatibilityKit {
        @Override
        protected ActionProvider provider() {
            return new ActionProvider() {
                @Override
                public ActionDescriptor descriptor() {
                    ParameterDescriptor pct = ParameterDescriptor.builder("percentage", ParameterFormat.NUMBER)
                            .description("How often.").defaultValue("150").range(0, 100).build();
                    return ActionDescriptor.builder("Custom:Thing").description("Broken on purpose.")
                            .parameter(pct).parameter(pct).availableInAws(true).build();
                }

                @Override
                public void start(ActionContext context) {}
            };
        }

        @Override
        protected Map<String, String> validParameters() {
            return Map.of();
        }

        @Override
        protected void assertNothingArmed(FisEngine engine) {}
    }

    /** Claims that level 13 fails start, but the correct provider accepts it. */
    static class InvalidParametersThatWork extends ActionProviderCompatibilityKit {
        @Override
        protected ActionProvider provider() {
            return new ArmingAction(ArmingAction.Mode.CORRECT);
        }

        @Override
        protected Map<String, String> validParameters() {
            return Map.of("duration", "PT1M");
        }

        @Override
        protected Map<String, String> invalidParameters() {
            return Map.of("duration", "PT1M", "level", "13");
        }

        @Override
        protected Map<String, List<TargetResource>> targets() {
            return Map.of("Things", List.of(TargetResource.of("arn:aws:test:us-east-1:123456789012:thing/a")));
        }

        @Override
        protected void assertNothingArmed(FisEngine engine) {}
    }
}
