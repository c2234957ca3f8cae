package dev.fisengine.cloudwatch.functional;

import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.cloudwatch.AssertAlarmStateActionProvider;
import dev.fisengine.cloudwatch.CloudWatchAlarmStopConditionProvider;
import dev.fisengine.cloudwatch.CloudWatchStopConditionSettings;
import dev.fisengine.cloudwatch.internal.AlarmPoller;
import dev.fisengine.cloudwatch.internal.Components;
import dev.fisengine.cloudwatch.testserver.FakeCloudWatchServer;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.builtin.NoneStopConditionProvider;
import dev.fisengine.engine.builtin.WaitActionProvider;
import dev.fisengine.engine.plugins.Plugins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * A real {@link FisEngine} with this module's stop condition and action, the engine's {@code aws:fis:wait}, and the
 * test's own actions, reading a loopback CloudWatch (us-east-1, account 123456789012) through the real SDK client.
 * Subclasses choose the clock, the engine options and the CloudWatch settings; the engine is built per test.
 */
abstract class EngineFixture {
    static final String ACCOUNT = "123456789012";
    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/fis-experiments";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));

    final CountingAction counting = new CountingAction();
    final ThrottleCloudWatchAction throttle = new ThrottleCloudWatchAction();
    final List<CloudWatchClient> testClients = new ArrayList<>();
    FakeCloudWatchServer east;
    FisEngine engine;
    private CloudWatchClient operator;
    /** The statuses of each experiment's "FIS Experiment State Change" events, in order. */
    final Map<String, List<String>> statusEvents = new ConcurrentHashMap<>();

    @BeforeEach
    void startEngine() throws Exception {
        east = FakeCloudWatchServer.start("us-east-1", ACCOUNT);
        engine = engineBuilder().build();
    }

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
        testClients.forEach(CloudWatchClient::close);
        east.close();
    }

    /** The engine under test; subclasses add a clock. */
    FisEngine.Builder engineBuilder() {
        return FisEngine.builder()
                .plugins(Plugins.builder()
                        .stopCondition(new CloudWatchAlarmStopConditionProvider())
                        .stopCondition(new NoneStopConditionProvider())
                        .action(new AssertAlarmStateActionProvider())
                        .action(new WaitActionProvider())
                        .action(counting)
                        .action(throttle)
                        .build())
                .options(engineOptions().build())
                .component(CloudWatchStopConditionSettings.class, settings().build())
                .slf4jLog(false)
                .listener(change -> statusEvents.computeIfAbsent(change.detail().experimentId(),
                        k -> new CopyOnWriteArrayList<>()).add(change.detail().newState().status()))
                .seed(11);
    }

    EngineOptions.Builder engineOptions() {
        return EngineOptions.builder().shutdownHook(false).safetyLeverSwitch(false);
    }

    /** No background polls (the interval is an hour), retries without pauses: tests drive {@link #pollOnce()}. */
    CloudWatchStopConditionSettings.Builder settings() {
        return CloudWatchStopConditionSettings.builder()
                .pollInterval(Duration.ofHours(1))
                .retryBackoff(Duration.ZERO)
                .attemptsPerPoll(3)
                .failuresBeforeStop(3)
                .requestTimeout(Duration.ofSeconds(2))
                .endpointOverride(Region.US_EAST_1, east.endpoint())
                .credentialsProvider(CREDENTIALS);
    }

    /** The engine's one alarm poller (an engine component). */
    AlarmPoller poller() {
        return Components.poller(engine);
    }

    void pollOnce() {
        poller().pollOnce();
    }

    /**
     * Creates a template from the {@code aws fis create-experiment-template} JSON: the given actions (name to
     * action JSON) and a stop condition on each alarm ARN.
     */
    String template(Map<String, String> actions, String... alarmArns) {
        String stops = alarmArns.length == 0 ? "{\"source\": \"none\"}" : java.util.Arrays.stream(alarmArns)
                .map(a -> "{\"source\": \"aws:cloudwatch:alarm\", \"value\": \"" + a + "\"}")
                .collect(Collectors.joining(", "));
        String acts = actions.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(", "));
        return engine.createExperimentTemplate("{\"description\": \"stop-condition test\", \"roleArn\": \"" + ROLE
                + "\", \"stopConditions\": [" + stops + "], \"actions\": {" + acts + "}}").id();
    }

    /** An action JSON: {@code actionId} with {@code parameters} (alternating names and values), after others. */
    static String action(String actionId, List<String> startAfter, String... parameters) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            p.append(p.length() == 0 ? "" : ", ").append('"').append(parameters[i]).append("\": \"")
                    .append(parameters[i + 1]).append('"');
        }
        String after = startAfter.isEmpty() ? "" : ", \"startAfter\": [" + startAfter.stream()
                .map(s -> "\"" + s + "\"").collect(Collectors.joining(", ")) + "]";
        return "{\"actionId\": \"" + actionId + "\", \"parameters\": {" + p + "}" + after + "}";
    }

    Experiment experiment(String id) {
        return engine.getExperiment(id);
    }

    ExperimentStatus status(String id) {
        return experiment(id).state().status();
    }

    /** A plain SDK client of the test's own, to flip alarms the way an operator or CloudWatch would. */
    CloudWatchClient operator() {
        if (operator == null) {
            operator = CloudWatchClient.builder()
                    .region(Region.US_EAST_1)
                    .endpointOverride(east.endpoint())
                    .credentialsProvider(CREDENTIALS)
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build();
            testClients.add(operator);
        }
        return operator;
    }

    void flip(String alarmName, StateValue state, String reason) {
        operator().setAlarmState(r -> r.alarmName(alarmName).stateValue(state).stateReason(reason));
    }
}
