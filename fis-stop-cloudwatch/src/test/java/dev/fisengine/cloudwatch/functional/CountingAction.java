package dev.fisengine.cloudwatch.functional;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code fisengine:test:count}: "arms a fault" for {@code duration} and registers a revert that disarms it. Counts
 * starts and reverts per experiment and action, so tests can check that a stopped experiment reverted every fault
 * exactly once.
 */
final class CountingAction implements ActionProvider {
    static final String ID = "fisengine:test:count";

    private static final ActionDescriptor DESCRIPTOR = ActionDescriptor.builder(ID)
            .description("Arms a counted test fault for the duration.")
            .parameter(ParameterDescriptor.builder("duration", ParameterFormat.DURATION)
                    .description("How long the fault stays armed.")
                    .durations(Duration.ZERO, Duration.ofHours(12))
                    .build())
            .durationParameter("duration")
            .build();

    private final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reverts = new ConcurrentHashMap<>();
    private final Set<String> armed = ConcurrentHashMap.newKeySet();

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ActionContext context) {
        String key = key(context.experimentId(), context.actionName());
        starts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        armed.add(key);
        context.onRevert(() -> {
            armed.remove(key);
            reverts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        });
    }

    int starts(String experimentId, String actionName) {
        AtomicInteger n = starts.get(key(experimentId, actionName));
        return n == null ? 0 : n.get();
    }

    int reverts(String experimentId, String actionName) {
        AtomicInteger n = reverts.get(key(experimentId, actionName));
        return n == null ? 0 : n.get();
    }

    /** Faults armed and not yet reverted, as {@code experimentId/actionName}. */
    Set<String> armed() {
        return Set.copyOf(armed);
    }

    private static String key(String experimentId, String actionName) {
        return experimentId + "/" + actionName;
    }
}
