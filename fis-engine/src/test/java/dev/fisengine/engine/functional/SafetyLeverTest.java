package dev.fisengine.engine.functional;

import static dev.fisengine.engine.fixtures.Templates.arm;
import static dev.fisengine.engine.fixtures.Templates.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.KillSwitch;
import dev.fisengine.api.exception.ConflictException;
import dev.fisengine.api.exception.ResourceNotFoundException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.SafetyLever;
import dev.fisengine.api.model.SafetyLeverStatus;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Quotas;
import dev.fisengine.engine.fixtures.Await;
import dev.fisengine.engine.fixtures.Engines;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The FIS safety lever and the process-wide switch that engages it at start-up. */
class SafetyLeverTest {
    private final Engines env = new Engines();
    private FisEngine engine = env.builder().options(Engines.testOptions()
            .quotas(Quotas.builder().activeExperiments(2).build()).build()).build();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void theLeverStartsDisengaged() {
        SafetyLever l = engine.getSafetyLever("default");
        assertThat(l.id()).isEqualTo("default");
        assertThat(l.arn()).isEqualTo("arn:aws:fis:us-east-1:123456789012:safety-lever/default");
        assertThat(l.state().status()).isEqualTo(SafetyLeverStatus.DISENGAGED);
        assertThatThrownBy(() -> engine.getSafetyLever("other")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void engagingStopsRunningExperimentsAndCancelsNewOnesUntilDisengaged() {
        String tid = engine.createExperimentTemplate(template().action("fault", arm("PT10M")).build()).id();
        String running = engine.startExperiment(tid).id();
        env.clock.awaitIdle();

        SafetyLever engaged = engine.updateSafetyLeverState("default", SafetyLeverStatus.ENGAGED, "game day over");

        assertThat(engaged.state()).isEqualTo(new SafetyLever.State(SafetyLeverStatus.ENGAGED, "game day over"));
        Experiment stopped = engine.getExperiment(running);
        assertThat(stopped.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(stopped.state().reason())
                .isEqualTo("Experiment stopped because the safety lever was engaged: game day over");
        assertThat(env.action.armed()).isEmpty();

        for (int i = 0; i < 3; i++) { // more than the active quota (2): cancelled ones do not count
            Experiment cancelled = engine.startExperiment(tid);
            assertThat(cancelled.state().status()).isEqualTo(ExperimentStatus.CANCELLED);
            assertThat(cancelled.state().reason())
                    .isEqualTo("Experiment was cancelled because the safety lever is engaged: game day over");
            assertThat(cancelled.actions().get("fault").state().status()).isEqualTo(ActionStatus.CANCELLED);
            env.clock.awaitIdle(); // events are delivered after the fact, on the engine's threads
            assertThat(env.recorder.statuses(cancelled.id())).containsExactly("pending", "cancelled");
            assertThat(env.recorder.logTypes(cancelled.id())).containsExactly("action-end:fault", "experiment-end");
        }
        env.clock.awaitIdle();
        assertThat(env.action.armCount()).isEqualTo(1);

        engine.updateSafetyLeverState("default", SafetyLeverStatus.DISENGAGED, "next game day");
        assertThat(engine.startExperiment(tid).state().status()).isEqualTo(ExperimentStatus.INITIATING);
    }

    @Test
    void theLeverIsEngagingWhileExperimentsStopAndCannotChangeMeanwhile() throws Exception {
        // Stubborn: the start ignores the interrupt that stopping sends, so the lever stays "engaging" until the
        // test releases it (an interruptible start could end at once and the lever pass "engaging" unseen).
        CountDownLatch release = env.action.stubborn("slow");
        String tid = engine.createExperimentTemplate(template().action("slow", arm("PT10M")).build()).id();
        engine.startExperiment(tid);
        env.action.awaitEntered("slow");

        CompletableFuture<SafetyLever> engaging = CompletableFuture.supplyAsync(() ->
                engine.updateSafetyLeverState("default", SafetyLeverStatus.ENGAGED, "stop"));
        Await.until(() -> engine.getSafetyLever("default").state().status() == SafetyLeverStatus.ENGAGING,
                "the lever is engaging");
        assertThatThrownBy(() -> engine.updateSafetyLeverState("default", SafetyLeverStatus.DISENGAGED, "oops"))
                .isInstanceOf(ConflictException.class);
        assertThat(engine.startExperiment(tid).state().status()).isEqualTo(ExperimentStatus.CANCELLED);

        release.countDown();
        assertThat(engaging.get().state().status()).isEqualTo(SafetyLeverStatus.ENGAGED);
        assertThat(env.action.armed()).isEmpty();
    }

    @Test
    void updatesNeedAReasonAndATargetStatus() {
        assertThatThrownBy(() -> engine.updateSafetyLeverState("default", SafetyLeverStatus.ENGAGED, " "))
                .isInstanceOf(ValidationException.class).hasMessageContaining("/state/reason");
        assertThatThrownBy(() -> engine.updateSafetyLeverState("default", SafetyLeverStatus.ENGAGING, "x"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("engaged or disengaged");
    }

    @Test
    void theSystemPropertyEngagesTheLeverAtStartUpAndCodeCannotDisengageIt() {
        System.setProperty(FisEngine.SAFETY_LEVER_PROPERTY, "engaged");
        try (FisEngine locked = env.builder().options(Engines.testOptions().safetyLeverSwitch(true).build())
                .build();
                FisEngine ignoring = env.builder().options(Engines.testOptions().safetyLeverSwitch(false).build())
                        .build()) {
            SafetyLever l = locked.getSafetyLever("default");
            assertThat(l.state().status()).isEqualTo(SafetyLeverStatus.ENGAGED);
            assertThat(l.state().reason()).contains("fisengine.safetyLever=engaged");
            String tid = locked.createExperimentTemplate(template().action("fault", arm("PT10M")).build()).id();
            assertThat(locked.startExperiment(tid).state().status()).isEqualTo(ExperimentStatus.CANCELLED);
            assertThatThrownBy(() -> locked.updateSafetyLeverState("default", SafetyLeverStatus.DISENGAGED, "x"))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("process-wide switch");
            assertThat(env.action.starts()).isEmpty();

            assertThat(ignoring.getSafetyLever("default").state().status())
                    .isEqualTo(SafetyLeverStatus.DISENGAGED);
        } finally {
            System.clearProperty(FisEngine.SAFETY_LEVER_PROPERTY);
        }
    }

    @Test
    void theKillSwitchIsReadAtRunTimeCaseInsensitivelyAndFromCode() {
        try {
            assertThat(KillSwitch.isEngaged()).isFalse();
            System.setProperty(KillSwitch.PROPERTY, " ENGAGED ");
            assertThat(KillSwitch.reason()).isEqualTo("Engaged by system property fisengine.safetyLever=engaged.");
            System.setProperty(KillSwitch.PROPERTY, "true");
            assertThat(KillSwitch.isEngaged()).isFalse();
            KillSwitch.engage("incident 42");
            assertThat(KillSwitch.reason()).isEqualTo("Engaged by KillSwitch.engage: incident 42");
            KillSwitch.release();
            assertThat(KillSwitch.isEngaged()).isFalse();
        } finally {
            KillSwitch.release();
            System.clearProperty(KillSwitch.PROPERTY);
        }
    }
}
