package dev.fisengine.engine.internal;

import dev.fisengine.api.event.ExperimentListener;
import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentLogSink;
import dev.fisengine.api.event.ExperimentStateChange;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one experiment's log records and state-change events to the sinks and listeners, in order, after the
 * change they describe, on a worker thread with no lock held — so a listener may call any engine operation, including
 * {@code stopExperiment} on the experiment it is told about.
 *
 * <p>Bounded: a sink or listener that does not return within the listener deadline is abandoned — a watchdog logs
 * it, and delivery of the following events goes on on another thread (the stuck call's thread is left to finish on
 * its own and then delivers nothing more). Events are never lost because a listener failed or hung.
 */
final class EventOutbox {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");

    private final String experimentId;
    private final Executor executor;
    private final ScheduledExecutorService watchdog;
    private final long deadlineNanos;
    private final List<ExperimentLogSink> sinks;
    private final List<ExperimentListener> listeners;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile java.util.concurrent.ScheduledFuture<?> watchTask;
    /** The experiment whose events this thread is delivering, so that a listener's wait does not wait on itself. */
    private static final ThreadLocal<String> DELIVERING = new ThreadLocal<>();
    private volatile long deliveringSince;
    private volatile Object deliveringTo;

    EventOutbox(String experimentId, Executor executor, ScheduledExecutorService watchdog, Duration deadline,
            List<ExperimentLogSink> sinks, List<ExperimentListener> listeners) {
        this.experimentId = experimentId;
        this.executor = executor;
        this.watchdog = watchdog;
        this.deadlineNanos = deadline.toNanos();
        this.sinks = sinks;
        this.listeners = listeners;
    }

    void post(ExperimentLogRecord record) {
        if (!sinks.isEmpty()) {
            queue.add(record);
            schedule();
        }
    }

    void post(ExperimentStateChange change) {
        if (!listeners.isEmpty()) {
            queue.add(change);
            schedule();
        }
    }

    /** Runs {@code marker} once every event posted before it has been delivered (or abandoned). */
    void postMarker(Runnable marker) {
        if (sinks.isEmpty() && listeners.isEmpty()) {
            marker.run(); // nothing is ever delivered: nothing to wait for
            return;
        }
        queue.add(marker);
        schedule();
    }

    /** Whether the current thread is delivering {@code experimentId}'s events (a listener or sink is running). */
    static boolean isDelivering(String experimentId) {
        return experimentId.equals(DELIVERING.get());
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            start(generation.get());
        }
    }

    private void start(long gen) {
        executorStart(gen); // a rejected execution (engine closed) delivers here rather than lose the events
        if (watching.compareAndSet(false, true)) {
            rewatch(deadlineNanos);
        }
    }

    private void rewatch(long delayNanos) {
        try {
            watchTask = watchdog.schedule(this::watch, Math.max(delayNanos, 1_000_000), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            watching.set(false); // the engine is closed; delivery goes on unwatched
        }
    }

    private void drain(long gen) {
        DELIVERING.set(experimentId);
        try {
            drainLoop(gen);
        } finally {
            DELIVERING.remove();
        }
    }

    private void drainLoop(long gen) {
        while (true) {
            Object event;
            while ((event = queue.poll()) != null) {
                if (!deliver(event, gen)) {
                    return; // abandoned by the watchdog: another thread has taken over
                }
            }
            if (generation.get() != gen) {
                return;
            }
            scheduled.set(false);
            if (queue.isEmpty() || !scheduled.compareAndSet(false, true)) {
                stopWatching();
                return;
            }
        }
    }

    /**
     * The queue is drained: cancel the pending watchdog task (an idle outbox keeps nothing scheduled, however many
     * experiments an engine runs), unless a new drain started meanwhile.
     */
    private void stopWatching() {
        java.util.concurrent.ScheduledFuture<?> t = watchTask;
        if (t != null) {
            t.cancel(false);
        }
        watching.set(false);
        if (scheduled.get() && watching.compareAndSet(false, true)) {
            rewatch(deadlineNanos);
        }
    }

    private boolean deliver(Object event, long gen) {
        if (event instanceof Runnable marker) {
            try {
                marker.run();
            } catch (Throwable t) {
                LOG.error("Experiment {}: an outbox marker failed", experimentId, t);
            }
            return generation.get() == gen;
        }
        if (event instanceof ExperimentLogRecord r) {
            for (ExperimentLogSink sink : sinks) {
                if (!deliverTo(sink, () -> sink.accept(r), gen, r.logType())) {
                    return false;
                }
            }
        } else {
            ExperimentStateChange c = (ExperimentStateChange) event;
            for (ExperimentListener l : listeners) {
                if (!deliverTo(l, () -> l.onStateChange(c), gen, "state change")) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean deliverTo(Object target, Runnable call, long gen, String what) {
        if (generation.get() != gen) {
            return false;
        }
        deliveringTo = target;
        deliveringSince = System.nanoTime();
        try {
            call.run();
        } catch (Throwable t) {
            LOG.warn("Experiment {}: {} failed on a {} event", experimentId, target, what, t);
        } finally {
            deliveringSince = 0;
            deliveringTo = null;
        }
        return generation.get() == gen;
    }

    /**
     * The watchdog, one chain per outbox while it delivers: abandons a delivery that has taken longer than the
     * deadline and hands the rest of the queue to a new thread.
     */
    private void watch() {
        long since = deliveringSince;
        long now = System.nanoTime();
        if (since != 0 && now - since >= deadlineNanos) {
            long gen = generation.get();
            Object stuck = deliveringTo;
            if (generation.compareAndSet(gen, gen + 1)) {
                LOG.warn("Experiment {}: {} did not return within {} ms; it is abandoned and the following events "
                        + "are delivered on another thread", experimentId, stuck, deadlineNanos / 1_000_000);
                deliveringSince = 0;
                executorStart(gen + 1);
            }
            rewatch(deadlineNanos);
            return;
        }
        if (scheduled.get()) {
            rewatch(since == 0 ? deadlineNanos : deadlineNanos - (now - since));
            return;
        }
        watching.set(false);
        if (scheduled.get() && watching.compareAndSet(false, true)) {
            rewatch(deadlineNanos);
        }
    }

    private void executorStart(long gen) {
        try {
            executor.execute(() -> drain(gen));
        } catch (RejectedExecutionException e) {
            drain(gen);
        }
    }
}
