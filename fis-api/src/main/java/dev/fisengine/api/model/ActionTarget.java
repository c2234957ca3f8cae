package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code ActionTarget}: the resource type a target key of an action type takes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionTarget(String resourceType) {}
