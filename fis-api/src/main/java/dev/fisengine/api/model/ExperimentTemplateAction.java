package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * A template action ({@code CreateExperimentTemplateActionInput} / {@code ExperimentTemplateAction}). All parameter
 * values are strings, as in FIS; {@code targets} maps the action's target keys (e.g. {@code Instances}) to template
 * target names; {@code startAfter} names actions that must complete first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentTemplateAction(
        String actionId,
        String description,
        Map<String, String> parameters,
        Map<String, String> targets,
        List<String> startAfter) {
    public ExperimentTemplateAction {
        parameters = Copies.map(parameters);
        targets = Copies.map(targets);
        startAfter = Copies.list(startAfter);
    }
}
