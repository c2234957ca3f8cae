package dev.fisengine.engine.internal;

import dev.fisengine.api.model.ExperimentTemplateTarget;
import dev.fisengine.api.spi.TargetResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * What the engine does with what a target resolver returned, with FIS semantics whatever the resolver did: duplicates
 * dropped; every named ARN must be among them; with {@code resourceTags}, a resource lacking any queried tag (or with
 * another value) is dropped (AND); then {@code filters}, then the selection mode.
 */
final class TargetResolution {
    private TargetResolution() {}

    /**
     * @param selected the resources chosen, or {@code null} when {@code error} says why none could be
     * @param error why resolution failed, or {@code null}
     */
    record Result(List<TargetResource> selected, String error) {}

    static Result apply(ExperimentTemplateTarget target, List<TargetResource> found, Random random) {
        List<TargetResource> distinct = TargetSelection.distinct(found == null ? List.of() : found);
        if (target.resourceArns() != null && !target.resourceArns().isEmpty()) {
            Set<String> got = new HashSet<>();
            distinct.forEach(r -> got.add(r.arn()));
            List<String> missing = new ArrayList<>();
            for (String a : target.resourceArns()) {
                if (!got.contains(a)) {
                    missing.add(a);
                }
            }
            if (!missing.isEmpty()) {
                return new Result(null, "resources not found: " + String.join(", ", missing));
            }
        }
        List<TargetResource> tagged = withAllTags(distinct, target.resourceTags());
        try {
            List<TargetResource> filtered = TargetSelection.filter(tagged, target.filters());
            return new Result(TargetSelection.select(filtered, target.selectionMode(), random), null);
        } catch (IllegalArgumentException e) {
            return new Result(null, e.getMessage());
        }
    }

    /** The resources that carry every queried tag with its value. */
    static List<TargetResource> withAllTags(List<TargetResource> resources, Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return resources;
        }
        List<TargetResource> out = new ArrayList<>(resources.size());
        for (TargetResource r : resources) {
            boolean all = true;
            for (Map.Entry<String, String> t : tags.entrySet()) {
                if (!Objects.equals(r.tags().get(t.getKey()), t.getValue())) {
                    all = false;
                    break;
                }
            }
            if (all) {
                out.add(r);
            }
        }
        return out;
    }
}
