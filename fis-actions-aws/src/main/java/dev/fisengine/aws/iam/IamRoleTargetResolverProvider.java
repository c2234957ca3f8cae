package dev.fisengine.aws.iam;

import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import dev.fisengine.aws.catalog.AwsActionCatalog;
import dev.fisengine.aws.sdk.DefaultPrincipalRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@code aws:iam:role} targets ({@code targets.*.resourceType}), the {@code Roles} target of the API-fault
 * actions, against the roles the engine knows: its {@link KnownRoles} plus its
 * {@link DefaultPrincipalRole} (the role of instrumented clients that were given none).
 *
 * <ul>
 *   <li>{@code resourceArns}: each ARN resolves to itself, known or not (a client instrumented with that role may be
 *       built later), with its registered tags if it is known;</li>
 *   <li>{@code resourceTags}: every known role that carries all of them, with the same values;</li>
 *   <li>neither (filters alone): every known role.</li>
 * </ul>
 * The engine then applies {@code filters} to the attributes {@code RoleName}, {@code Path} and {@code Arn}
 * ({@link IamRole#attributes()}) and the selection mode.
 */
public final class IamRoleTargetResolverProvider implements TargetResolverProvider {
    private static final TargetTypeDescriptor DESCRIPTOR = AwsActionCatalog.targetType(AwsActionCatalog.IAM_ROLE)
            .orElseThrow(() -> new IllegalStateException(AwsActionCatalog.IAM_ROLE + " is missing from the catalog"));

    @Override
    public TargetTypeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<TargetResource> resolve(TargetQuery query) {
        Map<String, IamRole> known = known(query);
        List<TargetResource> out = new ArrayList<>();
        if (!query.resourceArns().isEmpty()) {
            for (String arn : query.resourceArns()) {
                IamRole role = known.get(arn);
                out.add(resource(role != null ? role : role(arn, query)));
            }
            return out;
        }
        for (IamRole role : known.values()) {
            if (role.hasTags(query.resourceTags())) {
                out.add(resource(role));
            }
        }
        return out;
    }

    /** The registered roles, then the default principal role unless it is registered. */
    private static Map<String, IamRole> known(TargetQuery query) {
        Map<String, IamRole> known = new LinkedHashMap<>();
        for (IamRole role : KnownRoles.of(query.runtime()).roles()) {
            known.put(role.arn(), role);
        }
        known.putIfAbsent(DefaultPrincipalRole.of(query.runtime()).roleArn(),
                IamRole.of(DefaultPrincipalRole.of(query.runtime()).roleArn()));
        return known;
    }

    private static IamRole role(String arn, TargetQuery query) {
        try {
            return IamRole.of(arn);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target '" + query.targetName() + "' (" + AwsActionCatalog.IAM_ROLE
                    + "): resourceArns: \"" + arn + "\" is not an IAM role ARN (arn:partition:iam::account:role/name)",
                    e);
        }
    }

    private static TargetResource resource(IamRole role) {
        return new TargetResource(role.arn(), role.attributes(), role.tags(), null);
    }

    @Override
    public String toString() {
        return "IamRoleTargetResolverProvider[" + AwsActionCatalog.IAM_ROLE + "]";
    }
}
