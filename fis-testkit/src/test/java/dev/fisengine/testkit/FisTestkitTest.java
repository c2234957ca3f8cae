package dev.fisengine.testkit;

import static dev.fisengine.testkit.FisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.Experiment;
import dev.fisengine.engine.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FisTestkitTest {
    private final TestEngines env = new TestEngines();

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void theManualClockIsTheEnginesOwn() {
        ManualClock clock = FisTestkit.manualClock();
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
        assertThat(FisTestkit.manualClock(Instant.parse("2030-01-01T00:00:00Z")).instant())
                .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(FisTestkit.testOptions().shutdownHook()).isFalse();
    }

    @Test
    void advanceUntilEndedStopsTheClockWhenTheExperimentEnds() {
        String id = env.start(TestEngines.waitThenArm("PT3M", "7", InMemoryStopCondition.spec("s")));
        Experiment done = FisTestkit.advanceUntilEnded(env.engine, env.clock, id, Duration.ofHours(1));
        assertThat(done).isCompleted();
        assertThat(done.endTime()).isEqualTo(ManualClock.DEFAULT_START.plus(Duration.ofMinutes(4)))
                .isEqualTo(env.clock.instant());
    }

    @Test
    void advanceUntilEndedFailsWhenTheLimitIsReached() {
        String id = env.start(TestEngines.waitThenArm("PT3M", "7", InMemoryStopCondition.spec("s")));
        assertThatThrownBy(() -> FisTestkit.advanceUntilEnded(env.engine, env.clock, id, Duration.ofMinutes(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("had not ended after PT2M of simulated time: it is running at "
                        + ManualClock.DEFAULT_START.plus(Duration.ofMinutes(2)));
    }

    @Test
    void resourcesAreReadFromTheClasspathWithClearErrors() {
        assertThat(FisTestkit.resource(getClass(), "templates/wait.json")).contains("aws:fis:wait");
        assertThat(FisTestkit.resource(getClass(), "/templates/wait.json")).contains("aws:fis:wait");
        assertThatThrownBy(() -> FisTestkit.resource(getClass(), "templates/missing.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("template resource \"templates/missing.json\" is not on the classpath of "
                        + FisTestkitTest.class.getName());
    }

    @Test
    void aTemplateResourceRunsInAnEngineFromTheBuilder() {
        String templateId = env.engine.createExperimentTemplate(FisTestkit.resource(getClass(),
                "templates/wait.json")).id();
        String id = env.engine.startExperiment(templateId).id();
        assertThat(FisTestkit.advanceUntilEnded(env.engine, env.clock, id, Duration.ofHours(1))).isCompleted();
        assertThat(env.recorder.log(id)).hasActionEnded("Pause", "completed");
    }
}
