package dev.fisengine.api.spi;

import java.util.Objects;

/**
 * The result of checking a stop condition.
 *
 * @param triggered whether the experiment must stop
 * @param reason why (names the condition, e.g. the alarm), shown as the experiment's state reason
 */
public record StopConditionStatus(boolean triggered, String reason) {
    private static final StopConditionStatus OK = new StopConditionStatus(false, "ok");

    public StopConditionStatus {
        Objects.requireNonNull(reason, "reason");
    }

    public static StopConditionStatus ok() {
        return OK;
    }

    public static StopConditionStatus triggered(String reason) {
        return new StopConditionStatus(true, reason);
    }
}
