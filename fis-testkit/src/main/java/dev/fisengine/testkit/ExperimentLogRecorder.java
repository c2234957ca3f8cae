package dev.fisengine.testkit;

import dev.fisengine.api.event.ExperimentListener;
import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentLogSink;
import dev.fisengine.api.event.ExperimentStateChange;
import dev.fisengine.engine.FisEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Collects what an engine emits: every record of the FIS experiment log (as an {@link ExperimentLogSink}) and every
 * "FIS Experiment State Change" event (as an {@link ExperimentListener}). Attach it with {@link #attachTo}; read it
 * with {@link #snapshot()} or {@link #log(String)} and assert with {@link FisAssertions}. Thread-safe: the engine calls
 * it on its own threads while the test reads it.
 */
public final class ExperimentLogRecorder implements ExperimentLogSink, ExperimentListener {
    private final Object lock = new Object();
    private final List<ExperimentLogRecord> records = new ArrayList<>();
    private final List<ExperimentStateChange> changes = new ArrayList<>();

    /** Registers this recorder as a log sink and a listener of {@code builder}; returns {@code builder}. */
    public FisEngine.Builder attachTo(FisEngine.Builder builder) {
        return builder.logSink(this).listener(this);
    }

    @Override
    public void accept(ExperimentLogRecord record) {
        synchronized (lock) {
            records.add(Objects.requireNonNull(record, "record"));
            lock.notifyAll();
        }
    }

    @Override
    public void onStateChange(ExperimentStateChange change) {
        synchronized (lock) {
            changes.add(Objects.requireNonNull(change, "change"));
            lock.notifyAll();
        }
    }

    /** Everything recorded so far, for every experiment. */
    public ExperimentLog snapshot() {
        synchronized (lock) {
            return new ExperimentLog(records, changes);
        }
    }

    /** Everything recorded so far about experiment {@code experimentId}. */
    public ExperimentLog log(String experimentId) {
        return snapshot().forExperiment(experimentId);
    }

    /** The log records of experiment {@code experimentId}. */
    public List<ExperimentLogRecord> records(String experimentId) {
        return log(experimentId).records();
    }

    /** The state-change events of experiment {@code experimentId}. */
    public List<ExperimentStateChange> stateChanges(String experimentId) {
        return log(experimentId).stateChanges();
    }

    /** Forgets everything recorded so far. */
    public void clear() {
        synchronized (lock) {
            records.clear();
            changes.clear();
        }
    }

    /**
     * Waits (real time) until the log of experiment {@code experimentId} satisfies {@code condition}, and returns it.
     * For engines on the system clock; with a manual clock, advance the clock instead.
     *
     * @throws AssertionError naming {@code description} and showing the log when {@code timeout} passes first
     */
    public ExperimentLog await(String experimentId, String description, Predicate<ExperimentLog> condition,
            Duration timeout) {
        Objects.requireNonNull(condition, "condition");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                ExperimentLog log = new ExperimentLog(records, changes).forExperiment(experimentId);
                if (condition.test(log)) {
                    return log;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new AssertionError("Timed out after " + timeout + " waiting for experiment " + experimentId
                            + " to " + description + "; its log so far:\n" + log.describe());
                }
                try {
                    lock.wait(Math.max(1, remaining / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted while waiting for experiment " + experimentId + " to "
                            + description, e);
                }
            }
        }
    }

    /** Waits (real time) until experiment {@code experimentId} has written its {@code experiment-end} record. */
    public ExperimentLog awaitEnd(String experimentId, Duration timeout) {
        return await(experimentId, "end", log -> log.experimentEnd().isPresent(), timeout);
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "ExperimentLogRecorder[" + records.size() + " records, " + changes.size() + " state changes]";
        }
    }
}
