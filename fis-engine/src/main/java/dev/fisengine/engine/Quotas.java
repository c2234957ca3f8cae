package dev.fisengine.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * The FIS service quotas the engine enforces, with AWS's defaults (per account and Region in AWS; per engine here).
 * Raise them like a quota increase: {@code Quotas.defaults().toBuilder().activeExperiments(50).build()}.
 *
 * @param experimentTemplates stored templates (AWS L-2FF3254A: 500); exceeding it fails
 *     {@code CreateExperimentTemplate} with {@code ServiceQuotaExceededException}
 * @param actionsPerTemplate actions in one template (L-0BFE6B67: 20); checked on create and update
 * @param stopConditionsPerTemplate stop conditions in one template (L-872EC72B: 5); checked on create and update
 * @param activeExperiments experiments not yet in a terminal state (L-F5FCA485: 5); checked by
 *     {@code StartExperiment}
 * @param parallelActions actions of one experiment running at once (L-EB051440: 10); further ready actions wait
 * @param experimentDuration how long one experiment may run (L-6C1E4427: 12 h); then it is stopped
 */
public record Quotas(
        int experimentTemplates,
        int actionsPerTemplate,
        int stopConditionsPerTemplate,
        int activeExperiments,
        int parallelActions,
        Duration experimentDuration) {

    public Quotas {
        positive("experimentTemplates", experimentTemplates);
        positive("actionsPerTemplate", actionsPerTemplate);
        positive("stopConditionsPerTemplate", stopConditionsPerTemplate);
        positive("activeExperiments", activeExperiments);
        positive("parallelActions", parallelActions);
        Objects.requireNonNull(experimentDuration, "experimentDuration");
        if (experimentDuration.isNegative() || experimentDuration.isZero()) {
            throw new IllegalArgumentException("Quotas.experimentDuration must be positive: " + experimentDuration);
        }
    }

    /** AWS FIS's default quotas: 500 templates, 20 actions and 5 stop conditions per template, 5 active
     * experiments, 10 parallel actions, 12 hours per experiment. */
    public static Quotas defaults() {
        return new Quotas(500, 20, 5, 5, 10, Duration.ofHours(12));
    }

    public static Builder builder() {
        return defaults().toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Quotas." + name + " must be at least 1: " + value);
        }
    }

    /** Builder for {@link Quotas}, starting from the values it was made from. */
    public static final class Builder {
        private int experimentTemplates;
        private int actionsPerTemplate;
        private int stopConditionsPerTemplate;
        private int activeExperiments;
        private int parallelActions;
        private Duration experimentDuration;

        private Builder(Quotas q) {
            experimentTemplates = q.experimentTemplates;
            actionsPerTemplate = q.actionsPerTemplate;
            stopConditionsPerTemplate = q.stopConditionsPerTemplate;
            activeExperiments = q.activeExperiments;
            parallelActions = q.parallelActions;
            experimentDuration = q.experimentDuration;
        }

        public Builder experimentTemplates(int value) {
            experimentTemplates = value;
            return this;
        }

        public Builder actionsPerTemplate(int value) {
            actionsPerTemplate = value;
            return this;
        }

        public Builder stopConditionsPerTemplate(int value) {
            stopConditionsPerTemplate = value;
            return this;
        }

        public Builder activeExperiments(int value) {
            activeExperiments = value;
            return this;
        }

        public Builder parallelActions(int value) {
            parallelActions = value;
            return this;
        }

        public Builder experimentDuration(Duration value) {
            experimentDuration = value;
            return this;
        }

        public Quotas build() {
            return new Quotas(experimentTemplates, actionsPerTemplate, stopConditionsPerTemplate, activeExperiments,
                    parallelActions, experimentDuration);
        }
    }
}
