package dev.fisengine.engine.validation.internal;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterFinding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls {@link ActionProvider#validate} with a deadline (DESIGN.md: every plugin call has one): on a daemon thread of
 * a small pool, abandoned (interrupted) past {@link #deadline()}. A check that throws, hangs or cannot be scheduled
 * becomes a result that says so, never an exception out of the validator.
 */
final class PluginChecks {
    /**
     * How long one provider's check may take: 10 s (a first check may load a large SDK client class), or the
     * milliseconds of the system property {@value #DEADLINE_PROPERTY}.
     */
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    static final String DEADLINE_PROPERTY = "fisengine.validation.pluginCheckDeadlineMillis";

    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "fis-validation-plugin-check");
                t.setDaemon(true);
                return t;
            });

    /** The outcome of one check: its findings, or why there are none. */
    record Outcome(List<ParameterFinding> findings, String failure) {}

    private PluginChecks() {}

    static Duration deadline() {
        String v = System.getProperty(DEADLINE_PROPERTY);
        try {
            long ms = v == null ? -1 : Long.parseLong(v.trim());
            return ms > 0 ? Duration.ofMillis(ms) : DEFAULT_DEADLINE;
        } catch (NumberFormatException e) {
            return DEFAULT_DEADLINE;
        }
    }

    static Outcome run(ActionProvider provider, Map<String, String> parameters) {
        Duration deadline = deadline();
        Future<List<ParameterFinding>> f;
        try {
            f = POOL.submit(() -> provider.validate(parameters));
        } catch (RejectedExecutionException e) {
            return new Outcome(List.of(), "was not run: too many checks in progress");
        }
        try {
            List<ParameterFinding> out = f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(out == null ? List.of() : List.copyOf(out), null);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome(List.of(), "did not answer within " + deadline.toMillis() + " ms and was abandoned");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Outcome(List.of(), "failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome(List.of(), "was interrupted");
        } catch (RuntimeException e) {
            return new Outcome(List.of(), "failed: " + e);
        }
    }
}
