package dev.fisengine.cli;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** A test action ({@code fisengine:test:reverting}) that lasts {@code duration} and records that its revert ran. */
final class RevertingAction implements ActionProvider {
    static final String ID = "fisengine:test:reverting";

    private static final ActionDescriptor DESCRIPTOR = ActionDescriptor.builder(ID)
            .description("Does nothing for a duration; its revert step records that it ran.")
            .parameter(ParameterDescriptor.builder("duration", ParameterFormat.DURATION).required()
                    .durations(Duration.ZERO, Duration.ofHours(12)).build())
            .durationParameter("duration")
            .build();

    private final AtomicBoolean reverted;

    RevertingAction(AtomicBoolean reverted) {
        this.reverted = reverted;
    }

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ActionContext context) {
        context.onRevert(() -> reverted.set(true));
    }
}
