package dev.fisengine.cloudwatch.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.cloudwatch.testserver.FakeCloudWatchServer.Fault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** The loopback server speaks the protocol the real SDK client speaks. */
class FakeCloudWatchServerTest {
    private FakeCloudWatchServer server;
    private CloudWatchClient client;

    @BeforeEach
    void start() throws Exception {
        server = FakeCloudWatchServer.start("us-east-1", "123456789012");
        client = CloudWatchClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(server.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void describeAlarmsReturnsTheFieldsTheSdkReads() {
        Instant before = Instant.now().minusSeconds(1);
        String arn = server.putAlarm("api-errors", "ALARM", "Threshold Crossed: 1 datapoint [5.0] > 1.0");
        server.putAlarm("other", "OK", "fine");

        DescribeAlarmsResponse response = client.describeAlarms(r -> r.alarmNames("api-errors"));

        assertThat(response.metricAlarms()).hasSize(1);
        MetricAlarm alarm = response.metricAlarms().get(0);
        assertThat(alarm.alarmName()).isEqualTo("api-errors");
        assertThat(alarm.alarmArn()).isEqualTo(arn);
        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateReason()).isEqualTo("Threshold Crossed: 1 datapoint [5.0] > 1.0");
        assertThat(alarm.stateUpdatedTimestamp()).isAfter(before).isBefore(Instant.now().plusSeconds(1));

        FakeCloudWatchServer.Call call = server.calls().get(0);
        assertThat(call.headers().get("Accept")).containsExactly("application/cbor");
        assertThat(call.headers().get("x-amzn-query-mode")).containsExactly("true");
        assertThat(call.path()).isEqualTo("/service/GraniteServiceVersion20100801/operation/DescribeAlarms");
        assertThat(call.headers().get("smithy-protocol")).containsExactly("rpc-v2-cbor");
        assertThat(call.headers().get("Content-Type")).containsExactly("application/cbor");
        assertThat(call.alarmNames()).containsExactly("api-errors");
    }

    @Test
    void compositeAlarmsComeOnlyWhenAsked() {
        server.putCompositeAlarm("service-health", "OK", "rule false");

        assertThat(client.describeAlarms(r -> r.alarmNames("service-health")).compositeAlarms()).isEmpty();
        assertThat(client.describeAlarms(r -> r.alarmNames("service-health")
                .alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms())
                .singleElement()
                .satisfies(a -> assertThat(a.stateValue()).isEqualTo(StateValue.OK));
    }

    @Test
    void setAlarmStateFlipsTheAlarm() {
        server.putAlarm("latency", "OK", "fine");

        client.setAlarmState(r -> r.alarmName("latency").stateValue(StateValue.ALARM).stateReason("flipped"));

        MetricAlarm alarm = client.describeAlarms(r -> r.alarmNames("latency")).metricAlarms().get(0);
        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateReason()).isEqualTo("flipped");
    }

    @Test
    void setAlarmStateOfAMissingAlarmIsResourceNotFound() {
        assertThatThrownBy(() -> client.setAlarmState(r -> r.alarmName("nope").stateValue(StateValue.OK)
                .stateReason("x")))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
                })
                .hasMessageContaining("Alarm nope does not exist");
    }

    @Test
    void pagesFollowNextToken() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            names.add(String.format("alarm-%03d", i));
            server.putAlarm(names.get(i), "OK", "fine");
        }
        DescribeAlarmsResponse first = client.describeAlarms(r -> r.alarmNames(names).maxRecords(60));
        assertThat(first.metricAlarms()).hasSize(60);
        DescribeAlarmsResponse second = client.describeAlarms(r -> r.alarmNames(names).maxRecords(60)
                .nextToken(first.nextToken()));
        assertThat(second.metricAlarms()).hasSize(40);
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void throttlingIsAModeledThrottle() {
        server.failNext(1, Fault.THROTTLE);

        assertThatThrownBy(() -> client.describeAlarms(r -> r.alarmNames("x")))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                    assertThat(e.isThrottlingException()).isTrue();
                });
        assertThat(client.describeAlarms(r -> r.alarmNames("x")).metricAlarms()).isEmpty();
    }

    @Test
    void internalErrorIsA500() {
        server.failNext(1, Fault.INTERNAL_ERROR);

        assertThatThrownBy(() -> client.describeAlarms(r -> r.alarmNames("x")))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.isThrottlingException()).isFalse();
                });
    }
}
