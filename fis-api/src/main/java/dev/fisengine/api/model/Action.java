package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.util.Map;

/**
 * {@code Action}: an action type as {@code GetAction} shows it, e.g. {@code aws:fis:wait}. Built from the action
 * provider's own description.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Action(
        String id,
        String arn,
        String description,
        Map<String, ActionParameter> parameters,
        Map<String, ActionTarget> targets,
        Map<String, String> tags) {
    public Action {
        parameters = Copies.map(parameters);
        targets = Copies.map(targets);
        tags = Copies.map(tags);
    }
}
