package dev.fisengine.api.spi;

/**
 * Watches one stop condition of one experiment. The engine calls {@link #check} before the experiment starts and
 * then at its polling interval; an exception counts as "could not be read" (the engine stops the experiment after a
 * configurable number of consecutive failures). Closed when the experiment ends.
 */
public interface StopConditionMonitor extends AutoCloseable {
    StopConditionStatus check() throws Exception;

    @Override
    default void close() {}
}
