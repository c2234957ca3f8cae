package dev.fisengine.cloudwatch.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.cloudwatch.CloudWatchStopConditionSettings;
import dev.fisengine.engine.EngineOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * End to end in real time: an engine on the system clock checking its stop conditions every 100 ms, the CloudWatch
 * poller's own thread polling every 100 ms, and 20 experiments, each stopped by flipping its alarm to ALARM with
 * {@code SetAlarmState} through the real SDK client. Measures from the flip to the experiment being
 * {@code stopped} (every action stopped and reverted). The figures are printed (docs/stop-conditions.md quotes
 * them); the assertion bound is loose enough for a loaded two-core machine.
 */
class ReactionTimeInEngineTest extends EngineFixture {
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration CHECK = Duration.ofMillis(100);
    static final int FLIPS = 20;

    @Override
    EngineOptions.Builder engineOptions() {
        return super.engineOptions().stopConditionPollInterval(CHECK);
    }

    @Override
    CloudWatchStopConditionSettings.Builder settings() {
        return super.settings().pollInterval(POLL);
    }

    @Test
    void aFlipToAlarmStopsTheRunningExperimentWithinOnePollAndOneCheck() {
        // An experiment that runs throughout keeps the poller's thread polling on its own cycle, so each flip falls
        // at a different point of it, as in a real run.
        String anchorArn = east.putAlarm("anchor", "OK", "fine");
        String anchor = engine.startExperiment(template(Map.of("soak",
                action("aws:fis:wait", List.of(), "duration", "PT1H")), anchorArn)).id();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(anchor) == ExperimentStatus.RUNNING);

        List<Long> reactionMs = new ArrayList<>();
        for (int i = 0; i < FLIPS; i++) {
            String name = "alarm-" + i;
            String arn = east.putAlarm(name, "OK", "fine");
            String id = engine.startExperiment(template(Map.of("fault",
                    action(CountingAction.ID, List.of(), "duration", "PT10M")), arn)).id();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                    .until(() -> status(id) == ExperimentStatus.RUNNING && counting.starts(id, "fault") == 1);

            flip(name, StateValue.ALARM, "flipped in round " + i);
            long flippedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                    .until(() -> status(id) == ExperimentStatus.STOPPED);
            reactionMs.add((System.nanoTime() - flippedAt) / 1_000_000);

            Experiment e = experiment(id);
            assertThat(e.state().reason()).startsWith("Experiment stopped by stop condition aws:cloudwatch:alarm ("
                    + arn + "): CloudWatch alarm " + arn + " is in ALARM").endsWith("flipped in round " + i);
            assertThat(e.actions().get("fault").state().status()).isEqualTo(ActionStatus.STOPPED);
            assertThat(counting.reverts(id, "fault")).isEqualTo(1);
        }
        assertThat(status(anchor)).isEqualTo(ExperimentStatus.RUNNING);
        engine.stopExperiment(anchor);
        assertThat(counting.armed()).isEmpty();

        List<Long> sorted = new ArrayList<>(reactionMs);
        Collections.sort(sorted);
        System.out.println("engine stop-condition reaction time (flip to stopped), CloudWatch poll "
                + POLL.toMillis() + " ms, engine check " + CHECK.toMillis() + " ms, " + FLIPS + " flips: min "
                + sorted.get(0) + " ms, median " + sorted.get(sorted.size() / 2) + " ms, max "
                + sorted.get(sorted.size() - 1) + " ms; all " + reactionMs);
        // At most one poll interval, one check interval, a DescribeAlarms round trip and the reverts; slack for a
        // loaded CI machine.
        assertThat(sorted.get(sorted.size() - 1)).isLessThan(POLL.plus(CHECK).toMillis() + 1_500);
    }
}
