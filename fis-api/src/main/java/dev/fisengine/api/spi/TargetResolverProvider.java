package dev.fisengine.api.spi;

import java.util.List;

/**
 * Finds the resources of one {@code resourceType} (the template's {@code targets.*.resourceType}), which
 * {@link TargetTypeDescriptor#resourceType()} gives. Returns every resource the query's ARNs, tags or parameters
 * identify; the engine then applies filters and the selection mode.
 */
public interface TargetResolverProvider {
    TargetTypeDescriptor descriptor();

    default int order() {
        return 0;
    }

    List<TargetResource> resolve(TargetQuery query) throws Exception;
}
