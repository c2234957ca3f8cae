package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code TargetResourceTypeParameter}: one target parameter of a resource type. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetResourceTypeParameter(String description, Boolean required) {}
