package dev.fisengine.cloudwatch.internal;

/**
 * CloudWatch could not be read for an alarm (errors, throttling, timeouts, after the poll's own retries). Thrown by a
 * monitor's {@code check()} so that the engine counts it as a failed check; its message names the alarm and the
 * last error.
 */
public final class AlarmReadException extends RuntimeException {
    public AlarmReadException(String message) {
        super(message);
    }
}
