package dev.fisengine.engine.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every call into a plugin goes through here: it runs on a thread of its own, with a deadline. A call past its
 * deadline is interrupted and abandoned — its outcome is "timed out", the experiment goes on, and the thread (if the
 * plugin ignores the interrupt) is left to finish on its own, renamed so that a thread dump says what it is. A call can
 * also be abandoned early ({@link Call#abandon}: the experiment is stopping and stop always wins).
 *
 * <p>Two threads per call: the call's own (untracked, abandonable) and a waiter on the engine's tracked executor that
 * waits at most until the deadline and then reports the outcome. The waiter is what a
 * {@link dev.fisengine.engine.time.ManualClock} counts, so {@code advance} waits for a plugin call to return or to
 * time out, never longer. Deadlines are real time (they guard against threads hung in real time), whatever the
 * engine's clock.
 */
final class BoundedCalls {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");
    /** The experiment whose plugin call this thread is running, so that a stop from inside does not wait on itself. */
    private static final ThreadLocal<String> CALLING = new ThreadLocal<>();

    private final Executor callThreads;
    private final Executor waiters;
    private final AtomicLong abandoned = new AtomicLong();

    /**
     * @param callThreads runs the plugin code; must start a new thread when all are busy (a cached pool)
     * @param waiters runs the waiters (tracked by the engine clock)
     */
    BoundedCalls(Executor callThreads, Executor waiters) {
        this.callThreads = Objects.requireNonNull(callThreads, "callThreads");
        this.waiters = Objects.requireNonNull(waiters, "waiters");
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
     * Runs {@code body} with {@code deadline}; {@code onOutcome} gets exactly one outcome, on a waiter thread (it
     * should post it to the experiment's mailbox).
     *
     * @param what names the call in messages and in the thread's name, e.g. {@code "action 'throttle' start"}
     */
    <T> Call submit(String experimentId, String what, Duration deadline, Callable<T> body,
            Consumer<Outcome<T>> onOutcome) {
        Call call = new Call(experimentId, what);
        FutureTask<T> task = new FutureTask<>(() -> call.run(body));
        call.task = task;
        try {
            callThreads.execute(task);
        } catch (RejectedExecutionException e) {
            onOutcome.accept(Outcome.failed(new IllegalStateException("the engine is closed")));
            return call;
        }
        Runnable waiter = () -> onOutcome.accept(await(call, task, deadline));
        try {
            waiters.execute(waiter);
        } catch (RejectedExecutionException e) {
            task.cancel(true);
            onOutcome.accept(Outcome.failed(new IllegalStateException("the engine is closed")));
        }
        return call;
    }

    private <T> Outcome<T> await(Call call, FutureTask<T> task, Duration deadline) {
        try {
            return Outcome.ok(task.get(deadline.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            call.timedOut = true;
            abandon(call, task);
            LOG.warn("Experiment {}: {} did not return within its deadline of {}; it was interrupted and abandoned "
                    + "(thread {})", call.experimentId, call.what, deadline, call.threadName());
            return Outcome.timedOut(deadline);
        } catch (CancellationException e) {
            return Outcome.abandoned(call.abandonReason);
        } catch (ExecutionException e) {
            return Outcome.failed(e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            abandon(call, task);
            Thread.currentThread().interrupt();
            return Outcome.abandoned("the engine is shutting down");
        }
    }

    private void abandon(Call call, FutureTask<?> task) {
        if (task.cancel(true)) {
            abandoned.incrementAndGet();
            call.markAbandoned();
        }
    }

    /** A call in flight. */
    final class Call {
        private final String experimentId;
        private final String what;
        private volatile FutureTask<?> task;
        private volatile Thread runner;
        private volatile String runnerName;
        private volatile String abandonReason = "the experiment is stopping";
        private volatile boolean timedOut;

        private Call(String experimentId, String what) {
            this.experimentId = experimentId;
            this.what = what;
        }

        private <T> T run(Callable<T> body) throws Exception {
            Thread t = Thread.currentThread();
            String name = t.getName();
            runnerName = name;
            synchronized (this) {
                runner = t;
            }
            String outer = CALLING.get();
            CALLING.set(experimentId);
            MDC.put("fisExperimentId", experimentId);
            try {
                return body.call();
            } finally {
                MDC.remove("fisExperimentId");
                CALLING.set(outer);
                synchronized (this) {
                    runner = null;
                }
                Thread.interrupted(); // an interrupt meant for this call must not reach the thread's next task
                t.setName(name);
            }
        }

        /**
         * Interrupts the call but keeps waiting for it (up to its deadline): a stop tells an action's {@code start}
         * to give up, and its reverts run once it has returned.
         */
        void interrupt() {
            synchronized (this) {
                if (runner != null) {
                    runner.interrupt();
                }
            }
        }

        /** Interrupts the call and stops waiting for it: its outcome is "abandoned" with {@code reason}. */
        void abandon(String reason) {
            FutureTask<?> f = task;
            if (f != null && !f.isDone()) {
                abandonReason = reason;
                BoundedCalls.this.abandon(this, f);
            }
        }

        boolean timedOut() {
            return timedOut;
        }

        private void markAbandoned() {
            Thread t = runner;
            if (t != null) {
                try {
                    t.setName(runnerName + " [abandoned: " + what + " of experiment " + experimentId + "]");
                } catch (SecurityException ignored) {
                    // the name is only a diagnostic
                }
            }
        }

        private String threadName() {
            Thread t = runner;
            return t == null ? "(returned)" : t.getName();
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
