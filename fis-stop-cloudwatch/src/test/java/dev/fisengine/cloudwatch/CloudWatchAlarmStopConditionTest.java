package dev.fisengine.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.exception.ResourceNotFoundException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionStatus;
import dev.fisengine.cloudwatch.internal.AlarmReadException;
import dev.fisengine.cloudwatch.testserver.FakeCloudWatchServer;
import dev.fisengine.cloudwatch.testserver.FakeCloudWatchServer.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

class CloudWatchAlarmStopConditionTest extends CloudWatchFixture {

    @Test
    void describesItselfWithAnAlarmArnPattern() {
        StopConditionDescriptor d = new CloudWatchAlarmStopConditionProvider().descriptor();

        assertThat(d.source()).isEqualTo("aws:cloudwatch:alarm");
        assertThat(d.valueRequired()).isTrue();
        Pattern p = Pattern.compile(d.valuePattern());
        assertThat(p.matcher("arn:aws:cloudwatch:us-east-1:123456789012:alarm:api-errors").matches()).isTrue();
        assertThat(p.matcher("arn:aws-us-gov:cloudwatch:us-gov-west-1:123456789012:alarm:a b:c").matches())
                .isTrue();
        assertThat(p.matcher("arn:aws:cloudwatch:us-east-1:12345:alarm:x").matches()).isFalse();
        assertThat(p.matcher("arn:aws:sns:us-east-1:123456789012:alarm:x").matches()).isFalse();
        assertThat(p.matcher("arn:aws:cloudwatch:us-east-1:123456789012:dashboard/x").matches()).isFalse();
        assertThat(d.valueDescription()).contains("alarm");
    }

    @Test
    void anOkAlarmChecksOkAndStartsThePoller() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "Threshold not crossed");

        StopConditionMonitor m = open("EXP1", arn);

        assertThat(m.check()).isEqualTo(StopConditionStatus.ok());
        assertThat(poller().isPolling()).isTrue();
        assertThat(threadNames()).contains("fis-cloudwatch-poller-test-runtime");
        m.close();
        assertThat(poller().isPolling()).isFalse();
        assertThat(poller().subscribedAlarms()).isZero();
    }

    @Test
    void anAlarmAlreadyInAlarmTriggersTheCheckBeforeStart() throws Exception {
        String arn = east.putAlarm("api-errors", "ALARM", "Threshold Crossed: 1 datapoint [5.0] > 1.0");

        StopConditionMonitor m = open("EXP1", arn);

        StopConditionStatus status = m.check();
        assertThat(status.triggered()).isTrue();
        assertThat(status.reason()).contains(arn).contains("ALARM")
                .contains("Threshold Crossed: 1 datapoint [5.0] > 1.0");
        assertThat(poller().completedPolls()).isZero(); // it was the read at open that saw it
    }

    @Test
    void aMissingAlarmIsAClearErrorAtStart() {
        String arn = east.arn("no-such-alarm");

        assertThatThrownBy(() -> open("EXP1", arn))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining(arn)
                .hasMessageContaining("does not exist");
        assertThat(poller().subscribedAlarms()).isZero();
        assertThat(poller().isPolling()).isFalse();
    }

    @Test
    void anAlarmOfAnotherAccountSaysWhichAccountAnswered() {
        east.putAlarm("api-errors", "OK", "fine");
        String otherAccount = "arn:aws:cloudwatch:us-east-1:999999999999:alarm:api-errors";

        assertThatThrownBy(() -> open("EXP1", otherAccount))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining(otherAccount)
                .hasMessageContaining(east.arn("api-errors"))
                .hasMessageContaining("account 999999999999");
    }

    @Test
    void aValueThatIsNotAnAlarmArnIsAValidationError() {
        assertThatThrownBy(() -> open("EXP1", "arn:aws:sns:us-east-1:123456789012:topic"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("\"arn:aws:sns:us-east-1:123456789012:topic\" is not a CloudWatch alarm ARN");
        assertThatThrownBy(() -> new CloudWatchAlarmStopConditionProvider().open(new StopConditionContext(
                "EXP1", CloudWatchAlarmStopConditionProvider.SOURCE, null, runtime)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("a CloudWatch alarm ARN is required");
    }

    @Test
    void anAlarmFlippedMidRunTriggersAtTheNextPoll() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        StopConditionMonitor m = open("EXP1", arn);
        pollOnce();
        assertThat(m.check().triggered()).isFalse();

        flip(east, "api-errors", StateValue.ALARM, "error rate 12% > 5%");
        assertThat(m.check().triggered()).as("nothing read since the flip").isFalse();
        pollOnce();

        StopConditionStatus status = m.check();
        assertThat(status.triggered()).isTrue();
        assertThat(status.reason()).contains(arn).contains("error rate 12% > 5%");
    }

    @Test
    void aFlappingAlarmStaysTriggeredOnceAPollSawAlarm() throws Exception {
        String arn = east.putAlarm("flappy", "OK", "fine");
        StopConditionMonitor m = open("EXP1", arn);

        flip(east, "flappy", StateValue.ALARM, "spike");
        pollOnce();
        flip(east, "flappy", StateValue.OK, "recovered");
        pollOnce();

        StopConditionStatus status = m.check();
        assertThat(status.triggered()).as("latched: the engine may check after the alarm recovered").isTrue();
        assertThat(status.reason()).contains("spike");
    }

    @Test
    void aFlapBetweenTwoPollsIsNotSeen() throws Exception {
        // DescribeAlarms shows the current state only: an ALARM shorter than the interval may be missed. This is
        // the documented sampling behaviour (CloudWatch keeps an alarm in ALARM for at least one period).
        String arn = east.putAlarm("blink", "OK", "fine");
        StopConditionMonitor m = open("EXP1", arn);

        flip(east, "blink", StateValue.ALARM, "blip");
        flip(east, "blink", StateValue.OK, "recovered");
        pollOnce();

        assertThat(m.check().triggered()).isFalse();
    }

    @Test
    void alarmsAcrossRegionsAreReadWithOneCallPerRegionSharedByExperiments() throws Exception {
        List<String> eastArns = List.of(east.putAlarm("e1", "OK", "fine"), east.putAlarm("e2", "OK", "fine"),
                east.putAlarm("e3", "OK", "fine"));
        String w1 = west.putAlarm("w1", "OK", "fine");
        String w2 = west.putAlarm("w2", "OK", "fine");
        StopConditionMonitor a1 = open("EXP-A", eastArns.get(0));
        StopConditionMonitor a2 = open("EXP-A", w1);
        StopConditionMonitor b1 = open("EXP-B", eastArns.get(0));
        StopConditionMonitor b2 = open("EXP-B", eastArns.get(1));
        StopConditionMonitor b3 = open("EXP-B", eastArns.get(2));
        StopConditionMonitor b4 = open("EXP-B", w2);
        StopConditionMonitor c1 = open("EXP-C", w1);
        east.clearCalls();
        west.clearCalls();

        pollOnce();

        assertThat(east.calls("DescribeAlarms")).singleElement()
                .satisfies(c -> assertThat(c.alarmNames()).containsExactlyInAnyOrder("e1", "e2", "e3"));
        assertThat(west.calls("DescribeAlarms")).singleElement()
                .satisfies(c -> assertThat(c.alarmNames()).containsExactlyInAnyOrder("w1", "w2"));
        assertThat(poller().subscribedAlarms()).isEqualTo(5);

        flip(west, "w1", StateValue.ALARM, "eu latency");
        pollOnce();

        assertThat(a2.check().triggered()).isTrue();
        assertThat(c1.check().triggered()).isTrue();
        assertThat(c1.check().reason()).contains(w1).contains("eu latency");
        for (StopConditionMonitor m : List.of(a1, b1, b2, b3, b4)) {
            assertThat(m.check().triggered()).isFalse();
        }
    }

    @Test
    void moreThanAHundredAlarmsAreBatchedInCallsOfAtMostAHundredNames() throws Exception {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            arns.add(east.putAlarm(String.format("alarm-%03d", i), "OK", "fine"));
        }
        for (int i = 0; i < arns.size(); i++) {
            open("EXP-" + (i % 4), arns.get(i));
        }
        east.clearCalls();

        pollOnce();

        List<FakeCloudWatchServer.Call> calls = east.calls("DescribeAlarms");
        assertThat(calls).hasSize(3);
        Set<String> names = new HashSet<>();
        for (FakeCloudWatchServer.Call c : calls) {
            assertThat(c.alarmNames()).hasSizeLessThanOrEqualTo(100);
            names.addAll(c.alarmNames());
        }
        assertThat(names).hasSize(250);
        assertThat(monitors).allSatisfy(m -> assertThat(m.check().triggered()).isFalse());
    }

    @Test
    void experimentsWatchingOneAlarmShareItUntilTheLastCloses() throws Exception {
        String arn = east.putAlarm("shared", "OK", "fine");
        StopConditionMonitor first = open("EXP1", arn);
        StopConditionMonitor second = open("EXP2", arn);
        assertThat(poller().subscribedAlarms()).isEqualTo(1);

        first.close();
        first.close(); // idempotent
        flip(east, "shared", StateValue.ALARM, "still watched");
        east.clearCalls();
        pollOnce();

        assertThat(east.calls("DescribeAlarms")).hasSize(1);
        assertThat(second.check().triggered()).isTrue();
        assertThat(poller().isPolling()).isTrue();
        second.close();
        assertThat(poller().isPolling()).isFalse();
        assertThat(poller().subscribedAlarms()).isZero();
    }

    @Test
    void aSingleThrottleIsRetriedWithinThePoll() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        StopConditionMonitor m = open("EXP1", arn);
        east.clearCalls();
        east.failNext(2, Fault.THROTTLE);

        pollOnce();

        assertThat(east.calls("DescribeAlarms")).extracting(FakeCloudWatchServer.Call::status)
                .containsExactly(400, 400, 200);
        assertThat(m.check()).isEqualTo(StopConditionStatus.ok());
    }

    @Test
    void persistentThrottlingFailsChecksThenStopsAfterTheBound() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        StopConditionMonitor m = open("EXP1", arn);
        east.failAlways(Fault.THROTTLE);

        pollOnce();
        assertThatThrownBy(m::check)
                .isInstanceOf(AlarmReadException.class)
                .hasMessageContaining(arn)
                .hasMessageContaining("Throttling (HTTP 400, throttled): Rate exceeded")
                .hasMessageContaining("1 of 3");
        pollOnce();
        assertThatThrownBy(m::check).isInstanceOf(AlarmReadException.class).hasMessageContaining("2 of 3");
        pollOnce();

        StopConditionStatus status = m.check();
        assertThat(status.triggered()).isTrue();
        assertThat(status.reason()).contains(arn).contains("could not be read in 3 consecutive polls")
                .contains("Throttling");
        assertThat(east.calls("DescribeAlarms")).hasSize(1 + 3 * 3); // the read at open, then 3 polls × 3 attempts
    }

    @Test
    void aSuccessfulPollResetsTheFailureCount() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        StopConditionMonitor m = open("EXP1", arn);
        east.failAlways(Fault.INTERNAL_ERROR);
        pollOnce();
        pollOnce();
        assertThatThrownBy(m::check).hasMessageContaining("InternalServiceFault (HTTP 500)")
                .hasMessageContaining("2 of 3");

        east.heal();
        pollOnce();
        assertThat(m.check()).isEqualTo(StopConditionStatus.ok());

        east.failAlways(Fault.INTERNAL_ERROR);
        pollOnce();
        assertThatThrownBy(m::check).hasMessageContaining("1 of 3");
    }

    @Test
    void anUnreachableCloudWatchFailsChecksAndRecovers() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        StopConditionMonitor m = open("EXP1", arn);

        east.refuseConnections();
        pollOnce();
        assertThatThrownBy(m::check)
                .isInstanceOf(AlarmReadException.class)
                .hasMessageContaining(arn)
                .hasMessageContaining("DescribeAlarms in us-east-1 failed 3 times in a row")
                .hasMessageContaining("Connection refused");

        east.acceptConnections();
        pollOnce();
        assertThat(m.check()).isEqualTo(StopConditionStatus.ok());
    }

    @Test
    void anUnreachableCloudWatchAtStartPreventsTheStart() {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        east.refuseConnections();

        assertThatThrownBy(() -> open("EXP1", arn))
                .isInstanceOf(AlarmReadException.class)
                .hasMessageContaining(arn)
                .hasMessageContaining("could not be read before the experiment starts")
                .hasMessageContaining("Connection refused");
        assertThat(poller().isPolling()).isFalse();
    }

    @Test
    void oneUnreachableRegionDoesNotBlindTheOthers() throws Exception {
        String e = east.putAlarm("e1", "OK", "fine");
        String w = west.putAlarm("w1", "OK", "fine");
        StopConditionMonitor em = open("EXP1", e);
        StopConditionMonitor wm = open("EXP1", w);

        east.refuseConnections();
        flip(west, "w1", StateValue.ALARM, "eu down");
        pollOnce();

        assertThatThrownBy(em::check).isInstanceOf(AlarmReadException.class);
        assertThat(wm.check().triggered()).isTrue();
    }

    @Test
    void anAlarmDeletedMidRunCountsAsAFailedRead() throws Exception {
        String arn = east.putAlarm("doomed", "OK", "fine");
        StopConditionMonitor m = open("EXP1", arn);

        east.removeAlarm("doomed");
        pollOnce();
        assertThatThrownBy(m::check).isInstanceOf(AlarmReadException.class)
                .hasMessageContaining("the alarm no longer exists");
        pollOnce();
        pollOnce();

        assertThat(m.check().triggered()).isTrue();
        assertThat(m.check().reason()).contains(arn).contains("no longer exists");
    }

    @Test
    void compositeAlarmsAreWatchedToo() throws Exception {
        String arn = east.putCompositeAlarm("service-health", "OK", "rule false");
        StopConditionMonitor m = open("EXP1", arn);
        assertThat(m.check().triggered()).isFalse();

        flip(east, "service-health", StateValue.ALARM, "rule true");
        pollOnce();

        assertThat(m.check().triggered()).isTrue();
    }

    @Test
    void aClosedEngineOpensNoMoreMonitorsAndStopsItsThread() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        open("EXP1", arn);
        assertThat(poller().isPolling()).isTrue();

        runtime.close();

        assertThat(poller().isPolling()).isFalse();
        assertThatThrownBy(() -> open("EXP2", arn)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    static Set<String> threadNames() {
        Set<String> names = new HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        return names;
    }
}
