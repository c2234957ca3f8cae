package dev.fisengine.engine.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link EngineClock} on system time. Scheduled tasks run on one daemon timer thread, started on first use and
 * stopped by {@link #close()} (an engine closes the clock it created itself; a clock passed to the engine's builder
 * belongs to the caller).
 */
public final class SystemEngineClock extends EngineClock implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private ScheduledThreadPoolExecutor timer;
    private boolean closed;

    SystemEngineClock() {}

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public ScheduledTask schedule(Instant at, Runnable task) {
        long delayNanos = Math.max(0, Duration.between(Instant.now(), at).toNanos());
        ScheduledFuture<?> f = timer().schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                org.slf4j.LoggerFactory.getLogger(SystemEngineClock.class).error("Scheduled task failed", e);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    private synchronized ScheduledThreadPoolExecutor timer() {
        if (closed) {
            throw new IllegalStateException("SystemEngineClock is closed");
        }
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "fis-engine-timer-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
            timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }
        return timer;
    }

    /** Stops the timer thread; tasks not yet run are dropped. */
    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "SystemEngineClock";
    }
}
