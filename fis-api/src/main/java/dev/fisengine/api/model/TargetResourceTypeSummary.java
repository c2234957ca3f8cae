package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code TargetResourceTypeSummary}: one entry of {@code ListTargetResourceTypes}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetResourceTypeSummary(String resourceType, String description) {}
