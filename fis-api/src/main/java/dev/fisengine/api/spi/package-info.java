/**
 * The plugin SPI: {@link dev.fisengine.api.spi.ActionProvider} (keyed by {@code actionId}),
 * {@link dev.fisengine.api.spi.TargetResolverProvider} (keyed by {@code resourceType}),
 * {@link dev.fisengine.api.spi.StopConditionProvider} (keyed by stop-condition {@code source}) and
 * {@link dev.fisengine.api.spi.LogDestinationProvider} (keyed by the {@code logConfiguration} field it delivers to).
 * Each describes itself; the engine's validation and its ListActions / GetAction answers are built from those
 * descriptions.
 * Providers are found with {@link java.util.ServiceLoader} ({@code META-INF/services/<interface name>}) or passed to
 * the engine's builder; two providers claiming one key with equal {@code order()} fail at load naming both classes.
 */
package dev.fisengine.api.spi;
