package dev.fisengine.api.spi;

import dev.fisengine.api.internal.Copies;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * @param experimentId the experiment resolving the target, or {@code null} when not known
 * @param roleArn the experiment's IAM role (the template's {@code roleArn}), or {@code null}; a resolver that calls
 *     AWS may assume it to describe resources as AWS FIS would
 */
public record TargetQuery(
        String targetName, String resourceType, List<String> resourceArns, Map<String, String> resourceTags,
        Map<String, String> parameters, FisRuntime runtime, String experimentId, String roleArn) {
    public TargetQuery {
        resourceArns = Copies.listOrEmpty(resourceArns);
        resourceTags = Copies.mapOrEmpty(resourceTags);
        parameters = Copies.mapOrEmpty(parameters);
    }

    /** A query with no experiment id and no role. */
    public TargetQuery(String targetName, String resourceType, List<String> resourceArns,
            Map<String, String> resourceTags, Map<String, String> parameters, FisRuntime runtime) {
        this(targetName, resourceType, resourceArns, resourceTags, parameters, runtime, null, null);
    }

    /** {@link #roleArn()}, when there is one. */
    public Optional<String> experimentRoleArn() {
        return Optional.ofNullable(roleArn).filter(r -> !r.isBlank());
    }
}
