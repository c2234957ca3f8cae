package dev.fisengine.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionStatus;
import dev.fisengine.cloudwatch.testserver.FakeCloudWatchServer.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The poller's own thread, in real time, with a 100 ms poll interval: how long from an alarm entering ALARM to the
 * monitor reporting it. The figures are printed (see docs/stop-conditions.md) and bounded loosely enough for a
 * loaded two-core machine.
 */
class BackgroundPollingTest extends CloudWatchFixture {
    static final Duration INTERVAL = Duration.ofMillis(100);

    @Override
    CloudWatchStopConditionSettings.Builder settings(CloudWatchStopConditionSettings.Builder base) {
        return base.pollInterval(INTERVAL);
    }

    @Test
    void aFlipIsSeenWithinOneIntervalOfBackgroundPolling() throws Exception {
        // An experiment that stays open keeps the poller's thread running, so each flip falls at a different
        // point of the polling cycle, as it would in a real run.
        open("EXP-anchor", east.putAlarm("anchor", "OK", "fine"));
        List<Long> reactionMs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "alarm-" + i;
            String arn = east.putAlarm(name, "OK", "fine");
            StopConditionMonitor m = open("EXP" + i, arn);
            assertThat(m.check().triggered()).isFalse();

            flip(east, name, StateValue.ALARM, "flipped in round " + i);
            long flippedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                    .until(() -> m.check().triggered());
            reactionMs.add((System.nanoTime() - flippedAt) / 1_000_000);

            assertThat(m.check().reason()).contains(arn).contains("flipped in round " + i);
            m.close();
        }
        List<Long> sorted = new ArrayList<>(reactionMs);
        Collections.sort(sorted);
        System.out.println("stop-condition reaction time, poll interval " + INTERVAL.toMillis() + " ms: min "
                + sorted.get(0) + " ms, median " + sorted.get(sorted.size() / 2) + " ms, max "
                + sorted.get(sorted.size() - 1) + " ms; all " + reactionMs);
        // Within one interval plus the time of a DescribeAlarms round trip; slack for a loaded CI machine.
        assertThat(sorted.get(sorted.size() - 1)).isLessThan(INTERVAL.toMillis() + 1_000);
    }

    @Test
    void cloudWatchThrottlingEveryCallStopsTheExperimentAfterTheBound() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        StopConditionMonitor m = open("EXP1", arn);
        east.failAlways(Fault.THROTTLE);
        long start = System.nanoTime();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> {
            try {
                return m.check().triggered();
            } catch (RuntimeException readFailure) {
                return false; // what the engine counts as a failed check
            }
        });

        long tookMs = (System.nanoTime() - start) / 1_000_000;
        StopConditionStatus status = m.check();
        assertThat(status.reason()).contains("could not be read in 3 consecutive polls").contains("Throttling");
        assertThat(tookMs).as("three polls of 100 ms").isGreaterThanOrEqualTo(3 * INTERVAL.toMillis() - 50);
    }
}
