package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.util.List;

/**
 * A target filter ({@code ExperimentTemplateTargetInputFilter}): a PascalCase, dot-separated {@code path} into the
 * resource's Describe output and the {@code values} that match (values OR, filters AND).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetFilter(String path, List<String> values) {
    public TargetFilter {
        values = Copies.list(values);
    }
}
