package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * A template target ({@code CreateExperimentTemplateTargetInput} / {@code ExperimentTemplateTarget}): which resources
 * of one {@code resourceType} an action acts on, identified by ARNs or tags (then filters) or by parameters, and
 * narrowed by {@code selectionMode} ({@code ALL}, {@code COUNT(n)}, {@code PERCENT(n)}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentTemplateTarget(
        String resourceType,
        List<String> resourceArns,
        Map<String, String> resourceTags,
        List<TargetFilter> filters,
        String selectionMode,
        Map<String, String> parameters) {
    public ExperimentTemplateTarget {
        resourceArns = Copies.list(resourceArns);
        resourceTags = Copies.map(resourceTags);
        filters = Copies.list(filters);
        parameters = Copies.map(parameters);
    }
}
