package dev.fisengine.engine.functional;

import static dev.fisengine.engine.fixtures.Templates.arm;
import static dev.fisengine.engine.fixtures.Templates.template;
import static dev.fisengine.engine.fixtures.Templates.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.exception.ConflictException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Quotas;
import dev.fisengine.engine.fixtures.Await;
import dev.fisengine.engine.fixtures.Engines;
import dev.fisengine.engine.fixtures.FlagStopCondition;
import dev.fisengine.engine.fixtures.Templates;
import dev.fisengine.engine.fixtures.TestAction;
import dev.fisengine.engine.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Manual stop in every state, stop conditions, action failures, revert guarantees, close and the time limit. */
class StopAndFailureTest {
    private static final String FLAG = "flag/production-error-rate";

    private final Engines env = new Engines();
    private final ManualClock clock = env.clock;
    private final Instant t0 = clock.instant();
    private FisEngine engine = env.build();

    @AfterEach
    void close() {
        engine.close();
    }

    private String create(Templates t) {
        return engine.createExperimentTemplate(t.build()).id();
    }

    private Experiment get(String id) {
        return engine.getExperiment(id);
    }

    private ExperimentStatus status(String id) {
        return get(id).state().status();
    }

    @Test
    void stoppingARunningExperimentRevertsEverythingBeforeStopReturns() {
        String tid = create(template().action("fault", arm("PT10M")).action("next", waitFor("PT1M", "fault")));
        String id = engine.startExperiment(tid).id();
        clock.awaitIdle();
        assertThat(env.action.armed()).containsExactly(TestAction.key(id, "fault"));

        Experiment returned = engine.stopExperiment(id);

        assertThat(returned.state().status()).isEqualTo(ExperimentStatus.STOPPING);
        assertThat(returned.state().reason()).isEqualTo("Stopping Experiment.");
        assertThat(env.action.armed()).isEmpty();
        assertThat(env.action.revertCount(id, "fault")).isEqualTo(1);
        Experiment e = get(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(e.state().reason()).isEqualTo("Experiment stopped.");
        assertThat(e.endTime()).isEqualTo(t0);
        assertThat(e.actions().get("fault").state().status()).isEqualTo(ActionStatus.STOPPED);
        assertThat(e.actions().get("fault").state().reason()).isEqualTo("Action was stopped.");
        assertThat(e.actions().get("fault").endTime()).isEqualTo(t0);
        assertThat(e.actions().get("next").state().status()).isEqualTo(ActionStatus.CANCELLED);
        assertThat(env.recorder.statuses(id)).containsExactly("pending", "initiating", "running", "stopping",
                "stopped");
        assertThat(env.recorder.logTypes(id)).containsExactly("experiment-start", "action-start:fault",
                "action-end:next", "action-end:fault", "experiment-end");

        clock.advance(Duration.ofHours(1)); // nothing left scheduled fires
        assertThat(env.action.revertCount(id, "fault")).isEqualTo(1);
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    void stoppingAnEndedExperimentIsAValidationErrorAsTheFisModelDeclares() {
        String id = engine.startExperiment(create(template().action("w", waitFor("PT1M")))).id();
        clock.awaitIdle();
        clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> engine.stopExperiment(id))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Experiment " + id + " is already completed and cannot be stopped.");
    }

    @Test
    void stoppingWhileTargetsAreBeingResolvedCancelsEveryAction() throws Exception {
        env.things.add("one", Map.of("env", "test"), Map.of());
        CountDownLatch release = env.things.blocking();
        String tid = create(template().target("T", Templates.things("ALL", Map.of("env", "test"), null))
                .action("a", Templates.armOn("PT1M", "T")));
        String id = engine.startExperiment(tid).id();
        env.things.awaitEntered();
        assertThat(status(id)).isEqualTo(ExperimentStatus.INITIATING);

        Experiment stopped = engine.stopExperiment(id); // does not wait for the resolver: it is abandoned
        release.countDown();

        assertThat(stopped.state().status()).isEqualTo(ExperimentStatus.STOPPING);
        Experiment e = get(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(e.actions().get("a").state().status()).isEqualTo(ActionStatus.CANCELLED);
        assertThat(e.actions().get("a").state().reason())
                .isEqualTo("Action was cancelled because the experiment ended before it started.");
        assertThat(env.action.starts()).isEmpty();
    }

    @Test
    void stoppingWhileAnActionIsStillStartingInterruptsItThenRevertsIt() throws Exception {
        env.action.blocking("slow"); // blocks interruptibly, never released
        String id = engine.startExperiment(create(template().action("slow", arm("PT10M")))).id();
        env.action.awaitEntered("slow");
        Await.until(() -> get(id).actions().get("slow").state().status() == ActionStatus.INITIATING,
                "the action is initiating");
        assertThat(get(id).actions().get("slow").state().reason()).isEqualTo("Action is initiating.");

        Experiment stopping = engine.stopExperiment(id);

        assertThat(stopping.state().status()).isEqualTo(ExperimentStatus.STOPPING);
        assertThat(stopping.actions().get("slow").state().status()).isEqualTo(ActionStatus.STOPPING);
        assertThat(stopping.actions().get("slow").state().reason()).isEqualTo("Action is stopping.");
        assertThat(env.action.armed()).isEmpty();
        assertThat(env.action.revertCount(id, "slow")).isEqualTo(1);
        assertThat(get(id).actions().get("slow").state().status()).isEqualTo(ActionStatus.STOPPED);
    }

    @Test
    void aSecondStopWhileStoppingWaitsToo() throws Exception {
        CountDownLatch release = env.action.stubborn("slow"); // ignores the stop's interrupt until released
        String id = engine.startExperiment(create(template().action("slow", arm("PT10M")))).id();
        env.action.awaitEntered("slow");
        CompletableFuture<Experiment> first = CompletableFuture.supplyAsync(() -> engine.stopExperiment(id));
        Await.until(() -> status(id) == ExperimentStatus.STOPPING, "the experiment is stopping");
        AtomicReference<Experiment> second = new AtomicReference<>();
        Thread t = new Thread(() -> second.set(engine.stopExperiment(id)));
        t.start();
        Await.until(() -> (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)
                && java.util.Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(CompletableFuture.class.getName())),
                "the second stop waits for the end of the experiment");

        release.countDown();
        t.join(10_000);

        assertThat(first.get().state().status()).isEqualTo(ExperimentStatus.STOPPING);
        assertThat(second.get().state().status()).isEqualTo(ExperimentStatus.STOPPING);
        assertThat(status(id)).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(env.action.revertCount(id, "slow")).isEqualTo(1);
    }

    @Test
    void aTriggeredStopConditionPreventsTheStart() {
        env.flags.raise(FLAG);
        String tid = create(template().stopCondition(FlagStopCondition.SOURCE, FLAG).action("a", arm("PT1M")));

        String id = engine.startExperiment(tid).id();
        clock.awaitIdle();

        Experiment e = get(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(e.state().reason()).isEqualTo("Experiment stopped by stop condition test:flag ("
                + FLAG + "): flag " + FLAG + " is raised");
        assertThat(e.actions().get("a").state().status()).isEqualTo(ActionStatus.CANCELLED);
        assertThat(env.action.starts()).isEmpty();
        assertThat(env.flags.closed()).isEqualTo(1);
        assertThat(env.recorder.statuses(id)).containsExactly("pending", "initiating", "stopping", "stopped");
    }

    @Test
    void aStopConditionPolledWhileRunningStopsTheExperimentAndNamesTheCondition() {
        String tid = create(template().stopCondition(FlagStopCondition.SOURCE, FLAG).action("fault", arm("PT10M")));
        String id = engine.startExperiment(tid).id();
        clock.awaitIdle();
        int checksAtStart = env.flags.checks();

        clock.advance(Duration.ofSeconds(12)); // polls at 5 s and 10 s: all clear
        assertThat(env.flags.checks()).isEqualTo(checksAtStart + 2);
        env.flags.raise(FLAG);
        clock.advance(Duration.ofSeconds(5)); // the 15 s poll sees it

        Experiment e = get(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(e.state().reason()).contains("stop condition test:flag (" + FLAG + ")");
        assertThat(e.endTime()).isEqualTo(t0.plusSeconds(15));
        assertThat(e.actions().get("fault").state().status()).isEqualTo(ActionStatus.STOPPED);
        assertThat(env.action.armed()).isEmpty();
        assertThat(env.flags.closed()).isEqualTo(1);
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    void theStopConditionPollIntervalIsConfigurable() {
        engine.close();
        engine = env.builder().options(Engines.testOptions().stopConditionPollInterval(Duration.ofMinutes(1))
                .build()).build();
        String tid = create(template().stopCondition(FlagStopCondition.SOURCE, FLAG).action("w", waitFor("PT10M")));
        String id = engine.startExperiment(tid).id();
        clock.awaitIdle();
        env.flags.raise(FLAG);
        clock.advance(Duration.ofSeconds(59));
        assertThat(status(id)).isEqualTo(ExperimentStatus.RUNNING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(status(id)).isEqualTo(ExperimentStatus.STOPPED);
    }

    @Test
    void aStopConditionThatCannotBeCheckedFailsTheExperimentAfterThreeTries() {
        String tid = create(template().stopCondition(FlagStopCondition.SOURCE, FLAG).action("fault", arm("PT10M")));
        String id = engine.startExperiment(tid).id();
        clock.awaitIdle();
        env.flags.breakCheck(FLAG);

        clock.advance(Duration.ofSeconds(10));
        assertThat(status(id)).isEqualTo(ExperimentStatus.RUNNING);
        clock.advance(Duration.ofSeconds(5));

        Experiment e = get(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(e.state().reason()).isEqualTo("Stop condition test:flag (" + FLAG + ") could not be checked 3 "
                + "times in a row: flag store unreachable");
        assertThat(e.state().error().code()).isEqualTo("StopConditionError");
        assertThat(env.action.armed()).isEmpty();
    }

    @Test
    void oneFailingActionFailsTheExperimentStopsTheOthersAndCancelsPendingOnes() {
        env.action.failing("bad", "boom: permission denied");
        String tid = create(template()
                .action("long", arm("PT10M"))
                .action("bad", arm(null))
                .action("later", waitFor("PT1M", "bad")));
        String id = engine.startExperiment(tid).id();
        clock.awaitIdle();

        Experiment e = get(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(e.state().reason()).isEqualTo("Action 'bad' failed: boom: permission denied");
        assertThat(e.state().error().code()).isEqualTo("ActionFailed");
        assertThat(e.state().error().location()).isEqualTo("bad");
        assertThat(e.state().error().accountId()).isEqualTo("123456789012");
        assertThat(e.actions().get("bad").state().status()).isEqualTo(ActionStatus.FAILED);
        assertThat(e.actions().get("bad").state().reason()).isEqualTo("boom: permission denied");
        assertThat(e.actions().get("long").state().status()).isEqualTo(ActionStatus.STOPPED);
        assertThat(e.actions().get("later").state().status()).isEqualTo(ActionStatus.CANCELLED);
        assertThat(env.action.revertCount(id, "bad")).isEqualTo(1); // armed before throwing: still reverted
        assertThat(env.action.revertCount(id, "long")).isEqualTo(1);
        assertThat(env.action.armed()).isEmpty();
        assertThat(env.recorder.logTypes(id)).contains("action-error:bad");
        assertThat(env.recorder.statuses(id)).containsExactly("pending", "initiating", "running", "failed");
    }

    @Test
    void aRevertThatThrowsIsReportedButTheOtherRevertsStillRun() {
        env.action.revertFailing("a", "cannot restore");
        String id = engine.startExperiment(create(template().action("a", arm("PT10M")).action("b", arm("PT10M"))))
                .id();
        clock.awaitIdle();

        engine.stopExperiment(id);

        Experiment e = get(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(e.actions().get("a").state().reason())
                .isEqualTo("Action was stopped; reverting it failed: cannot restore");
        assertThat(e.actions().get("b").state().reason()).isEqualTo("Action was stopped.");
        assertThat(env.action.revertCount(id, "a")).isEqualTo(1);
        assertThat(env.action.revertCount(id, "b")).isEqualTo(1);
    }

    @Test
    void everyStartedActionIsRevertedExactlyOnceTheActionsInParallel() {
        String id = engine.startExperiment(create(template()
                .action("first", arm("PT10M"))
                .action("second", arm("PT10M", "gate"))
                .action("gate", arm("PT1M")))).id();
        clock.awaitIdle();
        clock.advance(Duration.ofMinutes(1)); // gate completes (reverted), second starts

        engine.stopExperiment(id);

        // gate was reverted when its duration elapsed; the other two on stop, in parallel (no order between actions)
        assertThat(env.action.revertLog().get(0)).isEqualTo(TestAction.key(id, "gate"));
        assertThat(env.action.revertLog()).containsExactlyInAnyOrder(TestAction.key(id, "gate"),
                TestAction.key(id, "second"), TestAction.key(id, "first"));
    }

    @Test
    void closingTheEngineStopsItsExperimentsAndRevertsTheirFaults() {
        String tid = create(template().action("fault", arm("PT10M")));
        String a = engine.startExperiment(tid).id();
        String b = engine.startExperiment(tid).id();
        clock.awaitIdle();
        assertThat(env.action.armed()).hasSize(2);

        engine.close();

        assertThat(env.action.armed()).isEmpty();
        assertThat(get(a).state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(get(a).state().reason()).isEqualTo("Experiment stopped because the engine was closed.");
        assertThat(get(b).state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(engine.isClosed()).isTrue();
        assertThatThrownBy(() -> engine.startExperiment(tid)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void anExperimentLongerThanTheQuotaIsStoppedAtTheLimit() {
        engine.close();
        engine = env.builder().options(Engines.testOptions().quotas(Quotas.builder().activeExperiments(10)
                .experimentDuration(Duration.ofMinutes(30)).build()).build()).build();
        String id = engine.startExperiment(create(template().action("w", waitFor("PT1H")))).id();
        clock.awaitIdle();

        clock.advance(Duration.ofMinutes(30));

        Experiment e = get(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(e.state().reason()).isEqualTo("Experiment exceeded the maximum experiment duration of PT30M.");
        assertThat(e.endTime()).isEqualTo(t0.plus(Duration.ofMinutes(30)));
    }

    @Test
    void aListenerMayStopTheExperimentItIsToldAbout() {
        AtomicReference<FisEngine> ref = new AtomicReference<>();
        engine.close();
        engine = env.builder().listener(change -> {
            if (change.detail().newState().status().equals("running")) {
                ref.get().stopExperiment(change.detail().experimentId());
            }
        }).build();
        ref.set(engine);

        String id = engine.startExperiment(create(template().action("fault", arm("PT10M")))).id();
        clock.awaitIdle();

        assertThat(status(id)).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(env.action.armed()).isEmpty();
    }
}
