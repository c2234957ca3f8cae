package dev.fisengine.engine.internal;

import dev.fisengine.api.event.ExperimentListener;
import dev.fisengine.api.event.ExperimentLogSink;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.EngineClock;
import dev.fisengine.engine.time.ScheduledTask;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every experiment run of one engine shares: configuration, plugins, time, threads, bounded plugin calls, the
 * engine's fault gate and the event outlets.
 */
public final class EngineContext {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");

    final EngineOptions options;
    final Plugins plugins;
    final EngineClock clock;
    final FisRuntime runtime;
    final Executor workers;
    final BoundedCalls calls;
    final ScheduledExecutorService watchdog;
    final FaultGates.EngineGate gate;
    final List<ExperimentLogSink> sinks;
    final List<ExperimentListener> listeners;
    private final Consumer<ExperimentRun> onTerminal;

    /**
     * @param workers runs event delivery (tracked by the clock)
     * @param callThreads runs plugin code (a cached pool: a hung call must not hold back the others)
     * @param watchdog a real-time timer: plugin-call deadlines and the event outboxes' watchdog
     * @param onTerminal told once when a run reaches a terminal state (on the run's mailbox thread, no lock held)
     */
    public EngineContext(EngineOptions options, Plugins plugins, EngineClock clock, FisRuntime runtime,
            Executor workers, Executor callThreads, ScheduledExecutorService watchdog, FaultGates.EngineGate gate,
            List<ExperimentLogSink> sinks, List<ExperimentListener> listeners, Consumer<ExperimentRun> onTerminal) {
        this.options = options;
        this.plugins = plugins;
        this.clock = clock;
        this.runtime = runtime;
        this.workers = workers;
        this.calls = new BoundedCalls(callThreads, watchdog, clock);
        this.watchdog = watchdog;
        this.gate = gate;
        this.sinks = List.copyOf(sinks);
        this.listeners = List.copyOf(listeners);
        this.onTerminal = onTerminal;
    }

    Instant now() {
        return clock.instant();
    }

    /** Schedules {@code task} on the engine clock; it must only post to a mailbox. */
    ScheduledTask schedule(Instant at, Runnable task) {
        try {
            return clock.schedule(at, () -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.error("Engine timer task failed", t);
                }
            });
        } catch (IllegalStateException e) { // the engine's own clock is closed: nothing will run on it again
            return () -> false;
        }
    }

    void terminal(ExperimentRun run) {
        try {
            onTerminal.accept(run);
        } catch (Throwable t) {
            LOG.error("Recording the end of experiment {} failed", run.id(), t);
        }
    }

    /** Plugin calls abandoned so far. */
    public long abandonedCalls() {
        return calls.abandonedCalls();
    }

    String accountId() {
        return options.accountId();
    }
}
