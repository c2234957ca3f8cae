package dev.fisengine.engine.internal;

import dev.fisengine.api.KillSwitch;
import dev.fisengine.api.exception.ConflictException;
import dev.fisengine.api.model.SafetyLeverStatus;

/**
 * The engine's safety lever: {@code disengaged}, {@code engaging} while the experiments it stops are ending, then
 * {@code engaged} — at the latest when the stop bound has passed, so it can never stay {@code engaging}. Engaging
 * closes the engine's fault gate at once. When the engine honours the process-wide {@link KillSwitch}, the switch
 * engages the lever and locks it until the switch is released. Its monitor guards only its own fields.
 */
public final class SafetyLeverControl {
    private final FaultGates.EngineGate gate;
    private final boolean honourSwitch;
    private SafetyLeverStatus status = SafetyLeverStatus.DISENGAGED;
    private String reason = "The safety lever is disengaged.";
    private boolean lockedBySwitch;
    private long generation;

    public SafetyLeverControl(FaultGates.EngineGate gate, boolean honourSwitch) {
        this.gate = gate;
        this.honourSwitch = honourSwitch;
    }

    /** A consistent reading of the lever: {@code status}, {@code reason}. */
    public record Reading(SafetyLeverStatus status, String reason) {}

    public synchronized Reading read() {
        return new Reading(status, reason);
    }

    /**
     * Whether the process-wide switch is engaged and this lever does not show it yet; if so, engages the lever
     * (locked) and returns the generation to complete with {@link #engaged}, else {@code -1}.
     */
    public synchronized long followSwitch() {
        if (!honourSwitch || !KillSwitch.isEngaged()) {
            if (lockedBySwitch && !KillSwitch.isEngaged()) {
                lockedBySwitch = false; // the switch was released: the lever may now be disengaged by hand
            }
            return -1;
        }
        if (lockedBySwitch && status != SafetyLeverStatus.DISENGAGED) {
            return -1;
        }
        lockedBySwitch = true;
        return engageLocked(KillSwitch.reason());
    }

    /**
     * Starts engaging: {@code engaging}, the engine's gate closed. Returns the generation to pass to
     * {@link #engaged}.
     *
     * @throws ConflictException while the lever is already engaging
     */
    public synchronized long engage(String why) {
        if (status == SafetyLeverStatus.ENGAGING) {
            throw new ConflictException("The safety lever is engaging; try again when it is engaged.");
        }
        return engageLocked(why);
    }

    private long engageLocked(String why) {
        status = SafetyLeverStatus.ENGAGING;
        reason = why;
        gate.lever(why);
        return ++generation;
    }

    /** The experiments it stopped have ended (or the bound passed): {@code engaged}, unless changed since. */
    public synchronized void engaged(long gen) {
        if (gen == generation && status == SafetyLeverStatus.ENGAGING) {
            status = SafetyLeverStatus.ENGAGED;
        }
    }

    /**
     * Disengages: experiments may start again and the engine's gate reopens.
     *
     * @throws ConflictException while engaging, or while the process-wide switch holds the lever
     */
    public synchronized void disengage(String why) {
        if (status == SafetyLeverStatus.ENGAGING) {
            throw new ConflictException("The safety lever is engaging; try again when it is engaged.");
        }
        if (lockedBySwitch && KillSwitch.isEngaged()) {
            throw new ConflictException("The safety lever was engaged by the process-wide switch ("
                    + KillSwitch.PROPERTY + " / " + KillSwitch.ENV + " / KillSwitch.engage) and cannot be disengaged "
                    + "while the switch is on.");
        }
        lockedBySwitch = false;
        status = SafetyLeverStatus.DISENGAGED;
        reason = why;
        generation++;
        gate.lever(null);
    }

    /** Why experiments must be cancelled now, or {@code null} when the lever is disengaged. */
    public synchronized String engagedReason() {
        return status == SafetyLeverStatus.DISENGAGED ? null : reason;
    }
}
