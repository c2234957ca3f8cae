package dev.fisengine.aws.actions;

import dev.fisengine.aws.actions.internal.ActionParameters;
import dev.fisengine.aws.actions.internal.ExtensionActions;
import dev.fisengine.aws.sdk.ApiFault;
import java.time.Duration;

/**
 * Runs {@code fisengine:sdk:inject-api-latency} ({@code actions.*.actionId}), an extension of this engine that AWS
 * FIS does not have: for {@code percentage} % of the attempts of the AWS SDK calls to the given {@code operations}
 * of {@code service} (made by the target roles, or by every client of the engine when there is no {@code Roles}
 * target), the attempt waits {@code delayMilliseconds} plus up to {@code jitterMilliseconds} (default 0), then goes
 * to the network ({@link ApiFault#latency(Duration, Duration)}). See {@link ApiFaultActionProvider}.
 */
public final class InjectApiLatencyProvider extends ApiFaultActionProvider {

    public InjectApiLatencyProvider() {
        super(ExtensionActions.latency());
    }

    @Override
    ApiFault fault(ActionParameters parameters) {
        long max = ExtensionActions.MAX_DELAY_MILLISECONDS;
        long delay = parameters.integer("delayMilliseconds", 1, max, null);
        long jitter = parameters.integer("jitterMilliseconds", 0, max, 0L);
        return ApiFault.latency(Duration.ofMillis(delay), Duration.ofMillis(jitter));
    }

    @Override
    String describe(ApiFault fault) {
        ApiFault.Latency latency = (ApiFault.Latency) fault;
        return "latency of " + latency.delay().toMillis() + " ms"
                + (latency.jitter().isZero() ? "" : " plus up to " + latency.jitter().toMillis() + " ms");
    }
}
