package dev.fisengine.engine.builtin;

import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.StopConditionStatus;

/** The {@code none} stop-condition source: never triggers. FIS requires at least one stop condition; this is it. */
public final class NoneStopConditionProvider implements StopConditionProvider {
    public static final String SOURCE = "none";

    private static final StopConditionDescriptor DESCRIPTOR = new StopConditionDescriptor(SOURCE,
            "No stop condition: the experiment runs until its actions complete or it is stopped.", false, null,
            "nothing (no value)");

    @Override
    public StopConditionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public StopConditionMonitor open(StopConditionContext context) {
        return StopConditionStatus::ok;
    }
}
