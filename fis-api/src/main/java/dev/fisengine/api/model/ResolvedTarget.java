package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.util.Map;

/**
 * {@code ResolvedTarget}: one resource an experiment resolved for one of its targets, as
 * {@code ListExperimentResolvedTargets} shows it ({@code targetInformation} holds at least {@code arn}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResolvedTarget(String resourceType, String targetName, Map<String, String> targetInformation) {
    public ResolvedTarget {
        targetInformation = Copies.mapOrEmpty(targetInformation);
    }
}
