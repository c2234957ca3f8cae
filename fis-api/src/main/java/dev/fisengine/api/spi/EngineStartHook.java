package dev.fisengine.api.spi;

/**
 * Work a plugin does once when an engine starts, before the engine accepts its first experiment: e.g. completing the
 * reverts that a crashed process left pending in a journal, so that a new experiment never touches resources a
 * crashed one left changed. Found by {@link java.util.ServiceLoader} (a {@code META-INF/services} line) or registered
 * explicitly ({@code Plugins.builder().startHook(...)}).
 *
 * <p>Bounded and fail-safe: the engine runs its hooks in parallel, each on a thread of its own, from
 * {@code FisEngine.builder().build()}, and waits for all of them at most {@code Deadlines.startHook()} (30 s by
 * default). A hook that throws, or is still running when the deadline passes (it is then interrupted and abandoned),
 * is logged as a warning naming it, and the engine starts anyway. A hook should honour interruption and report what
 * it did through its own logger or an engine component ({@link FisRuntime#component}).
 */
public interface EngineStartHook {
    /** Names the hook in the engine's log (default: its class name). */
    default String name() {
        return getClass().getName();
    }

    /**
     * Runs once per engine, on a thread of its own, before the engine is returned to its builder's caller.
     *
     * @param runtime the engine being started (its components, clock and fault gate)
     * @throws Exception anything: logged as a warning, the engine starts anyway
     */
    void onEngineStart(FisRuntime runtime) throws Exception;
}
