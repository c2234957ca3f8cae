package dev.fisengine.examples;

import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentStateChange;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The demo's live view: a line per experiment and action state change (fed by the engine's listener and log sink,
 * and by the order service's first errors), and a status line with calls per second and the running totals. On a
 * terminal the status line is redrawn in place ({@code \r}) every {@code statusEvery}; otherwise (CI logs, files) it
 * is printed as a line of its own at that interval.
 *
 * <p>Everything is printed by one thread, the view's own; engine threads only enqueue, as listeners and sinks must
 * be quick (they run under the experiment's lock).
 */
final class LiveView implements AutoCloseable {
    private static final long TICK_MS = 100;
    private static final int TERMINAL_WIDTH = 79;

    /** The numbers the status line shows, read at every tick. */
    record Gauges(LongSupplier calls, LongSupplier faults, LongSupplier retries, LongSupplier errors) {}

    private record Event(long atNanos, String text) {}

    private record Sample(long atNanos, long calls) {}

    private final PrintStream out;
    private final boolean interactive;
    private final long statusEveryNanos;
    private final Gauges gauges;
    private volatile Runnable onTick = () -> { };
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private final Set<String> runningActions = new ConcurrentSkipListSet<>();
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final Thread thread;
    private volatile long startNanos;
    private volatile String experimentStatus = "pending";
    private volatile boolean stopping;
    private int drawnWidth;
    private long lastStatusNanos;

    LiveView(PrintStream out, boolean interactive, Duration statusEvery, Gauges gauges) {
        this.out = out;
        this.interactive = interactive;
        this.statusEveryNanos = statusEvery.toNanos();
        this.gauges = gauges;
        this.thread = new Thread(this::run, "fis-demo-view");
        thread.setDaemon(true);
    }

    /**
     * Starts the clock (t = 0 s) and the view's thread.
     *
     * @param everyTick run at every tick (100 ms) on the view's thread, e.g. to poll the armed faults
     */
    void start(Runnable everyTick) {
        this.onTick = everyTick;
        startNanos = System.nanoTime();
        lastStatusNanos = startNanos;
        thread.start();
    }

    /** Adds a line to the view, timestamped now. Thread-safe and quick. */
    void event(String text) {
        events.add(new Event(System.nanoTime(), text));
    }

    /** The engine's listener: one line per experiment state change. */
    void onStateChange(ExperimentStateChange change) {
        ExperimentStateChange.State state = change.detail().newState();
        experimentStatus = state.status();
        boolean quiet = switch (state.status()) {
            case "pending", "initiating", "running" -> true;
            default -> false;
        };
        event("experiment " + change.detail().experimentId() + " " + state.status()
                + (quiet || state.reason() == null ? "" : ": " + state.reason()));
    }

    /** The engine's log sink: lines for resolved targets and for actions starting and ending. */
    void onLogRecord(ExperimentLogRecord record) {
        Map<String, Object> d = record.details();
        switch (record.logType()) {
            case "target-resolution-detail" -> event("target " + d.get("target_name") + ": "
                    + d.get("resolved_targets_count") + " " + d.get("target_type") + " resolved"
                    + (d.get("error_information") == null ? "" : " (" + d.get("error_information") + ")"));
            case "action-start" -> {
                String name = String.valueOf(d.get("action_name"));
                runningActions.add(name);
                event("action " + name + " started: " + d.get("action_id") + parameters(d.get("parameters")));
            }
            case "action-end" -> {
                String name = String.valueOf(d.get("action_name"));
                runningActions.remove(name);
                if (d.get("action_state") instanceof Map<?, ?> state) {
                    Object status = state.get("status");
                    event("action " + name + " " + status
                            + ("completed".equals(status) ? "" : ": " + state.get("reason")));
                }
            }
            case "action-error" -> {
                if (d.get("action_state") instanceof Map<?, ?> state) {
                    event("action " + d.get("action_name") + " failed: " + state.get("reason"));
                }
            }
            default -> { }
        }
    }

    private static String parameters(Object parameters) {
        if (!(parameters instanceof Map<?, ?> map) || map.isEmpty()) {
            return "";
        }
        return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private void run() {
        while (!stopping) {
            tick(false);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MS));
        }
    }

    private synchronized void tick(boolean last) {
        onTick.run();
        long now = System.nanoTime();
        boolean printed = false;
        for (Event e = events.poll(); e != null; e = events.poll()) {
            if (!printed) {
                clearStatus();
                printed = true;
            }
            out.println("[" + seconds(e.atNanos) + "] " + e.text);
        }
        samples.addLast(new Sample(now, gauges.calls().getAsLong()));
        while (samples.size() > 2 && now - samples.peekFirst().atNanos > TimeUnit.SECONDS.toNanos(1)) {
            samples.removeFirst();
        }
        boolean due = now - lastStatusNanos >= statusEveryNanos;
        if (due) {
            lastStatusNanos = now;
        }
        if (last) {
            clearStatus();
            out.println(status(now));
        } else if (interactive && (due || printed)) {
            redraw(status(now));
        } else if (!interactive && due) {
            out.println(status(now));
        }
        out.flush();
    }

    /** Draws the status line over the previous one, without a line break. */
    private void redraw(String status) {
        String line = status.length() > TERMINAL_WIDTH ? status.substring(0, TERMINAL_WIDTH) : status;
        out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        drawnWidth = Math.max(drawnWidth, line.length());
    }

    private void clearStatus() {
        if (interactive && drawnWidth > 0) {
            out.print("\r" + " ".repeat(drawnWidth) + "\r");
            drawnWidth = 0;
        }
    }

    private String status(long now) {
        Sample first = samples.peekFirst();
        Sample latest = samples.peekLast();
        double span = (latest.atNanos - first.atNanos) / 1e9;
        long rate = span <= 0 ? 0 : Math.round((latest.calls - first.calls) / span);
        String actions = runningActions.isEmpty() ? "" : "  [" + String.join(", ", runningActions) + "]";
        return String.format(Locale.ROOT, "%s  %-9s %4d calls/s  faults %d  retries %d  errors %d%s",
                seconds(now), experimentStatus, rate, gauges.faults().getAsLong(), gauges.retries().getAsLong(),
                gauges.errors().getAsLong(), actions);
    }

    /** Seconds since {@link #start(Runnable)}, e.g. {@code " 12.3s"}. */
    private String seconds(long nanos) {
        return String.format(Locale.ROOT, "%5.1fs", (nanos - startNanos) / 1e9);
    }

    /** Stops the view's thread, then prints what is left and the final status as a line of its own. */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (thread.getState() != Thread.State.NEW) {
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            tick(true);
        }
    }
}
