package dev.fisengine.testkit;

import dev.fisengine.api.model.Experiment;

/**
 * AssertJ-style entry points for FIS Engine objects; use beside {@code org.assertj.core.api.Assertions}.
 *
 * <pre>{@code
 * assertThat(engine.getExperiment(id)).isCompleted().hasActionState("Throttle", ActionStatus.COMPLETED);
 * assertThat(recorder).forExperiment(id)
 *         .containsLogTypesInOrder("experiment-start", "action-start", "action-end", "experiment-end")
 *         .hasActionEnded("Throttle", "completed")
 *         .experimentEndedWith("completed");
 * }</pre>
 */
public final class FisAssertions {
    private FisAssertions() {}

    /** Assertions on an experiment snapshot ({@code GetExperiment}'s answer). */
    public static ExperimentAssert assertThat(Experiment actual) {
        return new ExperimentAssert(actual);
    }

    /** Assertions on a log snapshot. */
    public static ExperimentLogAssert assertThat(ExperimentLog actual) {
        return new ExperimentLogAssert(actual);
    }

    /** Assertions on everything {@code recorder} has recorded so far (narrow with {@code forExperiment(id)}). */
    public static ExperimentLogAssert assertThat(ExperimentLogRecorder recorder) {
        return new ExperimentLogAssert(recorder == null ? null : recorder.snapshot());
    }
}
