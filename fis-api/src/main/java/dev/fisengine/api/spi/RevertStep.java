package dev.fisengine.api.spi;

/**
 * Undoes what an action did (disarms a fault, restarts instances...). Registered with
 * {@link ActionContext#onRevert}; the engine runs each step exactly once, in reverse order of registration, when the
 * action ends for any reason (its duration elapsed, the experiment stopped, failed, or the engine closed).
 */
@FunctionalInterface
public interface RevertStep {
    void revert() throws Exception;
}
