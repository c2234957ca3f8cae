package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.util.Map;

/** {@code ActionSummary}: one entry of {@code ListActions} (an {@link Action} without its parameters). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionSummary(
        String id, String arn, String description, Map<String, ActionTarget> targets, Map<String, String> tags) {
    public ActionSummary {
        targets = Copies.map(targets);
        tags = Copies.map(tags);
    }
}
