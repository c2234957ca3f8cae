package dev.fisengine.junit;

/** When {@link FisExperiment} starts the experiment. */
public enum StartMode {
    /**
     * Right before each test method runs (after its {@code @BeforeEach} methods); with the manual clock, the engine's
     * start-up work has settled (actions started) when the test body begins.
     */
    BEFORE_EACH,
    /** When the test calls {@link FisExperimentRun#start()}. */
    MANUAL
}
