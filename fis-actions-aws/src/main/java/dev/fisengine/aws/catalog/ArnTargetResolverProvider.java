package dev.fisengine.aws.catalog;

import dev.fisengine.api.spi.Identification;
import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import java.util.List;
import java.util.Objects;

/**
 * Resolves targets of one AWS resource type ({@code targets.*.resourceType}, e.g. {@code aws:ec2:instance}) that name
 * their resources by ARN: each of the target's {@code resourceArns} resolves to itself
 * ({@link TargetResource#of(String)}, with no attributes or tags).
 *
 * <p>In-process, this engine cannot call {@code Describe*} or {@code tag:GetResources} on real AWS resources, so a
 * target identified by {@code resourceTags}, {@code parameters} or {@code filters} alone fails to resolve, with a
 * message naming the target and its resource type and saying how to provide the resources: name them with
 * {@code resourceArns}, or register a {@link TargetResolverProvider} of your own for the resource type.
 *
 * <p>Its {@link #order()} is {@value #ORDER}, below the default 0, so an application's own resolver for the same
 * resource type takes precedence without a conflict.
 */
public class ArnTargetResolverProvider implements TargetResolverProvider {
    /** The order of ARN-only resolvers: below the default, so any other resolver of the type wins. */
    public static final int ORDER = -100;

    private final TargetTypeDescriptor descriptor;

    /** A resolver for {@code descriptor}'s resource type. */
    public ArnTargetResolverProvider(TargetTypeDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    /** A resolver for the catalog's resource type {@code resourceType}. */
    protected ArnTargetResolverProvider(String resourceType) {
        this(AwsActionCatalog.requireTargetType(resourceType));
    }

    @Override
    public final TargetTypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final int order() {
        return ORDER;
    }

    /** The query's ARNs, each resolved to itself; fails for targets that name no ARNs. */
    @Override
    public final List<TargetResource> resolve(TargetQuery query) {
        if (!query.resourceArns().isEmpty()) {
            return query.resourceArns().stream().map(TargetResource::of).toList();
        }
        String type = descriptor.resourceType();
        String by = !query.resourceTags().isEmpty() ? "resourceTags " + query.resourceTags()
                : !query.parameters().isEmpty() ? "parameters " + query.parameters()
                : "no resourceArns";
        String arnHint = descriptor.identification().contains(Identification.ARNS)
                ? "name the resources with resourceArns, or " : "";
        throw new IllegalStateException("target '" + query.targetName() + "' (" + type + ") identifies its "
                + "resources by " + by + ", but this engine cannot look up AWS resources in-process: it resolves "
                + type + " targets only from resourceArns, each to itself. To provide the resources, " + arnHint
                + "register a TargetResolverProvider for " + type + " (ServiceLoader or the engine's builder) "
                + "that finds them");
    }

    @Override
    public String toString() {
        return "ArnTargetResolverProvider[" + descriptor.resourceType() + "]";
    }
}
