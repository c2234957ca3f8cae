package com.example.fis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/** The application's named health checks: what {@link HealthStopCondition} watches. */
public final class HealthChecks {
    private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();

    public HealthChecks register(String name, BooleanSupplier healthy) {
        checks.put(name, healthy);
        return this;
    }

    /** Whether the check is healthy; {@code null} when there is no check of that name. */
    public Boolean healthy(String name) {
        BooleanSupplier check = checks.get(name);
        return check == null ? null : check.getAsBoolean();
    }
}
