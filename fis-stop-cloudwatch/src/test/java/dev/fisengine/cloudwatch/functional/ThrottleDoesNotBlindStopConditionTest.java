package dev.fisengine.cloudwatch.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.aws.sdk.ArmedApiFault;
import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.cloudwatch.CloudWatchStopConditionSettings;
import dev.fisengine.cloudwatch.internal.AlarmReader;
import dev.fisengine.cloudwatch.testserver.FakeCloudWatchServer;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * An experiment that throttles {@code cloudwatch} at 100 % (an {@code ApiFaultRegistry} rule of the engine, as
 * {@code aws:fis:inject-api-throttle-error} arms it) does not blind its own alarm stop condition, even when the
 * stop condition reads CloudWatch through clients instrumented for that very engine ({@code clientFactory}
 * returning {@code FisSdk.instrument(...)} clients, standing in for zero-code instrumentation, which
 * {@link ZeroCodeStopConditionTest} runs in a JVM of its own). What keeps the faults off is the exemption marker
 * {@code fisengine-exempt/1} on every stop-condition request: the control case strips it and the experiment goes
 * blind.
 */
class ThrottleDoesNotBlindStopConditionTest extends EngineFixture {
    private static final Duration CHECK = Duration.ofSeconds(5);
    private final ManualClock clock = new ManualClock();
    /** Whether the stop condition's instrumented clients strip the exemption marker (the control case). */
    private final AtomicBoolean stripMarker = new AtomicBoolean();

    @Override
    FisEngine.Builder engineBuilder() {
        return super.engineBuilder().clock(clock);
    }

    @Override
    CloudWatchStopConditionSettings.Builder settings() {
        return super.settings().clientFactory(region -> {
            CloudWatchClient c = instrumented(region, stripMarker.get());
            testClients.add(c);
            return c;
        });
    }

    /** A CloudWatch client of the application's kind: instrumented for this test's engine. */
    private CloudWatchClient instrumented(Region region, boolean stripping) {
        var builder = CloudWatchClient.builder()
                .region(region)
                .endpointOverride(east.endpoint())
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(o -> {
                    o.retryStrategy(AwsRetryStrategy.doNotRetry());
                    if (stripping) {
                        o.addExecutionInterceptor(new StripExemptMarker());
                    }
                });
        return FisSdk.instrument(builder, engine).build();
    }

    private String startThrottleExperiment(String alarmArn) {
        String id = engine.startExperiment(template(Map.of("throttle", action(ThrottleCloudWatchAction.ID,
                List.of(), "duration", "PT10M")), alarmArn)).id();
        clock.awaitIdle();
        assertThat(status(id)).isEqualTo(ExperimentStatus.RUNNING);
        return id;
    }

    @Test
    void theAlarmFlipStillStopsAnExperimentThatThrottlesCloudWatch() {
        String arn = east.putAlarm("api-errors", "OK", "fine");
        String id = startThrottleExperiment(arn);
        ArmedApiFault rule = throttle.armed().get(0);
        CloudWatchClient application = instrumented(Region.US_EAST_1, false);
        testClients.add(application);

        assertThatThrownBy(() -> application.describeAlarms(r -> r.alarmNames("api-errors")))
                .isInstanceOfSatisfying(CloudWatchException.class,
                        e -> assertThat(e.isThrottlingException()).isTrue());
        int readsBefore = east.calls("DescribeAlarms").size();
        pollOnce();
        clock.advance(CHECK);
        assertThat(status(id)).as("the stop condition reads through the throttle").isEqualTo(ExperimentStatus.RUNNING);
        List<FakeCloudWatchServer.Call> reads = east.calls("DescribeAlarms");
        assertThat(reads).hasSize(readsBefore + 1);
        assertThat(reads.get(reads.size() - 1).headers().get("User-Agent").get(0))
                .contains("fisengine-stop-condition/1").contains(FisSdk.EXEMPT_API_NAME + "/1");

        flip("api-errors", StateValue.ALARM, "errors while cloudwatch is throttled");
        pollOnce();
        clock.advance(CHECK);

        Experiment e = experiment(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(e.state().reason()).startsWith("Experiment stopped by stop condition aws:cloudwatch:alarm (" + arn
                + "): CloudWatch alarm " + arn + " is in ALARM").endsWith("errors while cloudwatch is throttled");
        assertThat(e.actions().get("throttle").state().status()).isEqualTo(ActionStatus.STOPPED);
        assertThat(rule.isArmed()).as("the throttle was reverted").isFalse();
        assertThat(rule.matchedCalls()).as("only the application's call matched").isEqualTo(1);
        assertThat(rule.injectedFaults()).isEqualTo(1);
        assertThat(application.describeAlarms(r -> r.alarmNames("api-errors")).metricAlarms()).hasSize(1);
    }

    @Test
    void controlWithoutTheMarkerTheThrottleBlindsTheStopConditionAndStopsTheExperimentAsUnreadable() {
        stripMarker.set(true);
        String arn = east.putAlarm("api-errors", "OK", "fine");
        // Opening the condition read the alarm before anything was armed, so the experiment started.
        String id = startThrottleExperiment(arn);
        ArmedApiFault rule = throttle.armed().get(0);

        for (int poll = 1; poll <= 3; poll++) {
            pollOnce();
            clock.advance(CHECK);
        }

        Experiment e = experiment(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(e.state().reason()).contains("CloudWatch alarm " + arn + " could not be read in 3 consecutive "
                + "polls, stopping to be safe").contains("throttled");
        assertThat(rule.injectedFaults()).as("three polls of three attempts").isEqualTo(9);
        assertThat(rule.isArmed()).isFalse();
    }

    @Test
    void theStopConditionSendsTheMarkerFisSdkHonours() {
        // This module does not depend on fis-actions-aws in main scope: the contract is the string.
        assertThat(AlarmReader.EXEMPT_API_NAME.name()).isEqualTo(FisSdk.EXEMPT_API_NAME);
        assertThat(AlarmReader.EXEMPT_API_NAME.version()).isEqualTo(FisSdk.EXEMPT.version());
    }

    /**
     * Removes the exemption marker from the stop condition's requests (keeping its other API name), as if the stop
     * condition did not send it.
     */
    static final class StripExemptMarker implements ExecutionInterceptor {
        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof DescribeAlarmsRequest r) {
                return r.toBuilder().overrideConfiguration(AwsRequestOverrideConfiguration.builder()
                        .addApiName(AlarmReader.API_NAME).build()).build();
            }
            return context.request();
        }
    }
}
