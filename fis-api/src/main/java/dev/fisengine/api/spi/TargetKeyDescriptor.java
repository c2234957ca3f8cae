package dev.fisengine.api.spi;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One target key an action takes (e.g. {@code Instances}), the resource types a target under it may have, and the
 * identification the action allows for it (narrower than the resource type's, e.g. ARNs only).
 *
 * @param key the key in the action's {@code targets} map
 * @param resourceTypes accepted {@code resourceType}s of the referenced template target
 * @param required whether the action must name a target under this key
 * @param identification how the referenced target may identify resources
 * @param maxResources the FIS quota on resolved resources for this key (e.g. 5 instances), or {@code null}
 */
public record TargetKeyDescriptor(
        String key, Set<String> resourceTypes, boolean required, Set<Identification> identification,
        Integer maxResources) {
    public TargetKeyDescriptor {
        Objects.requireNonNull(key, "key");
        resourceTypes = Set.copyOf(resourceTypes);
        identification = identification.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(identification));
    }

    /** A required key of one resource type, identified any way the resource type allows. */
    public static TargetKeyDescriptor of(String key, String resourceType) {
        return new TargetKeyDescriptor(key, Set.of(resourceType), true, EnumSet.allOf(Identification.class), null);
    }

    public TargetKeyDescriptor withIdentification(Identification first, Identification... rest) {
        return new TargetKeyDescriptor(key, resourceTypes, required, EnumSet.of(first, rest), maxResources);
    }

    public TargetKeyDescriptor withMaxResources(int max) {
        return new TargetKeyDescriptor(key, resourceTypes, required, identification, max);
    }

    public TargetKeyDescriptor optional() {
        return new TargetKeyDescriptor(key, resourceTypes, false, identification, maxResources);
    }
}
