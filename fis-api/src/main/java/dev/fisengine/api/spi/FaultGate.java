package dev.fisengine.api.spi;

import dev.fisengine.api.KillSwitch;

/**
 * Whether the faults of one experiment (or of one engine) may fire now. The engine owns the gate and closes it
 * itself — when the experiment starts stopping, when the safety lever or the {@link KillSwitch} is engaged, when the
 * engine closes — without calling into any plugin, so closing it never depends on a plugin's cooperation.
 *
 * <p>Fault-injecting plugins consult it on their hot path just before they would inject (it must be cheap: volatile
 * reads) and refuse to arm while it is closed. Once closed, a gate stays closed.
 */
@FunctionalInterface
public interface FaultGate {
    /** Whether faults may fire now. Never throws. */
    boolean isOpen();

    /** Why the gate is closed, for messages; {@code null} when open. */
    default String closedReason() {
        return isOpen() ? null : "faults are switched off";
    }

    /** The gate outside any engine: open unless the process-wide {@link KillSwitch} is engaged. */
    static FaultGate processWide() {
        return ProcessGate.INSTANCE;
    }
}

/** {@link FaultGate#processWide()}. */
enum ProcessGate implements FaultGate {
    INSTANCE;

    @Override
    public boolean isOpen() {
        return !KillSwitch.isEngaged();
    }

    @Override
    public String closedReason() {
        return KillSwitch.reason();
    }
}
