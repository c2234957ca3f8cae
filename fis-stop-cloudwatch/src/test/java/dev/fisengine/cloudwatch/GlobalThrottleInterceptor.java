package dev.fisengine.cloudwatch;

import dev.fisengine.cloudwatch.internal.AlarmReader;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;

/**
 * Stands for process-wide instrumentation other than the engine's own: registered for every SDK client of the test
 * JVM through {@code software/amazon/awssdk/global/handlers/execution.interceptors}. When armed, it throttles every
 * CloudWatch call except those carrying the exemption marker ({@code fisengine-exempt}, the API name the engine's
 * own zero-code instrumentation honours; see functional.ZeroCodeStopConditionTest for the real thing). Disarmed
 * unless a test arms it.
 */
public final class GlobalThrottleInterceptor implements ExecutionInterceptor {
    static volatile boolean armed;

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!armed || !context.httpRequest().encodedPath().contains("GraniteServiceVersion20100801")) {
            return;
        }
        boolean own = context.request().overrideConfiguration()
                .map(o -> o.apiNames().stream().anyMatch(n -> n.name().equals(AlarmReader.EXEMPT_API_NAME.name())))
                .orElse(false);
        if (!own) {
            throw throttle();
        }
    }

    static CloudWatchException throttle() {
        return (CloudWatchException) CloudWatchException.builder()
                .statusCode(400)
                .message("Rate exceeded")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded")
                        .serviceName("CloudWatch").build())
                .build();
    }
}
