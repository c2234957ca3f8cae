package dev.fisengine.engine.internal;

import dev.fisengine.api.model.StopConditionSpec;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionStatus;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An experiment's stop-condition monitors: each opened once before the experiment starts, checked every poll interval
 * while it runs, closed exactly once when it ends — even a monitor whose {@code open} returned after the experiment
 * had already given up on it. The slots are added and read on the run's mailbox; the checks themselves run as a
 * bounded plugin call.
 */
final class StopConditionWatch {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");

    private final String experimentId;
    private final List<Slot> slots = new ArrayList<>();
    private int consecutiveFailures;

    StopConditionWatch(String experimentId) {
        this.experimentId = experimentId;
    }

    Slot add(StopConditionSpec spec) {
        Slot s = new Slot(spec);
        slots.add(s);
        return s;
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    /** The slots, for a check round or for closing. */
    List<Slot> slots() {
        return List.copyOf(slots);
    }

    /** A failed read; returns how many in a row. */
    int failed() {
        return ++consecutiveFailures;
    }

    void succeeded() {
        consecutiveFailures = 0;
    }

    /** One round of checks over {@code slots} (on a plugin thread): the first trigger, else the first failure. */
    static Round check(List<Slot> slots) {
        Slot broken = null;
        Throwable brokenBy = null;
        for (Slot s : slots) {
            StopConditionMonitor m = s.monitor();
            if (m == null) {
                continue;
            }
            try {
                StopConditionStatus status = m.check();
                if (status != null && status.triggered()) {
                    return new Round(s, status, null, null);
                }
            } catch (Throwable t) {
                if (t instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (broken == null) {
                    broken = s;
                    brokenBy = t;
                }
            }
        }
        return new Round(null, null, broken, brokenBy);
    }

    static String describe(StopConditionSpec spec) {
        return spec.value() == null ? spec.source() : spec.source() + " (" + spec.value() + ")";
    }

    /**
     * The outcome of a check round.
     *
     * @param trigger the condition that fired, or {@code null}
     * @param broken the first condition that could not be read, or {@code null}
     */
    record Round(Slot trigger, StopConditionStatus status, Slot broken, Throwable brokenBy) {}

    /** One condition's monitor; open and close may race (an abandoned open), so it has a monitor of its own. */
    final class Slot {
        final StopConditionSpec spec;
        private StopConditionMonitor monitor;
        private boolean closed;

        private Slot(StopConditionSpec spec) {
            this.spec = spec;
        }

        /** Keeps the opened monitor; when the slot was closed meanwhile, closes the monitor here instead. */
        void opened(StopConditionMonitor m) {
            synchronized (this) {
                if (!closed) {
                    monitor = m;
                    return;
                }
            }
            closeQuietly(m);
        }

        synchronized StopConditionMonitor monitor() {
            return monitor;
        }

        /** Marks the slot closed and returns its monitor to close (or {@code null}); a later open closes itself. */
        synchronized StopConditionMonitor takeForClose() {
            closed = true;
            StopConditionMonitor m = monitor;
            monitor = null;
            return m;
        }

        void closeQuietly(StopConditionMonitor m) {
            if (m == null) {
                return;
            }
            try {
                m.close();
            } catch (Throwable t) {
                LOG.warn("Experiment {}: closing stop condition {} failed", experimentId, describe(spec), t);
            }
        }
    }
}
