package dev.fisengine.api.spi;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a target resolver says about its resource type: what {@code GetTargetResourceType} shows and validation checks.
 *
 * @param resourceType e.g. {@code aws:ec2:instance}
 * @param description the {@code GetTargetResourceType} description
 * @param parameters target parameters it takes (e.g. {@code aws:eks:pod}'s {@code clusterIdentifier})
 * @param identification how a target of this type may identify resources
 * @param deprecatedBy the resource type that replaces this deprecated one, or {@code null}
 */
public record TargetTypeDescriptor(
        String resourceType, String description, List<ParameterDescriptor> parameters,
        Set<Identification> identification, String deprecatedBy) {
    public TargetTypeDescriptor {
        Objects.requireNonNull(resourceType, "resourceType");
        description = description == null ? "" : description;
        parameters = List.copyOf(parameters);
        identification = identification.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(identification));
    }

    /** A type identified by ARNs, tags and filters, with no target parameters. */
    public static TargetTypeDescriptor of(String resourceType, String description) {
        return new TargetTypeDescriptor(resourceType, description, List.of(),
                EnumSet.of(Identification.ARNS, Identification.TAGS, Identification.FILTERS), null);
    }
}
