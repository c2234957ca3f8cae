package dev.fisengine.cloudwatch.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.cloudwatch.AssertAlarmStateActionProvider;
import dev.fisengine.cloudwatch.testserver.FakeCloudWatchServer.Fault;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The {@code aws:cloudwatch:alarm} stop condition and the {@code aws:cloudwatch:assert-alarm-state} action inside
 * a real engine, on the engine's {@link ManualClock}: the engine checks its stop conditions every 5 s of manual
 * time, and the test runs the CloudWatch poller's polls itself ({@code pollOnce()}), so every step is explicit and
 * nothing waits on real time. CloudWatch is the loopback server, read through the real SDK client.
 */
class StopConditionInEngineTest extends EngineFixture {
    private static final Duration CHECK = Duration.ofSeconds(5); // EngineOptions.stopConditionPollInterval default
    private final ManualClock clock = new ManualClock();
    private final Instant t0 = clock.instant();

    @Override
    FisEngine.Builder engineBuilder() {
        return super.engineBuilder().clock(clock);
    }

    private static String count(String duration, String... after) {
        return action(CountingAction.ID, List.of(after), "duration", duration);
    }

    @Test
    void anAlarmAlreadyInAlarmPreventsTheStart() {
        String arn = east.putAlarm("api-errors", "ALARM", "Threshold Crossed: 3 datapoints were greater than 5");
        String tid = template(Map.of("fault", count("PT10M")), arn);

        String id = engine.startExperiment(tid).id();
        clock.awaitIdle();

        Experiment e = experiment(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(e.state().reason())
                .startsWith("Experiment stopped by stop condition aws:cloudwatch:alarm (" + arn + "): CloudWatch alarm "
                        + arn + " is in ALARM since ")
                .endsWith(": Threshold Crossed: 3 datapoints were greater than 5");
        assertThat(e.state().error()).isNull();
        assertThat(statusEvents.get(id)).containsExactly("pending", "initiating", "stopping", "stopped");
        assertThat(e.actions().get("fault").state().status()).isEqualTo(ActionStatus.CANCELLED);
        assertThat(counting.starts(id, "fault")).isZero();
        assertThat(poller().subscribedAlarms()).as("the monitor was closed").isZero();
        assertThat(poller().isPolling()).isFalse();
    }

    @Test
    void aFlipToAlarmMidRunStopsTheExperimentAndRevertsEveryAction() {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        Map<String, String> actions = new LinkedHashMap<>();
        actions.put("fault-a", count("PT10M"));
        actions.put("fault-b", count("PT10M"));
        actions.put("after-a", count("PT10M", "fault-a"));
        String id = engine.startExperiment(template(actions, arn)).id();
        clock.awaitIdle();
        assertThat(status(id)).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(counting.armed()).containsExactlyInAnyOrder(id + "/fault-a", id + "/fault-b");

        pollOnce();
        clock.advance(CHECK); // +5 s: the engine checks, all clear
        assertThat(status(id)).isEqualTo(ExperimentStatus.RUNNING);

        flip("api-errors", StateValue.ALARM, "Threshold Crossed: errors above 5 %");
        clock.advance(CHECK); // +10 s: a check never calls CloudWatch, and nothing polled since the flip
        assertThat(status(id)).isEqualTo(ExperimentStatus.RUNNING);

        pollOnce(); // the poller sees ALARM
        clock.advance(CHECK); // +15 s: the engine's check reports it

        Experiment e = experiment(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(e.state().reason()).startsWith("Experiment stopped by stop condition aws:cloudwatch:alarm ("
                + arn + "): CloudWatch alarm " + arn + " is in ALARM since ")
                .endsWith(": Threshold Crossed: errors above 5 %");
        assertThat(e.endTime()).isEqualTo(t0.plus(CHECK.multipliedBy(3)));
        assertThat(statusEvents.get(id)).containsExactly("pending", "initiating", "running", "stopping", "stopped");
        assertThat(e.actions().get("fault-a").state().status()).isEqualTo(ActionStatus.STOPPED);
        assertThat(e.actions().get("fault-b").state().status()).isEqualTo(ActionStatus.STOPPED);
        assertThat(e.actions().get("after-a").state().status()).isEqualTo(ActionStatus.CANCELLED);
        assertThat(counting.reverts(id, "fault-a")).isEqualTo(1);
        assertThat(counting.reverts(id, "fault-b")).isEqualTo(1);
        assertThat(counting.starts(id, "after-a")).isZero();
        assertThat(counting.armed()).isEmpty();
        assertThat(poller().subscribedAlarms()).isZero();

        clock.advance(Duration.ofHours(1)); // nothing of the experiment is left to fire
        assertThat(counting.reverts(id, "fault-a")).isEqualTo(1);
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    void cloudWatchUnreachableMidRunStopsTheExperimentAfterThreeFailedPolls() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        String id = engine.startExperiment(template(Map.of("fault", count("PT10M")), arn)).id();
        clock.awaitIdle();

        east.refuseConnections();
        for (int failedPolls = 1; failedPolls <= 2; failedPolls++) {
            pollOnce();
            clock.advance(CHECK); // the engine's check throws: one more failed check
            assertThat(status(id)).as("after %s failed poll(s)", failedPolls).isEqualTo(ExperimentStatus.RUNNING);
        }
        pollOnce(); // the third failed poll in a row: the monitor triggers by itself
        clock.advance(CHECK);

        Experiment e = experiment(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(e.state().reason()).startsWith("Experiment stopped by stop condition aws:cloudwatch:alarm ("
                + arn + "): CloudWatch alarm " + arn + " could not be read in 3 consecutive polls, stopping to be safe:"
                + " DescribeAlarms in us-east-1 failed 3 times in a row; last error: ");
        assertThat(e.endTime()).isEqualTo(t0.plus(CHECK.multipliedBy(3)));
        assertThat(e.actions().get("fault").state().status()).isEqualTo(ActionStatus.STOPPED);
        assertThat(counting.reverts(id, "fault")).isEqualTo(1);
        assertThat(counting.armed()).isEmpty();
    }

    @Test
    void whenTheEngineChecksMoreOftenThanThePollerPollsTheEnginesBoundFailsTheExperimentFirst() {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        String id = engine.startExperiment(template(Map.of("fault", count("PT10M")), arn)).id();
        clock.awaitIdle();

        east.refuseConnections();
        pollOnce(); // one failed poll, seen by three checks of the engine
        clock.advance(CHECK.multipliedBy(2));
        assertThat(status(id)).isEqualTo(ExperimentStatus.RUNNING);
        clock.advance(CHECK);

        Experiment e = experiment(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(e.state().reason()).startsWith("Stop condition aws:cloudwatch:alarm (" + arn + ") could not be "
                + "checked 3 times in a row: CloudWatch alarm " + arn + " could not be read (1 of 3 consecutive failed "
                + "polls before the experiment stops): DescribeAlarms in us-east-1 failed 3 times in a row");
        assertThat(e.state().error().code()).isEqualTo("StopConditionError");
        assertThat(counting.reverts(id, "fault")).isEqualTo(1);
        assertThat(counting.armed()).isEmpty();
    }

    @Test
    void aSuccessfulPollResetsTheCountOfFailedOnes() {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        String id = engine.startExperiment(template(Map.of("fault", count("PT10M")), arn)).id();
        clock.awaitIdle();

        for (int round = 0; round < 3; round++) { // fail, fail, recover: never three failures in a row
            east.failAlways(Fault.INTERNAL_ERROR);
            pollOnce();
            clock.advance(CHECK);
            pollOnce();
            clock.advance(CHECK);
            east.heal();
            pollOnce();
            clock.advance(CHECK);
        }

        assertThat(status(id)).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(counting.armed()).containsExactly(id + "/fault");
    }

    @Test
    void assertAlarmStateGatesTheActionsAfterItWhenTheAlarmsMatch() {
        String arn = east.putAlarm("canary", "OK", "fine");
        Map<String, String> actions = new LinkedHashMap<>();
        actions.put("healthy", action(AssertAlarmStateActionProvider.ACTION_ID, List.of(), "alarmArns", arn,
                "alarmStates", "OK,INSUFFICIENT_DATA"));
        actions.put("soak", action("aws:fis:wait", List.of("healthy"), "duration", "PT2M"));
        String id = engine.startExperiment(template(actions)).id();
        clock.awaitIdle();

        Experiment e = experiment(id);
        assertThat(e.actions().get("healthy").state().status()).isEqualTo(ActionStatus.COMPLETED);
        assertThat(e.actions().get("soak").state().status()).isEqualTo(ActionStatus.RUNNING);
        assertThat(e.actions().get("soak").startTime()).isEqualTo(e.actions().get("healthy").endTime());

        clock.advance(Duration.ofMinutes(2));

        e = experiment(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(e.actions().get("soak").endTime()).isEqualTo(t0.plus(Duration.ofMinutes(2)));
    }

    @Test
    void assertAlarmStateReadsTheAlarmWhenItStartsAndFailsTheExperimentWhenItDoesNotMatch() {
        String arn = east.putAlarm("canary", "OK", "fine");
        Map<String, String> actions = new LinkedHashMap<>();
        actions.put("fault", count("PT1M"));
        actions.put("healthy", action(AssertAlarmStateActionProvider.ACTION_ID, List.of("fault"), "alarmArns", arn,
                "alarmStates", "OK"));
        actions.put("soak", action("aws:fis:wait", List.of("healthy"), "duration", "PT2M"));
        String id = engine.startExperiment(template(actions)).id();
        clock.awaitIdle();

        clock.advance(Duration.ofSeconds(30));
        flip("canary", StateValue.ALARM, "Threshold Crossed: latency p99 above 2 s");
        clock.advance(Duration.ofSeconds(30)); // "fault" completes, then "healthy" starts and reads the alarm

        Experiment e = experiment(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(e.state().reason()).startsWith("Action 'healthy' failed: ").contains(arn + " is ALARM")
                .contains("Threshold Crossed: latency p99 above 2 s");
        assertThat(e.state().error().code()).isEqualTo("ActionFailed");
        assertThat(e.state().error().location()).isEqualTo("healthy");
        assertThat(e.endTime()).isEqualTo(t0.plus(Duration.ofMinutes(1)));
        assertThat(e.actions().get("fault").state().status()).isEqualTo(ActionStatus.COMPLETED);
        assertThat(e.actions().get("healthy").state().status()).isEqualTo(ActionStatus.FAILED);
        assertThat(e.actions().get("soak").state().status()).isEqualTo(ActionStatus.CANCELLED);
        assertThat(counting.reverts(id, "fault")).isEqualTo(1);
    }
}
