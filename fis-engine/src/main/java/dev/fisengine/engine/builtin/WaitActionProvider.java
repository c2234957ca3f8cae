package dev.fisengine.engine.builtin;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import java.time.Duration;

/**
 * {@code aws:fis:wait}: does nothing for {@code duration}; stop conditions keep being monitored meanwhile. The
 * engine's scheduler provides the waiting (the descriptor names {@code duration} as the duration parameter).
 */
public final class WaitActionProvider implements ActionProvider {
    public static final String ACTION_ID = "aws:fis:wait";

    private static final ActionDescriptor DESCRIPTOR = ActionDescriptor.builder(ACTION_ID)
            .description("Wait for the specified duration. Stop condition monitoring will continue during this time.")
            .parameter(ParameterDescriptor.builder("duration", ParameterFormat.DURATION)
                    .description("The duration, from one minute to 12 hours.")
                    .required()
                    .durations(Duration.ZERO, Duration.ofHours(12))
                    .awsMinDuration(Duration.ofMinutes(1))
                    .build())
            .durationParameter("duration")
            .build();

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ActionContext context) {
        context.log().info("waiting " + context.parameter("duration"));
    }
}
