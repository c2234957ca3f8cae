package dev.fisengine.cloudwatch.internal;

import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.cloudwatch.CloudWatchStopConditionSettings;

/**
 * This module's per-engine state, kept in {@link FisRuntime#component}: the settings, the client cache and the
 * poller. Each is looked up on its own (never from inside another component's factory), so the lookups do not nest.
 */
public final class Components {
    private Components() {}

    public static CloudWatchStopConditionSettings settings(FisRuntime runtime) {
        return runtime.component(CloudWatchStopConditionSettings.class,
                r -> CloudWatchStopConditionSettings.defaults());
    }

    public static CloudWatchClients clients(FisRuntime runtime) {
        CloudWatchStopConditionSettings settings = settings(runtime);
        return runtime.component(CloudWatchClients.class, r -> new CloudWatchClients(settings));
    }

    /** A reader over the engine's clients; readers hold no state of their own. */
    public static AlarmReader reader(FisRuntime runtime) {
        return new AlarmReader(clients(runtime), settings(runtime), runtime.clock());
    }

    public static AlarmPoller poller(FisRuntime runtime) {
        AlarmReader reader = reader(runtime);
        CloudWatchStopConditionSettings settings = settings(runtime);
        return runtime.component(AlarmPoller.class, r -> new AlarmPoller(settings, reader, r.runtimeId(),
                r.clock()));
    }
}
