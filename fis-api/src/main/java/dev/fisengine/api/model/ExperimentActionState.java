package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code ExperimentActionState}: an action's {@code status} within an experiment and the {@code reason} for it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentActionState(ActionStatus status, String reason) {}
