package dev.fisengine.engine.internal;

import dev.fisengine.engine.time.EngineClock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every call into a plugin goes through here: it runs on a thread of its own, with a deadline. A call past its
 * deadline is interrupted and abandoned — its outcome is "timed out", the experiment goes on, and the thread (if the
 * plugin ignores the interrupt) is left to finish on its own, renamed so that a thread dump says what it is. A call can
 * also be abandoned early ({@link Call#abandon}: the experiment is ending and stop always wins).
 *
 * <p>Each call has exactly one outcome, delivered by whichever comes first: the plugin returning (on the call's own
 * thread), the deadline (on the engine's real-time watchdog thread), or an abandonment. Deadlines are real time
 * whatever the engine clock: they guard against threads hung in real time. The call counts as work in progress for
 * the engine clock ({@link EngineClock#beginWork}) until its outcome is delivered, so a
 * {@link dev.fisengine.engine.time.ManualClock}'s {@code advance} waits for a plugin call to return or to time out,
 * never longer.
 */
final class BoundedCalls {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");
    /** The experiment whose plugin call this thread is running, so that a stop from inside does not wait on itself. */
    private static final ThreadLocal<String> CALLING = new ThreadLocal<>();

    private final Executor callThreads;
    private final ScheduledExecutorService watchdog;
    private final EngineClock clock;
    private final AtomicLong abandoned = new AtomicLong();

    /**
     * @param callThreads runs the plugin code; must start a new thread when all are busy (a cached pool)
     * @param watchdog the real-time timer that enforces deadlines
     * @param clock the engine clock, told about work in progress
     */
    BoundedCalls(Executor callThreads, ScheduledExecutorService watchdog, EngineClock clock) {
        this.callThreads = Objects.requireNonNull(callThreads, "callThreads");
        this.watchdog = Objects.requireNonNull(watchdog, "watchdog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The experiment whose plugin call the current thread is running, or {@code null}. */
    static String callingExperiment() {
        return CALLING.get();
    }

    /** Calls abandoned so far (deadline passed, or stop). */
    long abandonedCalls() {
        return abandoned.get();
    }

    /**
     * Runs {@code body} with {@code deadline}; {@code onOutcome} gets exactly one outcome (on the call's thread, the
     * watchdog's or the abandoner's: it should post it to the experiment's mailbox and return).
     *
     * @param what names the call in messages and in the thread's name, e.g. {@code "action 'throttle' start"}
     */
    <T> Call submit(String experimentId, String what, Duration deadline, Callable<T> body,
            Consumer<Outcome<T>> onOutcome) {
        Call call = new Call(experimentId, what, deadline, clock.beginWork());
        call.onOutcome = o -> onOutcome.accept(cast(o));
        try {
            call.timeout = watchdog.schedule(call::expire, deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            call.deliver(Outcome.failed(new IllegalStateException("the engine is closed")));
            return call;
        }
        try {
            callThreads.execute(() -> call.run(body));
        } catch (RejectedExecutionException e) {
            call.deliver(Outcome.failed(new IllegalStateException("the engine is closed")));
        }
        return call;
    }

    @SuppressWarnings("unchecked")
    private static <T> Outcome<T> cast(Outcome<?> o) {
        return (Outcome<T>) o;
    }

    /** A call in flight. */
    final class Call {
        private final String experimentId;
        private final String what;
        private final Duration deadline;
        private final Runnable work;
        private final AtomicBoolean delivered = new AtomicBoolean();
        private volatile Consumer<Outcome<?>> onOutcome;
        private volatile ScheduledFuture<?> timeout;
        private Thread runner;
        private String runnerName;

        private Call(String experimentId, String what, Duration deadline, Runnable work) {
            this.experimentId = experimentId;
            this.what = what;
            this.deadline = deadline;
            this.work = work;
        }

        private <T> void run(Callable<T> body) {
            Thread t = Thread.currentThread();
            String name = t.getName();
            synchronized (this) {
                if (delivered.get()) {
                    return; // abandoned before it started
                }
                runner = t;
                runnerName = name;
            }
            String outer = CALLING.get();
            CALLING.set(experimentId);
            MDC.put("fisExperimentId", experimentId);
            Outcome<?> outcome;
            try {
                outcome = Outcome.ok(body.call());
            } catch (Throwable e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                outcome = Outcome.failed(e);
            } finally {
                MDC.remove("fisExperimentId");
                CALLING.set(outer);
                synchronized (this) {
                    runner = null;
                }
                Thread.interrupted(); // an interrupt meant for this call must not reach the thread's next task
                t.setName(name);
            }
            deliver(outcome);
        }

        /**
         * Whom the call served, for messages: "Experiment EXP…", or "Engine fis-engine-N" for calls not made for an
         * experiment (the engine's start hooks pass the runtime id).
         */
        private String subject() {
            return (experimentId.startsWith("EXP") ? "Experiment " : "Engine ") + experimentId;
        }

        /** The deadline passed: interrupt, abandon, say so. */
        private void expire() {
            if (!delivered.compareAndSet(false, true)) {
                return;
            }
            String thread = interruptAndMark();
            abandoned.incrementAndGet();
            LOG.warn("{}: {} did not return within its deadline of {}; it was interrupted and abandoned "
                    + "(thread {})", subject(), what, deadline, thread);
            finish(Outcome.timedOut(deadline));
        }

        /** Interrupts the call and stops waiting for it: its outcome is "abandoned because {@code reason}". */
        void abandon(String reason) {
            if (!delivered.compareAndSet(false, true)) {
                return;
            }
            interruptAndMark();
            abandoned.incrementAndGet();
            finish(Outcome.abandoned(reason));
        }

        /**
         * Interrupts the call but keeps waiting for it (up to its deadline): a stop tells an action's {@code start}
         * to give up, and its reverts run once it has returned.
         */
        synchronized void interrupt() {
            if (runner != null) {
                runner.interrupt();
            }
        }

        private void deliver(Outcome<?> outcome) {
            if (delivered.compareAndSet(false, true)) {
                finish(outcome);
            }
        }

        private void finish(Outcome<?> outcome) {
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
            try {
                onOutcome.accept(outcome);
            } finally {
                work.run();
            }
        }

        private synchronized String interruptAndMark() {
            Thread t = runner;
            if (t == null) {
                return "(not running)";
            }
            t.interrupt();
            try {
                t.setName(runnerName + " [abandoned: " + what + " of " + (experimentId.startsWith("EXP") ? "experiment " : "engine ")
                        + experimentId + "]");
            } catch (SecurityException ignored) {
                // the name is only a diagnostic
            }
            return t.getName();
        }
    }

    /**
     * What became of a call: a value, a failure, a timeout or an abandonment (never more than one).
     *
     * @param value the result ({@code null} if none)
     * @param failure what the plugin threw, or {@code null}
     * @param problem a message when the call did not return normally ({@code null} for a value)
     */
    record Outcome<T>(T value, Throwable failure, String problem) {
        static <T> Outcome<T> ok(T value) {
            return new Outcome<>(value, null, null);
        }

        static <T> Outcome<T> failed(Throwable t) {
            return new Outcome<>(null, t, Text.message(t));
        }

        static <T> Outcome<T> timedOut(Duration deadline) {
            return new Outcome<>(null, null, "it did not return within its deadline of " + deadline
                    + " (interrupted and abandoned)");
        }

        static <T> Outcome<T> abandoned(String why) {
            return new Outcome<>(null, null, "abandoned because " + why);
        }

        boolean succeeded() {
            return problem == null;
        }
    }
}
