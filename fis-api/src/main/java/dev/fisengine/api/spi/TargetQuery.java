package dev.fisengine.api.spi;

import dev.fisengine.api.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * What a resolver is asked to find: the template target's ARNs, tags or parameters. Filters and the selection mode
 * are applied by the engine to what the resolver returns.
 *
 * @param targetName the template target name
 * @param resourceType its resource type
 * @param resourceArns the ARNs it names (empty when it uses tags or parameters)
 * @param resourceTags the tags every returned resource must carry (all of them)
 * @param parameters the target's parameters
 * @param runtime the engine
 */
public record TargetQuery(
        String targetName, String resourceType, List<String> resourceArns, Map<String, String> resourceTags,
        Map<String, String> parameters, FisRuntime runtime) {
    public TargetQuery {
        resourceArns = Copies.listOrEmpty(resourceArns);
        resourceTags = Copies.mapOrEmpty(resourceTags);
        parameters = Copies.mapOrEmpty(parameters);
    }
}
