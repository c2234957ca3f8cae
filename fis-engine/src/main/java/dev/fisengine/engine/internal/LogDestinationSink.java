package dev.fisengine.engine.internal;

import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentLogSink;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.model.LogConfiguration;
import dev.fisengine.api.spi.LogDestinationContext;
import dev.fisengine.api.spi.LogDestinationProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One experiment's log delivered to one destination of its template's {@code logConfiguration}, through the
 * {@link LogDestinationProvider} that serves it: opened on the first record, closed (flushed) after
 * {@code experiment-end}. It runs in the experiment's {@link EventOutbox}, so every call is bounded by the listener
 * deadline and a hung call is abandoned by the outbox's watchdog.
 *
 * <p>Never fatal: a failure of the provider is reported (a warning with the experiment's id in the MDC, as
 * {@code fisExperimentId}) and the experiment goes on. After a call that failed to open or hung, the destination
 * receives nothing more of the experiment (a hung destination must not hold back every later record by a deadline
 * each); the records it missed are counted in a last warning.
 */
final class LogDestinationSink implements ExperimentLogSink {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");
    private static final String MDC_KEY = "fisExperimentId";

    private final LogDestinationProvider provider;
    private final LogDestinationContext context;
    private final String where;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger missed = new AtomicInteger();
    private volatile boolean opened;
    private volatile boolean dead;
    private volatile ExperimentLogSink sink;

    private LogDestinationSink(LogDestinationProvider provider, LogDestinationContext context, String destination) {
        this.provider = provider;
        this.context = context;
        this.where = "logConfiguration." + destination + " (" + provider.getClass().getName() + ")";
    }

    /**
     * The engine's sinks, and one sink per destination of the template's {@code logConfiguration} that a provider
     * serves; a destination no provider serves is reported once.
     */
    static List<ExperimentLogSink> withDestinations(EngineContext ctx, String experimentId,
            ExperimentTemplate template) {
        LogConfiguration c = template.logConfiguration();
        if (c == null || (c.cloudWatchLogsConfiguration() == null && c.s3Configuration() == null)) {
            return ctx.sinks;
        }
        List<ExperimentLogSink> out = new ArrayList<>(ctx.sinks);
        LogDestinationContext context = new LogDestinationContext(experimentId, template.id(), ctx.accountId(),
                ctx.options.region(), c, ctx.runtime);
        for (String destination : List.of(LogDestinationProvider.CLOUDWATCH_LOGS, LogDestinationProvider.S3)) {
            boolean set = destination.equals(LogDestinationProvider.CLOUDWATCH_LOGS)
                    ? c.cloudWatchLogsConfiguration() != null : c.s3Configuration() != null;
            if (!set) {
                continue;
            }
            Optional<LogDestinationProvider> provider = ctx.plugins.logDestination(destination);
            if (provider.isPresent()) {
                out.add(new LogDestinationSink(provider.get(), context, destination));
            } else {
                warnFor(experimentId, "Experiment {}: its template's logConfiguration.{} is set, but no log destination "
                        + "provider delivers there (fis-actions-aws-infra does); its log goes to the engine's own "
                        + "sinks only", experimentId, destination);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public void accept(ExperimentLogRecord record) {
        boolean last = "experiment-end".equals(record.logType());
        if (dead || !busy.compareAndSet(false, true)) {
            // an earlier call failed to open, or hung and was abandoned (and may still be running)
            int n = missed.incrementAndGet();
            if (!dead) {
                dead = true;
                warn("Experiment {}: {} did not return from an earlier call; it receives no more records of "
                        + "this experiment", context.experimentId(), where);
            }
            if (last) {
                warn("Experiment {}: {} records were not delivered to {}", context.experimentId(), n, where);
            }
            return;
        }
        try {
            if (!opened) {
                opened = true;
                try {
                    sink = provider.open(context);
                } catch (Exception | LinkageError e) {
                    dead = true;
                    missed.incrementAndGet();
                    warn("Experiment {}: the experiment log cannot be delivered to {}: {}; the experiment goes on",
                            context.experimentId(), where, Text.message(e));
                    return;
                }
            }
            ExperimentLogSink s = sink;
            if (s == null) {
                return; // the provider does not deliver this configuration
            }
            try {
                s.accept(record);
            } catch (RuntimeException e) {
                warn("Experiment {}: delivering its {} record to {} failed: {}; the experiment goes on",
                        context.experimentId(), record.logType(), where, Text.message(e));
            }
            if (last && s instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    warn("Experiment {}: delivering its log to {} failed at the end: {}", context.experimentId(),
                            where, Text.message(e));
                }
            }
        } finally {
            busy.set(false);
        }
    }

    private void warn(String format, Object... args) {
        warnFor(context.experimentId(), format, args);
    }

    /** A warning with {@code experimentId} in the MDC, where the experiment's own log lines have it. */
    private static void warnFor(String experimentId, String format, Object... args) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, experimentId);
        try {
            LOG.warn(format, args);
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    @Override
    public String toString() {
        return "the log destination " + where + " of experiment " + context.experimentId();
    }
}
