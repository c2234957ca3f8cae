package dev.fisengine.cloudwatch.functional;

import static org.awaitility.Awaitility.await;

import dev.fisengine.api.model.Experiment;
import dev.fisengine.aws.sdk.ArmedApiFault;
import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.cloudwatch.CloudWatchAlarmStopConditionProvider;
import dev.fisengine.cloudwatch.CloudWatchStopConditionSettings;
import dev.fisengine.cloudwatch.internal.Components;
import dev.fisengine.cloudwatch.testserver.FakeCloudWatchServer;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import java.lang.reflect.Field;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Run by {@link ZeroCodeStopConditionTest} in a JVM of its own, started with the zero-code flags, so that every SDK
 * client of the JVM, the stop condition's included, is built on the fault-injecting HTTP client. An engine (system
 * clock, 100 ms intervals) runs an experiment that throttles {@code cloudwatch} at 100 % while watching an alarm;
 * the JVM prints what happened as {@code RESULT key=value} lines.
 */
public final class ZeroCodeStopConditionMain {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));

    private ZeroCodeStopConditionMain() {}

    public static void main(String[] args) throws Exception {
        ThrottleCloudWatchAction throttle = new ThrottleCloudWatchAction();
        try (FakeCloudWatchServer east = FakeCloudWatchServer.start("us-east-1", EngineFixture.ACCOUNT);
             FisEngine engine = FisEngine.builder()
                     .plugins(Plugins.builder().stopCondition(new CloudWatchAlarmStopConditionProvider())
                             .action(throttle).build())
                     .options(EngineOptions.builder().shutdownHook(false).safetyLeverSwitch(false)
                             .stopConditionPollInterval(Duration.ofMillis(100)).build())
                     .component(CloudWatchStopConditionSettings.class, CloudWatchStopConditionSettings.builder()
                             .pollInterval(Duration.ofMillis(100)).retryBackoff(Duration.ZERO)
                             .endpointOverride(Region.US_EAST_1, east.endpoint()).credentialsProvider(CREDENTIALS)
                             .build())
                     .slf4jLog(false)
                     .build();
             CloudWatchClient application = CloudWatchClient.builder().region(Region.US_EAST_1)
                     .endpointOverride(east.endpoint()).credentialsProvider(CREDENTIALS)
                     .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            FisSdk.setDefaultRuntime(engine);
            result("autoInstrument", FisSdk.autoInstrumentEnabled());

            String arn = east.putAlarm("api-errors", "OK", "fine");
            String tid = engine.createExperimentTemplate("{\"description\": \"zero-code\", \"roleArn\": \""
                    + EngineFixture.ROLE + "\", \"stopConditions\": [{\"source\": \"aws:cloudwatch:alarm\", "
                    + "\"value\": \"" + arn + "\"}], \"actions\": {\"throttle\": {\"actionId\": \""
                    + ThrottleCloudWatchAction.ID + "\", \"parameters\": {\"duration\": \"PT10M\"}}}}").id();
            String id = engine.startExperiment(tid).id();
            await().atMost(Duration.ofSeconds(10)).until(() -> !throttle.armed().isEmpty());
            ArmedApiFault rule = throttle.armed().get(0);

            result("application", outcome(() -> application.describeAlarms(r -> r.alarmNames("api-errors"))));
            result("applicationHttpClient", httpClientClass(application));
            result("stopConditionHttpClient", httpClientClass(Components.clients(engine).client(Region.US_EAST_1)));

            int readsBefore = east.calls("DescribeAlarms").size();
            await().atMost(Duration.ofSeconds(10)).until(() -> east.calls("DescribeAlarms").size() >= readsBefore + 3);
            result("stopConditionReadsWhileThrottled", "ok");
            result("statusWhileThrottled", engine.getExperiment(id).state().status());

            east.setState("api-errors", "ALARM", "flipped under a zero-code throttle");
            Experiment e = engine.awaitExperiment(id, Duration.ofSeconds(10));
            result("status", e.state().status());
            result("reason", e.state().reason());
            result("ruleArmed", rule.isArmed());
            result("matched", rule.matchedCalls());
            result("injected", rule.injectedFaults());
        } finally {
            FisSdk.setDefaultRuntime(null);
        }
        System.exit(0);
    }

    /** The HTTP client the SDK built the client with (read from the client's configuration, for the test only). */
    private static String httpClientClass(CloudWatchClient client) {
        try {
            Field f = client.getClass().getDeclaredField("clientConfiguration");
            f.setAccessible(true);
            SdkClientConfiguration config = (SdkClientConfiguration) f.get(client);
            return config.option(SdkClientOption.SYNC_HTTP_CLIENT).getClass().getSimpleName();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }

    private static String outcome(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (AwsServiceException e) {
            return e.getClass().getSimpleName() + "/" + e.statusCode() + "/" + e.awsErrorDetails().errorCode();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static void result(String key, Object value) {
        System.out.println("RESULT " + key + "=" + value);
    }
}
