package dev.fisengine.junit;

import static dev.fisengine.testkit.FisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.EngineClock;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.FisTestkit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Test classes that {@link FisExtensionTest} runs with JUnit's EngineTestKit and whose outcomes it checks (some are
 * meant to fail). Nested, so Surefire does not run them on their own.
 */
final class Examples {
    private Examples() {}

    /** What the examples saw, for the outer test to check. */
    static final List<Object> SEEN = new CopyOnWriteArrayList<>();
    static final AtomicReference<ExperimentStatus> STATUS_AFTER_TEST = new AtomicReference<>();

    @FisExperiment("templates/wait.json")
    static class WaitOnTheManualClock {
        @Test
        void runsForFiveMinutesOfSimulatedTime(FisExperimentRun run) {
            assertThat(run.experiment()).isRunning();
            run.advance(Duration.ofMinutes(5));
            assertThat(run.experiment()).isCompleted();
            assertThat(run.log()).hasActionEnded("Pause", "completed");
        }

        @Test
        void expectsTooMuch(FisExperimentRun run) {
            assertThat(run.experiment()).isCompleted();
        }

        @Test
        void leavesItRunning(FisExperimentRun run) {
            assertThat(run.experiment()).isRunning();
        }

        @AfterEach
        void after(FisExperimentRun run) {
            STATUS_AFTER_TEST.set(run.status());
        }
    }

    @FisExperiment(value = "templates/wait.json", start = StartMode.MANUAL)
    static class ManualStart {
        @Test
        void nothingRunsUntilTheTestStartsIt(FisExperimentRun run, FisEngine engine) {
            assertThat(run.isStarted()).isFalse();
            assertThat(engine.listExperiments().items()).isEmpty();
            run.start();
            assertThat(engine.listExperiments().items()).hasSize(1);
            SEEN.add(run);
        }
    }

    @FisExperiment("templates/nope.json")
    static class MissingTemplate {
        @Test
        void test() {}
    }

    @FisExperiment("templates/invalid.json")
    static class InvalidTemplate {
        @Test
        void test() {}
    }

    @FisExperiment(value = "templates/short-wait.json", clock = ClockMode.SYSTEM, timeout = "PT30S")
    static class SystemClock {
        @Test
        void runsInRealTime(FisExperimentRun run, EngineClock clock) {
            assertThat(run.hasManualClock()).isFalse();
            assertThat(clock).isNotInstanceOf(ManualClock.class);
            assertThat(run.awaitCompletion()).isCompleted();
            assertThat(run.log()).experimentEndedWith("completed");
        }

        @Test
        void hasNoManualClock(ManualClock clock) {}
    }

    static class ClockMismatch {
        @Test
        @FisExperiment(value = "templates/wait.json", clock = ClockMode.SYSTEM)
        void test() {}
    }

    @FisExperiment("templates/leaky.json")
    static class Leaky {
        @FisPlugins
        static final ActionProvider LEAKY = new ThrottleApiAction(true);

        @Test
        void bodyPasses(FisExperimentRun run) {
            assertThat(run.apiFaults()).hasSize(1);
        }

        @AfterEach
        void afterTheExtensionsCheck(FisExperimentRun run) {
            SEEN.add(run.apiFaults().stream().map(f -> f.isArmed() ? "armed" : "disarmed").toList());
        }
    }

    @FisExperiment(value = "templates/wait.json", awaitCompletion = true)
    static class AwaitCompletion {
        @Test
        void seesTheOutcome(FisExperimentRun run, ManualClock clock) {
            assertThat(run.experiment()).isCompleted();
            assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plus(Duration.ofMinutes(5)));
        }
    }

    @FisExperiment("templates/wait.json")
    static class Outer {
        @Test
        void outer(FisEngine engine) {
            SEEN.add(engine);
        }

        @Nested
        class Inner {
            @Test
            void inner(FisEngine engine, FisExperimentRun run) {
                SEEN.add(engine);
                assertThat(run.experiment()).isRunning();
            }
        }
    }

    @ExtendWith(FisExtension.class)
    static class EngineOnly {
        @FisEngineSetup
        static void setup(FisEngine.Builder builder) {
            builder.options(FisTestkit.testOptions().toBuilder().stopConditionPollInterval(Duration.ofSeconds(1))
                    .build());
        }

        @Test
        void engineIsThere(FisEngine engine) {
            assertThat(engine.options().stopConditionPollInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(engine.getAction("aws:fis:wait").id()).isEqualTo("aws:fis:wait");
        }

        @Test
        void noRunWithoutATemplate(FisExperimentRun run) {}
    }

    @FisExperiment("templates/wait.json")
    static class NonStaticPlugins {
        @FisPlugins
        final ActionProvider throttle = new ThrottleApiAction();

        @Test
        void test() {}
    }

    static class MethodLevelOnly {
        @Test
        @FisExperiment("templates/wait.json")
        void first(FisExperimentRun run, FisEngine engine) {
            SEEN.add(engine);
            assertThat(run.experiment()).isRunning();
        }

        @Test
        @FisExperiment("templates/wait.json")
        void second(FisEngine engine) {
            SEEN.add(engine);
        }
    }
}
