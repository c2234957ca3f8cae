package dev.fisengine.cloudwatch;

import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.cloudwatch.internal.AlarmPoller;
import dev.fisengine.cloudwatch.internal.Components;
import dev.fisengine.cloudwatch.testserver.FakeCloudWatchServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Two loopback CloudWatch servers (us-east-1 and eu-west-1, account 123456789012) and an engine runtime whose
 * settings point at them. The poll interval is an hour, so nothing polls in the background before the test calls
 * {@link #pollOnce()}; attempts are not spaced, so retries take no time.
 */
abstract class CloudWatchFixture {
    static final String ACCOUNT = "123456789012";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));

    FakeCloudWatchServer east;
    FakeCloudWatchServer west;
    TestRuntime runtime;
    final List<CloudWatchClient> testClients = new ArrayList<>();
    final List<StopConditionMonitor> monitors = new ArrayList<>();

    @BeforeEach
    void startServers() throws Exception {
        east = FakeCloudWatchServer.start("us-east-1", ACCOUNT);
        west = FakeCloudWatchServer.start("eu-west-1", ACCOUNT);
        runtime = new TestRuntime(settings(baseSettings()).build());
    }

    CloudWatchStopConditionSettings.Builder baseSettings() {
        return CloudWatchStopConditionSettings.builder()
                .pollInterval(Duration.ofHours(1))
                .retryBackoff(Duration.ZERO)
                .attemptsPerPoll(3)
                .failuresBeforeStop(3)
                .requestTimeout(Duration.ofSeconds(2))
                .endpointOverride(Region.US_EAST_1, east.endpoint())
                .endpointOverride(Region.EU_WEST_1, west.endpoint())
                .credentialsProvider(CREDENTIALS);
    }

    /** Lets a test class change the settings. */
    CloudWatchStopConditionSettings.Builder settings(CloudWatchStopConditionSettings.Builder base) {
        return base;
    }

    @AfterEach
    void stopServers() {
        monitors.forEach(StopConditionMonitor::close);
        runtime.close();
        testClients.forEach(CloudWatchClient::close);
        east.close();
        west.close();
    }

    StopConditionMonitor open(String experimentId, String alarmArn) throws Exception {
        StopConditionMonitor m = new CloudWatchAlarmStopConditionProvider().open(new StopConditionContext(
                experimentId, CloudWatchAlarmStopConditionProvider.SOURCE, alarmArn, runtime));
        monitors.add(m);
        return m;
    }

    AlarmPoller poller() {
        return Components.poller(runtime);
    }

    void pollOnce() {
        poller().pollOnce();
    }

    /** A plain SDK client of the test's own, used to flip alarms the way an operator or CloudWatch would. */
    CloudWatchClient sdkClient(FakeCloudWatchServer server) {
        CloudWatchClient c = CloudWatchClient.builder()
                .region(Region.of(server.region()))
                .endpointOverride(server.endpoint())
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        testClients.add(c);
        return c;
    }

    void flip(FakeCloudWatchServer server, String name, StateValue state, String reason) {
        sdkClient(server).setAlarmState(r -> r.alarmName(name).stateValue(state).stateReason(reason));
    }
}
