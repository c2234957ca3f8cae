package dev.fisengine.cloudwatch.internal;

import java.util.Objects;

/**
 * What reading one alarm gave: its state, or that it does not exist, or that CloudWatch could not be read.
 *
 * @param arn the alarm asked for
 * @param state the state found, or {@code null} when missing or failed
 * @param problem why there is no state ({@code null} when found)
 * @param missing whether CloudWatch answered but has no such alarm
 */
public record AlarmReadResult(AlarmArn arn, AlarmState state, String problem, boolean missing) {
    public AlarmReadResult {
        Objects.requireNonNull(arn, "arn");
        if ((state == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of state and problem must be given");
        }
    }

    public static AlarmReadResult found(AlarmArn arn, AlarmState state) {
        return new AlarmReadResult(arn, state, null, false);
    }

    public static AlarmReadResult missing(AlarmArn arn, String detail) {
        return new AlarmReadResult(arn, null, detail, true);
    }

    public static AlarmReadResult failed(AlarmArn arn, String problem) {
        return new AlarmReadResult(arn, null, problem, false);
    }

    public boolean isFound() {
        return state != null;
    }

    /** A read that reached CloudWatch neither found the alarm nor confirmed it is gone. */
    public boolean isFailure() {
        return state == null && !missing;
    }
}
