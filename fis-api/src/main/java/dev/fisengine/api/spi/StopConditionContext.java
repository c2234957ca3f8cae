package dev.fisengine.api.spi;

/**
 * What a stop-condition monitor is opened with.
 *
 * @param experimentId the experiment it guards
 * @param source the condition's {@code source}
 * @param value the condition's {@code value} (e.g. an alarm ARN), or {@code null}
 * @param runtime the engine
 */
public record StopConditionContext(String experimentId, String source, String value, FisRuntime runtime) {}
