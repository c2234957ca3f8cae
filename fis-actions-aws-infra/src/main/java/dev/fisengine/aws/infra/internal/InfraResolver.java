package dev.fisengine.aws.infra.internal;

import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import dev.fisengine.aws.catalog.AwsActionCatalog;
import dev.fisengine.aws.infra.InfraClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/**
 * A target resolver that describes real resources through the AWS API, with FIS's semantics: every ARN of
 * {@code resourceArns} must exist (else the target fails to resolve, naming the missing ARNs), {@code resourceTags}
 * must all match, the type's {@code parameters} narrow the result, and each resource's attributes are its Describe
 * output (PascalCase) for the engine's {@code filters}. Every page of the Describe APIs is read.
 *
 * <p>The descriptor is the catalog's ({@link AwsActionCatalog#targetType}); {@link #order()} is {@value #ORDER},
 * above the catalog's ARN-only resolvers, so this one wins when the module is on the class path.
 */
public abstract class InfraResolver implements TargetResolverProvider {
    /** Above the catalog's ARN-only resolvers (-100) and the default (0). */
    public static final int ORDER = 100;

    private final TargetTypeDescriptor descriptor;

    protected InfraResolver(String resourceType) {
        this.descriptor = AwsActionCatalog.targetType(resourceType).orElseThrow(() -> new IllegalArgumentException(
                resourceType + " is not a resource type of the AWS FIS catalog"));
    }

    @Override
    public final TargetTypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final int order() {
        return ORDER;
    }

    @Override
    public final List<TargetResource> resolve(TargetQuery query) throws Exception {
        String where = "target '" + query.targetName() + "' (" + descriptor.resourceType() + ")";
        InfraClients clients;
        try {
            clients = InfraClients.of(query.runtime()).forExperiment(query.experimentId(),
                    query.experimentRoleArn());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(where + ": " + e.getMessage(), e);
        }
        try {
            if (!query.resourceArns().isEmpty()) {
                return byArns(where, clients, query);
            }
            List<TargetResource> out = new ArrayList<>();
            for (TargetResource r : describe(clients, clients.defaultRegion(), query)) {
                if (hasTags(r, query.resourceTags())) {
                    out.add(r);
                }
            }
            return out;
        } catch (SdkException e) {
            throw new IllegalStateException(where + ": describing the resources failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private List<TargetResource> byArns(String where, InfraClients clients, TargetQuery query) throws Exception {
        Map<String, List<Arn>> byRegion = new LinkedHashMap<>();
        for (String s : query.resourceArns()) {
            Arn arn = Arn.parse(s, service());
            byRegion.computeIfAbsent(arn.region(), k -> new ArrayList<>()).add(arn);
        }
        Map<String, TargetResource> found = new LinkedHashMap<>();
        for (Map.Entry<String, List<Arn>> e : byRegion.entrySet()) {
            Interrupts.check();
            found.putAll(describeArns(clients, clients.regionOr(e.getKey()), e.getValue(), query));
        }
        List<String> missing = query.resourceArns().stream().filter(a -> !found.containsKey(a)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(where + ": " + (missing.size() == 1 ? "resource " : "resources ")
                    + String.join(", ", missing) + " not found");
        }
        return query.resourceArns().stream().map(found::get).toList();
    }

    /** The ARN service of this type's resources (e.g. {@code ec2}). */
    protected abstract String service();

    /**
     * Every resource of the type in {@code region} that the query's tags (where the API filters by tag) and
     * parameters select; the tags are checked again afterwards.
     */
    protected abstract List<TargetResource> describe(InfraClients clients, Region region, TargetQuery query)
            throws Exception;

    /**
     * The resources named by {@code arns}, keyed by the ARN as given; ARNs that do not exist are left out. The
     * returned resources carry the given ARN.
     */
    protected abstract Map<String, TargetResource> describeArns(InfraClients clients, Region region, List<Arn> arns,
            TargetQuery query) throws Exception;

    static boolean hasTags(TargetResource r, Map<String, String> tags) {
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (!t.getValue().equals(r.tags().get(t.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The partition of a region, for the ARNs this module builds. */
    static String partition(Region region) {
        String id = region.id();
        return id.startsWith("cn-") ? "aws-cn" : id.startsWith("us-gov-") ? "aws-us-gov"
                : id.startsWith("us-iso-") ? "aws-iso" : id.startsWith("us-isob-") ? "aws-iso-b" : "aws";
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + descriptor.resourceType() + "]";
    }
}
