package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code ExperimentState}: an experiment's {@code status}, the {@code reason} for it, and the {@code error} when it
 * failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentState(ExperimentStatus status, String reason, ExperimentError error) {
    public static ExperimentState of(ExperimentStatus status, String reason) {
        return new ExperimentState(status, reason, null);
    }
}
