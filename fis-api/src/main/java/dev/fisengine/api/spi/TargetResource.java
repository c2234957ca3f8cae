package dev.fisengine.api.spi;

import dev.fisengine.api.internal.Copies;
import java.util.Map;
import java.util.Objects;

/**
 * One resource a resolver found.
 *
 * @param arn the resource ARN
 * @param attributes the resource as its Describe API shows it, with PascalCase keys (nested maps and lists), which
 *     template {@code filters} are evaluated against; e.g. {@code {"State": {"Name": "running"}}}
 * @param tags the resource's tags, matched against {@code resourceTags}
 * @param targetInformation what {@code ListExperimentResolvedTargets} shows for it; at least {@code arn}
 */
public record TargetResource(
        String arn, Map<String, Object> attributes, Map<String, String> tags, Map<String, String> targetInformation) {
    public TargetResource {
        Objects.requireNonNull(arn, "arn");
        attributes = Copies.mapOrEmpty(attributes);
        tags = Copies.mapOrEmpty(tags);
        targetInformation = targetInformation == null || targetInformation.isEmpty()
                ? Map.of("arn", arn) : Copies.map(targetInformation);
    }

    public static TargetResource of(String arn) {
        return new TargetResource(arn, Map.of(), Map.of(), null);
    }

    public static TargetResource of(String arn, Map<String, String> tags, Map<String, Object> attributes) {
        return new TargetResource(arn, attributes, tags, null);
    }
}
