package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code ExperimentError}: why an experiment failed.
 *
 * @param accountId the account where the error occurred
 * @param code an error code (FIS does not document its values; this engine's are listed in {@code docs/engine.md})
 * @param location where it happened (for this engine: the action or target name)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentError(String accountId, String code, String location) {}
