package dev.fisengine.testkit;

import static dev.fisengine.testkit.FisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The assertions pass on what a real run produced and fail, with the log in the message, when it differs. */
class FisAssertionsTest {
    private final TestEngines env = new TestEngines();

    @AfterEach
    void close() {
        env.close();
    }

    private String completedRun() {
        String id = env.start(TestEngines.waitThenArm("PT2M", "7", InMemoryStopCondition.spec("s")));
        FisTestkit.advanceUntilEnded(env.engine, env.clock, id, Duration.ofHours(1));
        return id;
    }

    @Test
    void logAssertionsPassOnACompletedRun() {
        String id = completedRun();
        assertThat(env.recorder).forExperiment(id)
                .hasLogTypes("experiment-start", "target-resolution-start", "target-resolution-detail",
                        "target-resolution-end", "action-start", "action-end", "action-start", "action-end",
                        "experiment-end")
                .containsLogTypesInOrder("experiment-start", "action-start", "experiment-end")
                .hasActionStartOrder("Wait", "Arm")
                .hasActionStarted("Arm")
                .hasActionEnded("Wait", "completed")
                .hasActionEnded("Arm", "completed")
                .hasActionEndReasonContaining("Arm", "completed")
                .hasNoRecord("action-error")
                .hasRecord("target-resolution-end")
                .hasResolvedTargets("Things", 2)
                .hasStateChanges("pending", "initiating", "running", "completed")
                .experimentEndedWith("completed")
                .experimentEndedWith(ExperimentStatus.COMPLETED)
                .experimentEndReasonContains("completed");
    }

    @Test
    void experimentAssertionsPassOnACompletedRun() {
        Experiment e = env.engine.getExperiment(completedRun());
        assertThat(e).isCompleted().hasStatus("completed").hasEnded()
                .hasActionState("Wait", ActionStatus.COMPLETED).hasActionState("Arm", "completed")
                .hasAllActionsInState(ActionStatus.COMPLETED);
    }

    @Test
    void failuresNameWhatWasExpectedAndShowTheLog() {
        String id = completedRun();
        ExperimentLog log = env.recorder.log(id);
        assertThatThrownBy(() -> assertThat(log).hasActionEnded("Arm", "stopped"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting action \"Arm\" to have ended stopped, but it ended completed")
                .hasMessageContaining("action-end Arm completed");
        assertThatThrownBy(() -> assertThat(log).hasActionEnded("Nope", "completed"))
                .hasMessageContaining("no action-end for it");
        assertThatThrownBy(() -> assertThat(log).containsLogTypesInOrder("experiment-end", "experiment-start"))
                .hasMessageContaining("\"experiment-start\" (#2) did not follow");
        assertThatThrownBy(() -> assertThat(log).hasLogTypes("experiment-start"))
                .hasMessageContaining("Expecting the experiment log types to be");
        assertThatThrownBy(() -> assertThat(log).experimentEndedWith("failed"))
                .hasMessageContaining("ended completed");
        assertThatThrownBy(() -> assertThat(log).hasActionError("Arm", "x"))
                .hasMessageContaining("(no action-error)");
        assertThatThrownBy(() -> assertThat(log).hasActionStartOrder("Arm", "Wait"))
                .hasMessageContaining("[Wait, Arm]");
        assertThatThrownBy(() -> assertThat(log).hasResolvedTargets("Things", 3))
                .hasMessageContaining("it resolved 2");
        assertThatThrownBy(() -> assertThat(log).hasNoRecord("action-start"))
                .hasMessageContaining("there were 2");

        Experiment e = env.engine.getExperiment(id);
        assertThatThrownBy(() -> assertThat(e).isStopped())
                .hasMessageContaining("Expecting experiment " + id + " to be stopped but was completed");
        assertThatThrownBy(() -> assertThat(e).hasActionState("Arm", ActionStatus.FAILED))
                .hasMessageContaining("Expecting action \"Arm\" of experiment " + id + " to be failed but was completed");
        assertThatThrownBy(() -> assertThat(e).hasActionState("Missing", ActionStatus.FAILED))
                .hasMessageContaining("its actions are");
        assertThatThrownBy(() -> assertThat(e).hasError("ActionFailed", "Arm")).hasMessageContaining("but was none");
    }

    @Test
    void aFailedActionIsDescribedInBothViews() {
        String id = env.start(TestEngines.waitThenArm("PT1M", "13", InMemoryStopCondition.spec("s")));
        Experiment e = FisTestkit.advanceUntilEnded(env.engine, env.clock, id, Duration.ofHours(1));
        assertThat(e).isFailed().hasError("ActionFailed", "Arm").hasActionState("Arm", ActionStatus.FAILED)
                .hasActionReasonContaining("Arm", "13 is unlucky").hasReasonContaining("Action 'Arm' failed");
        assertThat(env.recorder.log(id)).hasActionError("Arm", "13 is unlucky").hasActionEnded("Arm", "failed")
                .experimentEndedWith("failed");
    }

    @Test
    void theRecorderSeparatesExperimentsAndWaitsForAnEnd() {
        String first = completedRun();
        String second = env.start(TestEngines.waitThenArm("PT2M", "7", InMemoryStopCondition.spec("s")));
        env.clock.awaitIdle();
        assertThat(env.recorder.snapshot().experimentIds()).containsExactly(first, second);
        assertThat(env.recorder.log(second).experimentEnd()).isEmpty();
        assertThatThrownBy(() -> env.recorder.awaitEnd(second, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("waiting for experiment " + second + " to end")
                .hasMessageContaining("action-start Wait");
        env.clock.advance(Duration.ofMinutes(3));
        assertThat(env.recorder.awaitEnd(second, Duration.ofSeconds(5)).experimentEndStatus()).contains("completed");
        assertThat(env.recorder.records(second)).isNotEmpty();
        assertThat(env.recorder.stateChanges(second)).hasSize(4);
        env.recorder.clear();
        assertThat(env.recorder.snapshot().records()).isEmpty();
    }
}
