/**
 * The engine's time: {@link dev.fisengine.engine.time.EngineClock} (a {@link java.time.Clock} that can schedule),
 * its system implementation, and {@link dev.fisengine.engine.time.ManualClock} for deterministic tests.
 */
package dev.fisengine.engine.time;
