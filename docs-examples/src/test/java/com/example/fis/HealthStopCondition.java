package com.example.fis;

import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.StopConditionStatus;

/**
 * The stop condition {@code myapp:health} (the template's {@code stopConditions[].source}), whose {@code value} names
 * one of the application's health checks: the experiment stops (or does not start) while that check is unhealthy.
 */
public final class HealthStopCondition implements StopConditionProvider {
    public static final String SOURCE = "myapp:health";

    private static final StopConditionDescriptor DESCRIPTOR = new StopConditionDescriptor(SOURCE,
            "Stops the experiment when the named health check of the application fails.",
            true, "[a-z0-9-]{20,64}", "the name of a health check (FIS values are 20 to 2048 characters)");

    /** ServiceLoader needs a public class with a public no-argument constructor. */
    public HealthStopCondition() {}

    @Override
    public StopConditionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public StopConditionMonitor open(StopConditionContext context) {
        HealthChecks checks = context.runtime().component(HealthChecks.class, runtime -> new HealthChecks());
        String name = context.value();
        if (checks.healthy(name) == null) { // fails the start, naming the template field and the value
            throw new IllegalArgumentException("stopConditions[source=" + SOURCE + "].value: there is no health "
                    + "check \"" + name + "\"");
        }
        return () -> Boolean.TRUE.equals(checks.healthy(name))
                ? StopConditionStatus.ok()
                : StopConditionStatus.triggered("health check " + name + " is failing");
    }
}
