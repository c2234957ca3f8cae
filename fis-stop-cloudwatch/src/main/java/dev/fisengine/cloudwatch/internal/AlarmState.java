package dev.fisengine.cloudwatch.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * An alarm as {@code DescribeAlarms} showed it.
 *
 * @param alarmArn its ARN ({@code AlarmArn})
 * @param stateValue {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA} ({@code StateValue})
 * @param stateReason CloudWatch's explanation of the state ({@code StateReason}), possibly empty
 * @param stateUpdated when the state last changed ({@code StateUpdatedTimestamp}), or {@code null}
 * @param readAt when it was read, on the engine's clock
 */
public record AlarmState(String alarmArn, String stateValue, String stateReason, Instant stateUpdated,
        Instant readAt) {
    public static final String OK = "OK";
    public static final String ALARM = "ALARM";
    public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";

    public AlarmState {
        Objects.requireNonNull(alarmArn, "alarmArn");
        Objects.requireNonNull(stateValue, "stateValue");
        stateReason = stateReason == null ? "" : stateReason;
    }

    public boolean inAlarm() {
        return ALARM.equals(stateValue);
    }

    /** {@code <state> since <time>: <reason>}, for reasons and logs. */
    public String describe() {
        StringBuilder sb = new StringBuilder(stateValue);
        if (stateUpdated != null) {
            sb.append(" since ").append(stateUpdated);
        }
        if (!stateReason.isEmpty()) {
            sb.append(" (").append(stateReason).append(')');
        }
        return sb.toString();
    }
}
