package dev.fisengine.engine.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link EngineClock} that moves only when told to, for deterministic tests without sleeping.
 *
 * <p>{@link #advance(Duration)} runs every task scheduled up to the new time, in time order (ties in scheduling
 * order), each on the calling thread with the clock set to the task's instant. Before each task and at the end it
 * waits until the asynchronous work the engine handed to its {@linkplain #track tracked} executor has finished (plugin
 * calls, reverts, target resolution) — so when {@code advance} returns, everything that was due has happened, and
 * whatever that started in turn has settled. {@link #awaitIdle()} does the same without moving time (use it after
 * {@code startExperiment}).
 *
 * <p>If tracked work does not settle within the idle timeout (default 10 s: a plugin is blocked), {@code advance} and
 * {@code awaitIdle} throw {@link IllegalStateException} instead of hanging.
 */
public final class ManualClock extends EngineClock {
    /** Where a clock created with {@link #ManualClock()} starts: 2026-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
    /** How long {@link #advance} waits for tracked work by default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);

    private final Object lock = new Object();
    private final ReentrantLock advancing = new ReentrantLock();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final Duration idleTimeout;
    private volatile Instant now;
    private long sequence;
    private int live;
    private int inFlight;

    /** A clock at {@link #DEFAULT_START}. */
    public ManualClock() {
        this(DEFAULT_START);
    }

    public ManualClock(Instant start) {
        this(start, DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * @param start the initial time
     * @param idleTimeout how long {@link #advance} / {@link #awaitIdle} wait for tracked work before they throw
     */
    public ManualClock(Instant start, Duration idleTimeout) {
        this.now = Objects.requireNonNull(start, "start");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
        this.idleTimeout = idleTimeout;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ScheduledTask schedule(Instant at, Runnable task) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(task, "task");
        Entry e;
        synchronized (lock) {
            e = new Entry(at, sequence++, task);
            queue.add(e);
            live++;
        }
        return () -> {
            synchronized (lock) {
                if (e.done) {
                    return false;
                }
                e.done = true;
                live--;
                return true;
            }
        };
    }

    /** Moves time forward by {@code duration}, running due tasks in order; see the class comment. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Cannot move a ManualClock backwards: " + duration);
        }
        advanceTo(now.plus(duration));
    }

    /** Moves time forward to {@code target} (no earlier than now), running due tasks in order. */
    public void advanceTo(Instant target) {
        advancing.lock();
        try {
            if (target.isBefore(now)) {
                throw new IllegalArgumentException("Cannot move a ManualClock backwards: now " + now + ", target "
                        + target);
            }
            while (true) {
                awaitQuiescence();
                Entry due;
                synchronized (lock) {
                    due = pollDue(target);
                    if (due == null) {
                        if (now.isBefore(target)) {
                            now = target;
                            continue;
                        }
                        if (inFlight == 0) {
                            return;
                        }
                        continue;
                    }
                    if (due.at.isAfter(now)) {
                        now = due.at;
                    }
                }
                due.task.run();
            }
        } finally {
            advancing.unlock();
        }
    }

    /** Runs what is due now and waits for tracked work to settle, without moving time. */
    public void awaitIdle() {
        advanceTo(now);
    }

    /** Counts tasks handed to the returned executor, so {@link #advance} can wait for them to finish. */
    @Override
    public Executor track(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return command -> {
            synchronized (lock) {
                inFlight++;
            }
            try {
                executor.execute(() -> {
                    try {
                        command.run();
                    } finally {
                        finished();
                    }
                });
            } catch (RuntimeException | Error e) {
                finished();
                throw e;
            }
        };
    }

    /** Counts a unit of untracked work until the returned handle runs (once; later runs do nothing). */
    @Override
    public Runnable beginWork() {
        synchronized (lock) {
            inFlight++;
        }
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                finished();
            }
        };
    }

    /** Scheduled tasks not yet run or cancelled. */
    public int pendingTasks() {
        synchronized (lock) {
            return live;
        }
    }

    /** When the next scheduled task is due, or {@code null} when none is. */
    public Instant nextTaskTime() {
        synchronized (lock) {
            dropCancelled();
            Entry e = queue.peek();
            return e == null ? null : e.at;
        }
    }

    /** Tracked tasks started and not yet finished. */
    public int runningWork() {
        synchronized (lock) {
            return inFlight;
        }
    }

    private void finished() {
        synchronized (lock) {
            if (--inFlight == 0) {
                lock.notifyAll();
            }
        }
    }

    private Entry pollDue(Instant target) {
        dropCancelled();
        Entry e = queue.peek();
        if (e == null || e.at.isAfter(target)) {
            return null;
        }
        queue.poll();
        e.done = true;
        live--;
        return e;
    }

    private void dropCancelled() {
        while (!queue.isEmpty() && queue.peek().done) {
            queue.poll();
        }
    }

    private void awaitQuiescence() {
        synchronized (lock) {
            long deadline = System.nanoTime() + idleTimeout.toNanos();
            while (inFlight > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new IllegalStateException("ManualClock: " + inFlight + " tracked task(s) still running after "
                            + idleTimeout + " (a plugin call is blocked?)");
                }
                try {
                    lock.wait(Math.max(1, remaining / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for tracked work", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ManualClock[" + now + "]";
    }

    private static final class Entry implements Comparable<Entry> {
        final Instant at;
        final long seq;
        final Runnable task;
        boolean done;

        Entry(Instant at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
