package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A stop condition ({@code CreateExperimentTemplateStopConditionInput}): {@code source} is {@code none} or
 * {@code aws:cloudwatch:alarm} (or a plugin's own source); {@code value} is e.g. the alarm ARN.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StopConditionSpec(String source, String value) {}
