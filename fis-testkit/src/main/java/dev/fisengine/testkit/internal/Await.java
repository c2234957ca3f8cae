package dev.fisengine.testkit.internal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a bound, checking every millisecond. */
public final class Await {
    private Await() {}

    /** @throws AssertionError with {@code description} and {@code state} when {@code timeout} passes first */
    public static void until(BooleanSupplier condition, Duration timeout, String description, Supplier<?> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + description + "; now: "
                        + state.get());
            }
            LockSupport.parkNanos(1_000_000L);
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError("Interrupted while waiting until " + description);
            }
        }
    }
}
