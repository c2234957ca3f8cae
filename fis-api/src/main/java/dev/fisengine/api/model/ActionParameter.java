package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code ActionParameter}: one parameter of an action type, as {@code GetAction} shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionParameter(String description, Boolean required) {}
