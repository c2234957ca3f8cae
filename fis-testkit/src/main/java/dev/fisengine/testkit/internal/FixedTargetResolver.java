package dev.fisengine.testkit.internal;

import dev.fisengine.api.spi.Identification;
import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Resolves every target of one resource type to the resources given for it, by target name. Order far below the
 * default, so a real resolver of the type registered by the test wins.
 */
public final class FixedTargetResolver implements TargetResolverProvider {
    private final TargetTypeDescriptor descriptor;
    private final Map<String, List<TargetResource>> byTarget;

    public FixedTargetResolver(String resourceType, Map<String, List<TargetResource>> byTarget) {
        this.descriptor = new TargetTypeDescriptor(resourceType, "Resources given to the compatibility kit.",
                List.of(), EnumSet.of(Identification.ARNS, Identification.TAGS, Identification.FILTERS), null);
        this.byTarget = Map.copyOf(byTarget);
    }

    @Override
    public TargetTypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public int order() {
        return -1000;
    }

    @Override
    public List<TargetResource> resolve(TargetQuery query) {
        List<TargetResource> r = byTarget.get(query.targetName());
        if (r == null) {
            throw new IllegalStateException("compatibility kit: no resources were given for target '"
                    + query.targetName() + "'");
        }
        return r;
    }

    @Override
    public String toString() {
        return "FixedTargetResolver[" + descriptor.resourceType() + "]";
    }
}
