package dev.fisengine.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.engine.FisEngine;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs the {@link Examples} with JUnit's EngineTestKit and checks what passed, what failed and why. */
class FisExtensionTest {

    private static Events run(Class<?> example) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .selectors(selectClass(example)).execute().testEvents();
    }

    @BeforeEach
    void clear() {
        Examples.SEEN.clear();
        Examples.STATUS_AFTER_TEST.set(null);
    }

    @Test
    void aTestReadsLikeTheExperimentAndItsAssertionsCanFail() {
        Events events = run(Examples.WaitOnTheManualClock.class);
        events.assertStatistics(s -> s.started(3).succeeded(2).failed(1));
        events.assertThatEvents().haveExactly(1, finishedWithFailure(
                message(m -> m.contains("to be completed but was running"))));
    }

    @Test
    void theExtensionStopsTheExperimentRightAfterTheTestMethod() {
        Events events = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod(
                        Examples.WaitOnTheManualClock.class, "leavesItRunning", FisExperimentRun.class.getName()))
                .execute().testEvents();
        events.assertStatistics(s -> s.succeeded(1));
        assertThat(Examples.STATUS_AFTER_TEST.get()).as("status seen by @AfterEach").isEqualTo(ExperimentStatus.STOPPED);
    }

    @Test
    void manualStartLeavesTheStartToTheTest() {
        run(Examples.ManualStart.class).assertStatistics(s -> s.succeeded(1));
        FisExperimentRun run = (FisExperimentRun) Examples.SEEN.get(0);
        assertThat(run.isStarted()).isTrue();
    }

    @Test
    void aMissingTemplateIsNamed() {
        run(Examples.MissingTemplate.class).assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.contains("@FisExperiment(\"templates/nope.json\")")
                        && m.contains("template resource \"templates/nope.json\" is not on the classpath"))));
    }

    @Test
    void anInvalidTemplateFailsWithTheValidationFinding() {
        run(Examples.InvalidTemplate.class).assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.contains("templates/invalid.json") && m.contains("/actions/Pause/parameters/duration")
                        && m.contains("PT5X"))));
    }

    @Test
    void theSystemClockRunsInRealTimeAndHasNoManualClock() {
        Events events = run(Examples.SystemClock.class);
        events.assertStatistics(s -> s.succeeded(1).failed(1));
        events.assertThatEvents().haveExactly(1, finishedWithFailure(instanceOf(ParameterResolutionException.class),
                message(m -> m.contains("runs on the system clock"))));
    }

    @Test
    void aMethodCannotChangeTheClassClock() {
        run(Examples.ClockMismatch.class).assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.contains("asks for clock SYSTEM, but the engine of the test class runs on MANUAL"))));
    }

    @Test
    void aFaultLeftArmedFailsTheTest() {
        run(Examples.Leaky.class).assertThatEvents().haveExactly(1, finishedWithFailure(instanceOf(AssertionError.class),
                message(m -> m.contains("still armed") && m.contains("did not register a revert step")
                        && m.contains("has disarmed them now"))));
        assertThat(Examples.SEEN).as("the leaked fault, seen by @AfterEach (after the extension's check)")
                .containsExactly(List.of("disarmed"));
    }

    @Test
    void awaitCompletionRunsTheExperimentToItsEndFirst() {
        run(Examples.AwaitCompletion.class).assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void nestedClassesShareTheEngineOfTheirClass() {
        run(Examples.Outer.class).assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(Examples.SEEN).hasSize(2);
        assertThat(Examples.SEEN.get(0)).isSameAs(Examples.SEEN.get(1));
        assertThat(((FisEngine) Examples.SEEN.get(0)).isClosed()).as("closed after the class").isTrue();
    }

    @Test
    void anEngineWithoutTemplateAndItsSetupHook() {
        Events events = run(Examples.EngineOnly.class);
        events.assertStatistics(s -> s.succeeded(1).failed(1));
        events.assertThatEvents().haveExactly(1, finishedWithFailure(instanceOf(ParameterResolutionException.class),
                message(m -> m.contains("No FisExperimentRun"))));
    }

    @Test
    void pluginFieldsMustBeStatic() {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .selectors(selectClass(Examples.NonStaticPlugins.class)).execute().containerEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message(m -> m.contains("must be static"))));
    }

    @Test
    void methodLevelAnnotationsShareOneEnginePerClassAndItIsClosed() {
        run(Examples.MethodLevelOnly.class).assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(Examples.SEEN).hasSize(2);
        assertThat(Examples.SEEN.get(0)).isSameAs(Examples.SEEN.get(1));
        assertThat(((FisEngine) Examples.SEEN.get(0)).isClosed()).as("closed with the class's store").isTrue();
    }
}
