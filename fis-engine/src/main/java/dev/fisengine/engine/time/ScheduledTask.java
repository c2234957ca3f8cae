package dev.fisengine.engine.time;

/** A task scheduled on an {@link EngineClock}; cancel it to keep it from running. */
@FunctionalInterface
public interface ScheduledTask {
    /** Keeps the task from running if it has not started; {@code true} when this call cancelled it. */
    boolean cancel();
}
