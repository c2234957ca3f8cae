package dev.fisengine.engine.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The engine's time: a {@link Clock} (plugins see it as {@code ActionContext.clock()}) that can also run a task at
 * an instant. Action durations, stop-condition polling and the experiment time limit are all scheduled here, so a
 * {@link ManualClock} drives a whole experiment deterministically.
 *
 * <p>Scheduled tasks must be short and must not block: the engine's own tasks only take an experiment's lock and hand
 * plugin calls to worker threads.
 */
public abstract class EngineClock extends Clock {

    /** A clock on system time; its timer thread starts on first use and stops on {@link SystemEngineClock#close}. */
    public static SystemEngineClock system() {
        return new SystemEngineClock();
    }

    /** Runs {@code task} once at {@code at} (as soon as possible when {@code at} is not in the future). */
    public abstract ScheduledTask schedule(Instant at, Runnable task);

    /**
     * Wraps the executor that runs the engine's asynchronous work (plugin calls), so that this clock can tell when
     * that work has settled. The system clock returns {@code executor} unchanged; {@link ManualClock} counts the
     * tasks so {@link ManualClock#advance} can wait for them.
     */
    public Executor track(Executor executor) {
        return executor;
    }

    /**
     * Marks the start of asynchronous work the engine does on a thread of its own, outside a
     * {@linkplain #track tracked} executor (a plugin call running with a deadline); the engine runs the returned handle
     * once when that work is over (returned, failed, timed out or abandoned). The system clock returns a no-op;
     * {@link ManualClock} counts it like a tracked task, so {@code advance} waits for it.
     */
    public Runnable beginWork() {
        return NO_WORK;
    }

    private static final Runnable NO_WORK = () -> { };

    /** UTC. */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A plain {@link Clock} view of this clock's instants in {@code zone}. */
    @Override
    public Clock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        EngineClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}
