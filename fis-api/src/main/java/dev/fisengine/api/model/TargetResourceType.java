package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.util.Map;

/**
 * {@code TargetResourceType}: a resource type as {@code GetTargetResourceType} shows it, e.g. {@code aws:ec2:instance}.
 * Built from the target resolver's own description.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetResourceType(
        String resourceType, String description, Map<String, TargetResourceTypeParameter> parameters) {
    public TargetResourceType {
        parameters = Copies.map(parameters);
    }
}
