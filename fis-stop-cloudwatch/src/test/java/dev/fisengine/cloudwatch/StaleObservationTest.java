package dev.fisengine.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionStatus;
import dev.fisengine.cloudwatch.internal.AlarmReadException;
import dev.fisengine.cloudwatch.testserver.FakeCloudWatchServer.Fault;
import dev.fisengine.engine.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: a poller that has stalled (its thread stuck, polling stopped) must not keep reporting the last {@code OK}
 * forever. An observation older than {@code maxObservationAge} ({@code staleAfterPolls} poll intervals plus the
 * longest poll) is a failed read; one that many more intervals older triggers. The loopback CloudWatch server and the
 * real SDK client read the alarm; the engine's clock is a {@link ManualClock}, and nothing polls in the background
 * (the interval is an hour of real time).
 */
class StaleObservationTest extends CloudWatchFixture {
    private final ManualClock clock = new ManualClock();
    private CloudWatchStopConditionSettings settings;

    @BeforeEach
    void onTheManualClock() {
        runtime.close();
        settings = baseSettings().staleAfterPolls(3).build(); // interval 1 h, 3 attempts of at most 2 s, no pauses
        runtime = new TestRuntime("stale-test", clock, settings);
    }

    @Test
    void theBoundIsThreeIntervalsPlusTheLongestPoll() {
        assertThat(settings.maxObservationAge()).isEqualTo(Duration.ofHours(3).plusSeconds(6));
    }

    @Test
    void anObservationOlderThanTheBoundIsAFailedReadUntilAPollRefreshesIt() throws Exception {
        StopConditionMonitor m = open("EXP1", east.putAlarm("api-errors", "OK", "fine"));
        assertThat(m.check()).isEqualTo(StopConditionStatus.ok());

        clock.advance(settings.maxObservationAge());
        assertThat(m.check()).as("exactly at the bound").isEqualTo(StopConditionStatus.ok());

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(m::check).isInstanceOf(AlarmReadException.class)
                .hasMessageContaining("api-errors")
                .hasMessageContaining("older than PT3H6S")
                .hasMessageContaining("the poller has stalled; counted as a failed read");

        pollOnce();
        assertThat(m.check()).as("a fresh poll").isEqualTo(StopConditionStatus.ok());
    }

    @Test
    void anObservationStaleForFailuresBeforeStopMoreIntervalsTriggers() throws Exception {
        StopConditionMonitor m = open("EXP1", east.putAlarm("api-errors", "OK", "fine"));

        clock.advance(settings.maxObservationAge().plus(Duration.ofMinutes(90)));
        assertThatThrownBy(m::check).as("two polls missed").isInstanceOf(AlarmReadException.class);

        clock.advance(Duration.ofHours(1));
        StopConditionStatus status = m.check();
        assertThat(status.triggered()).as("three polls missed (failuresBeforeStop)").isTrue();
        assertThat(status.reason()).contains("api-errors").contains("the poller has stalled, stopping to be safe");
    }

    @Test
    void aFailedPollIsStillAnObservationAndResetsTheAge() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        StopConditionMonitor m = open("EXP1", arn);
        clock.advance(settings.maxObservationAge().plusSeconds(1));
        east.failAlways(Fault.INTERNAL_ERROR);

        pollOnce(); // a read that failed: counted by the failed-poll rule, not as stale
        assertThatThrownBy(m::check).isInstanceOf(AlarmReadException.class)
                .hasMessageContaining("1 of 3 consecutive failed polls");
    }
}
