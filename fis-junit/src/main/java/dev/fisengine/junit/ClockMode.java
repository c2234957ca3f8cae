package dev.fisengine.junit;

/** Which clock the test class's engine runs on. One engine per test class, so the class decides. */
public enum ClockMode {
    /**
     * As the test class's {@link FisExperiment} says; {@link #MANUAL} when it says nothing. The default, and what a
     * method-level annotation should normally leave.
     */
    INHERIT,
    /**
     * A {@link dev.fisengine.engine.time.ManualClock}: time moves only when the test advances it
     * ({@link FisExperimentRun#advance}, {@link FisExperimentRun#awaitCompletion()}), so durations, stop-condition polls
     * and timeouts are deterministic and instant.
     */
    MANUAL,
    /** The system clock: the experiment runs in real time, as in an integration test or a game day. */
    SYSTEM
}
