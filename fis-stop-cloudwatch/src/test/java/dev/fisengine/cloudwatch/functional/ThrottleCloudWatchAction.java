package dev.fisengine.cloudwatch.functional;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code fisengine:test:throttle-cloudwatch}: what {@code aws:fis:inject-api-throttle-error} with
 * {@code service=cloudwatch}, {@code percentage=100} does to instrumented SDK clients: arms an
 * {@link ApiFaultRegistry} rule on the experiment's engine for {@code duration} and disarms it on revert.
 */
final class ThrottleCloudWatchAction implements ActionProvider {
    static final String ID = "fisengine:test:throttle-cloudwatch";

    private static final ActionDescriptor DESCRIPTOR = ActionDescriptor.builder(ID)
            .description("Throttles every CloudWatch call of the engine's instrumented SDK clients.")
            .parameter(ParameterDescriptor.builder("duration", ParameterFormat.DURATION)
                    .description("How long the throttle lasts.")
                    .required()
                    .durations(Duration.ZERO, Duration.ofHours(12))
                    .build())
            .durationParameter("duration")
            .build();

    private final List<ArmedApiFault> armed = new CopyOnWriteArrayList<>();

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ActionContext context) {
        ArmedApiFault fault = ApiFaultRegistry.of(context.runtime()).arm(ApiFaultRule.builder().service("cloudwatch")
                .percentage(100).fault(ApiFault.throttle()).build());
        armed.add(fault);
        context.onRevert(fault::close);
    }

    /** The rules armed so far, in start order. */
    List<ArmedApiFault> armed() {
        return List.copyOf(armed);
    }
}
