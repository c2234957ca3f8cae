package dev.fisengine.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.cloudwatch.internal.Components;
import dev.fisengine.cloudwatch.testserver.FakeCloudWatchServer;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * A throttle experiment on {@code cloudwatch} must not blind its own stop condition: the clients the stop condition
 * builds carry no interceptor, and every request they send carries the {@code fisengine-stop-condition} API name and
 * the exemption marker {@code fisengine-exempt}, by which process-wide instrumentation (the SDK's global
 * interceptors, the engine's zero-code mode) leaves them alone. In a real engine: the functional package's
 * ThrottleDoesNotBlindStopConditionTest and ZeroCodeStopConditionTest.
 */
class OwnPollingIsNeverFaultedTest extends CloudWatchFixture {

    @AfterEach
    void disarm() {
        GlobalThrottleInterceptor.armed = false;
    }

    @Test
    void anInstrumentedApplicationClientIsThrottledWhileTheStopConditionStillSeesTheAlarm() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        StopConditionMonitor m = open("EXP1", arn);
        CloudWatchClient application = CloudWatchClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(east.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(new ThrottleEverything()))
                .build();
        testClients.add(application);

        assertThatThrownBy(() -> application.describeAlarms(r -> r.alarmNames("api-errors")))
                .isInstanceOfSatisfying(CloudWatchException.class,
                        e -> assertThat(e.isThrottlingException()).isTrue());

        flip(east, "api-errors", StateValue.ALARM, "errors while cloudwatch is throttled");
        pollOnce();

        assertThat(m.check().triggered()).isTrue();
        assertThat(m.check().reason()).contains("errors while cloudwatch is throttled");
    }

    @Test
    void theStopConditionsClientsHaveNoInterceptorAndMarkTheirRequests() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        open("EXP1", arn);
        pollOnce();

        CloudWatchClient own = Components.clients(runtime).client(Region.US_EAST_1);
        // Exactly the interceptors any plain client of this JVM gets (the SDK's own and the global ones): none added.
        assertThat(interceptorClasses(own)).isEqualTo(interceptorClasses(sdkClient(east)));
        assertThat(east.calls("DescribeAlarms")).isNotEmpty().allSatisfy(c -> assertThat(c.headers()
                .get("User-Agent").get(0)).contains("fisengine-stop-condition/1").contains("fisengine-exempt/1"));

        flip(east, "api-errors", StateValue.OK, "by an ordinary client");
        FakeCloudWatchServer.Call set = east.calls("SetAlarmState").get(0);
        assertThat(set.headers().get("User-Agent").get(0)).doesNotContain("fisengine-stop-condition")
                .doesNotContain("fisengine-exempt");
    }

    @Test
    void processWideInstrumentationThatHonoursTheMarkerLeavesTheStopConditionAlone() throws Exception {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        StopConditionMonitor m = open("EXP1", arn);
        GlobalThrottleInterceptor.armed = true;

        assertThatThrownBy(() -> sdkClient(east).describeAlarms(r -> r.alarmNames("api-errors")))
                .isInstanceOfSatisfying(CloudWatchException.class,
                        e -> assertThat(e.isThrottlingException()).isTrue());
        east.setState("api-errors", "ALARM", "seen through the global throttle");
        pollOnce();

        assertThat(m.check().triggered()).isTrue();
        assertThat(m.check().reason()).contains("seen through the global throttle");
    }

    private static List<String> interceptorClasses(CloudWatchClient client) {
        return client.serviceClientConfiguration().overrideConfiguration().executionInterceptors().stream()
                .map(i -> i.getClass().getName())
                .collect(Collectors.toList());
    }

    /** What a throttle experiment does to an instrumented client: every call fails as CloudWatch throttling. */
    static final class ThrottleEverything implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            throw GlobalThrottleInterceptor.throttle();
        }
    }
}
