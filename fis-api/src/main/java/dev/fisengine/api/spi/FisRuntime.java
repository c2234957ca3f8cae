package dev.fisengine.api.spi;

import java.time.Clock;
import java.util.function.Function;

/**
 * The engine as plugins may see it: an identity, a clock, and a per-engine store of shared components. Several
 * engines may live in one JVM (parallel tests); plugins keep per-engine state (armed faults, pollers, clients) in
 * {@link #component}, never in statics, so engines do not see each other's faults.
 */
public interface FisRuntime {
    /** A unique id of this engine instance within the process. */
    String runtimeId();

    /** The engine's clock (a manual clock in deterministic tests). */
    Clock clock();

    /**
     * The engine's single instance of {@code type}: the one registered when the engine was built, else the one
     * {@code factory} creates on first use (created once, thread-safely). Components that are
     * {@link AutoCloseable} are closed when the engine closes.
     */
    <T> T component(Class<T> type, Function<? super FisRuntime, ? extends T> factory);

    /**
     * This engine's gate: closed while its safety lever or the process-wide kill switch is engaged, and for good once
     * the engine is closed. Faults armed outside an experiment consult it; an experiment's faults consult
     * {@link ActionContext#faultGate()}, which also closes when that experiment starts stopping.
     */
    default FaultGate faultGate() {
        return FaultGate.processWide();
    }
}
