package dev.fisengine.engine.internal;

import dev.fisengine.api.event.ExperimentListener;
import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentLogSink;
import dev.fisengine.api.event.ExperimentStateChange;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.EngineClock;
import dev.fisengine.engine.time.ScheduledTask;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every experiment run of one engine shares: configuration, plugins, time, threads and event outlets. */
public final class EngineContext {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");

    final EngineOptions options;
    final Plugins plugins;
    final EngineClock clock;
    final FisRuntime runtime;
    private final Executor workers;
    private final List<ExperimentLogSink> sinks;
    private final List<ExperimentListener> listeners;
    private final Consumer<ExperimentRun> onTerminal;

    /**
     * @param workers runs plugin calls (already wrapped by {@link EngineClock#track})
     * @param onTerminal told once when a run reaches a terminal state
     */
    public EngineContext(EngineOptions options, Plugins plugins, EngineClock clock, FisRuntime runtime,
            Executor workers, List<ExperimentLogSink> sinks, List<ExperimentListener> listeners,
            Consumer<ExperimentRun> onTerminal) {
        this.options = options;
        this.plugins = plugins;
        this.clock = clock;
        this.runtime = runtime;
        this.workers = workers;
        this.sinks = List.copyOf(sinks);
        this.listeners = List.copyOf(listeners);
        this.onTerminal = onTerminal;
    }

    Instant now() {
        return clock.instant();
    }

    /** Runs {@code task} on a worker; if the workers are gone (engine closed), on this thread, so reverts still run. */
    void submit(Runnable task) {
        Runnable safe = () -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("Engine task failed", t);
            }
        };
        try {
            workers.execute(safe);
        } catch (RejectedExecutionException e) {
            safe.run();
        }
    }

    ScheduledTask schedule(Instant at, Runnable task) {
        return clock.schedule(at, () -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("Engine timer task failed", t);
            }
        });
    }

    void log(ExperimentLogRecord record) {
        for (ExperimentLogSink sink : sinks) {
            try {
                sink.accept(record);
            } catch (Throwable t) {
                LOG.warn("Experiment log sink {} failed on {} record", sink, record.logType(), t);
            }
        }
    }

    void changed(ExperimentStateChange change) {
        for (ExperimentListener l : listeners) {
            try {
                l.onStateChange(change);
            } catch (Throwable t) {
                LOG.warn("Experiment listener {} failed", l, t);
            }
        }
    }

    void terminal(ExperimentRun run) {
        onTerminal.accept(run);
    }

    String accountId() {
        return options.accountId();
    }
}
