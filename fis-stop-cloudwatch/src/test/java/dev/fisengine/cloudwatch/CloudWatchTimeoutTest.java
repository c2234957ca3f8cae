package dev.fisengine.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.cloudwatch.internal.AlarmReadException;
import dev.fisengine.cloudwatch.testserver.FakeCloudWatchServer.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A hung CloudWatch: each attempt ends at the request timeout, and counts as a failed read. */
class CloudWatchTimeoutTest extends CloudWatchFixture {
    @Override
    CloudWatchStopConditionSettings.Builder settings(CloudWatchStopConditionSettings.Builder base) {
        return base.requestTimeout(Duration.ofMillis(300)).attemptsPerPoll(1).failuresBeforeStop(2);
    }

    @Test
    void aCallThatHangsPastTheTimeoutIsAFailedRead() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        StopConditionMonitor m = open("EXP1", arn);
        east.hangTime(Duration.ofSeconds(3));
        east.failAlways(Fault.HANG);

        long start = System.nanoTime();
        pollOnce();
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMs).as("bounded by the 300 ms request timeout, not the 3 s hang").isLessThan(2_500);
        assertThatThrownBy(m::check).isInstanceOf(AlarmReadException.class)
                .hasMessageContaining(arn)
                .hasMessageContaining("failed 1 time")
                .hasMessageContaining("timed out");
        pollOnce();
        assertThat(m.check().triggered()).isTrue();
        assertThat(m.check().reason()).contains("could not be read in 2 consecutive polls").contains("timed out");
    }
}
