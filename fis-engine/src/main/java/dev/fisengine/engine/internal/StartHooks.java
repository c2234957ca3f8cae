package dev.fisengine.engine.internal;

import dev.fisengine.api.spi.EngineStartHook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's {@link EngineStartHook}s once, while the engine is built: in parallel, each a bounded call
 * ({@link BoundedCalls}) with {@code Deadlines.startHook()}, so building the engine waits at most that long whatever
 * the hooks do. A hook that throws or passes its deadline is logged as a warning naming it; the engine starts anyway.
 */
public final class StartHooks {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");
    /** Beyond the deadline, for the watchdog to deliver the timeouts; never reached unless the machine stalls. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private StartHooks() {}

    /**
     * What became of one hook.
     *
     * @param hook the hook's name
     * @param problem why it did not complete (threw, or passed its deadline), or {@code null}
     */
    public record Outcome(String hook, String problem) {
        public boolean succeeded() {
            return problem == null;
        }
    }

    /** Runs {@code hooks} and returns within the start-hook deadline (plus a small margin); never throws. */
    public static List<Outcome> run(EngineContext ctx, String runtimeId, List<EngineStartHook> hooks) {
        if (hooks.isEmpty()) {
            return List.of();
        }
        Duration deadline = ctx.options.deadlines().startHook();
        List<CompletableFuture<Outcome>> results = new ArrayList<>();
        for (EngineStartHook hook : hooks) {
            String name = nameOf(hook);
            CompletableFuture<Outcome> result = new CompletableFuture<>();
            results.add(result);
            ctx.calls.submit(runtimeId, "start hook '" + name + "'", deadline, () -> {
                hook.onEngineStart(ctx.runtime);
                return null;
            }, outcome -> result.complete(new Outcome(name, outcome.succeeded() ? null : outcome.problem())));
        }
        List<Outcome> outcomes = new ArrayList<>();
        CompletableFuture<Void> all = CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0]));
        try {
            all.get(deadline.plus(MARGIN).toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            // reported per hook below
        }
        for (int i = 0; i < hooks.size(); i++) {
            Outcome o = results.get(i).getNow(new Outcome(nameOf(hooks.get(i)), "it had not returned when the "
                    + "engine started"));
            if (!o.succeeded()) {
                LOG.warn("FIS engine {}: start hook '{}' did not complete: {}; the engine starts anyway", runtimeId,
                        o.hook(), o.problem());
            }
            outcomes.add(o);
        }
        return List.copyOf(outcomes);
    }

    private static String nameOf(EngineStartHook hook) {
        try {
            String n = hook.name();
            return n == null || n.isBlank() ? hook.getClass().getName() : n;
        } catch (RuntimeException e) {
            return hook.getClass().getName();
        }
    }
}
