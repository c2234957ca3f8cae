package dev.fisengine.guice;

import com.google.inject.Binder;
import dev.fisengine.cloudwatch.CloudWatchStopConditionSettings;
import java.util.Objects;

/**
 * Sets how the engine's {@code aws:cloudwatch:alarm} stop conditions and {@code aws:cloudwatch:assert-alarm-state}
 * actions read CloudWatch, in a Guice module next to {@link FisEngineModule}:
 *
 * <pre>{@code
 * FisCloudWatchSettings.bind(binder(), CloudWatchStopConditionSettings.builder()
 *         .pollInterval(Duration.ofSeconds(10)).build());
 * }</pre>
 *
 * <p>Needs {@code dev.fisengine:fis-stop-cloudwatch} on the class path: {@code fis-guice} declares it optional, so
 * an application that uses no CloudWatch stop condition does not get it, the CloudWatch client or its HTTP client.
 * Unbound, the stop condition uses {@link CloudWatchStopConditionSettings#defaults()}. The settings are registered
 * as the engine's {@code CloudWatchStopConditionSettings} component ({@link FisEngineModule#componentBinder}).
 */
public final class FisCloudWatchSettings {
    private FisCloudWatchSettings() {}

    /** Registers {@code settings} as the engine's CloudWatch stop-condition settings. Bind at most once. */
    public static void bind(Binder binder, CloudWatchStopConditionSettings settings) {
        Objects.requireNonNull(binder, "FisCloudWatchSettings.bind: binder");
        Objects.requireNonNull(settings, "FisCloudWatchSettings.bind: settings");
        FisEngineModule.componentBinder(binder.skipSources(FisCloudWatchSettings.class)).addBinding()
                .toInstance(EngineComponent.of(CloudWatchStopConditionSettings.class, settings));
    }
}
