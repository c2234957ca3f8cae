package dev.fisengine.aws.catalog;

import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import dev.fisengine.aws.catalog.internal.AwsActions;
import dev.fisengine.aws.catalog.internal.AwsTargetTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The AWS FIS action and target-resource-type catalog: the single source of truth for what {@code GetAction} /
 * {@code GetTargetResourceType} show for AWS's own actions ({@code actions.*.actionId}) and resource types
 * ({@code targets.*.resourceType}), and for what template validation checks against.
 *
 * <p>It holds every current action of the FIS Actions reference except {@code aws:fis:wait} (built into the engine)
 * and {@code aws:cloudwatch:assert-alarm-state} (fis-stop-cloudwatch), plus the deprecated
 * {@code aws:elasticache:interrupt-cluster-az-power}; and every supported target resource type plus the deprecated
 * {@code aws:elasticache:redis-replicationgroup}.
 *
 * <p>Of these actions the API faults run in-process ({@link ActionDescriptor#executable()} is {@code true}; their
 * providers live in {@code dev.fisengine.aws.actions}): {@code aws:fis:inject-api-*},
 * {@code aws:ec2:api-insufficient-instance-capacity-error} and {@code aws:kinesis:stream-*}. Every other action is described so that
 * templates using it validate as AWS FIS would validate them, and its provider ({@link CatalogActionProvider}) fails
 * with a clear reason if an experiment runs it. Likewise {@link ArnTargetResolverProvider} resolves targets named by
 * ARN to those ARNs: this engine cannot describe real AWS resources.
 */
public final class AwsActionCatalog {
    /** {@code aws:fis:inject-api-internal-error}. */
    public static final String INJECT_API_INTERNAL_ERROR = AwsActions.INJECT_API_INTERNAL_ERROR;
    /** {@code aws:fis:inject-api-throttle-error}. */
    public static final String INJECT_API_THROTTLE_ERROR = AwsActions.INJECT_API_THROTTLE_ERROR;
    /** {@code aws:fis:inject-api-unavailable-error}. */
    public static final String INJECT_API_UNAVAILABLE_ERROR = AwsActions.INJECT_API_UNAVAILABLE_ERROR;
    /** {@code aws:iam:role}: the resource type of the {@code Roles} target key of API fault actions. */
    public static final String IAM_ROLE = AwsTargetTypes.IAM_ROLE;

    private static final List<ActionDescriptor> ACTIONS = AwsActions.all();
    private static final Map<String, ActionDescriptor> ACTIONS_BY_ID = index(ACTIONS, ActionDescriptor::id);
    private static final List<TargetTypeDescriptor> TARGET_TYPES = AwsTargetTypes.all();
    private static final Map<String, TargetTypeDescriptor> TARGET_TYPES_BY_NAME =
            index(TARGET_TYPES, TargetTypeDescriptor::resourceType);

    private AwsActionCatalog() {}

    /** Every described action, current and deprecated, sorted by id. */
    public static List<ActionDescriptor> actions() {
        return ACTIONS;
    }

    /** The action with this {@code actionId}, if the catalog describes it. */
    public static Optional<ActionDescriptor> action(String id) {
        return Optional.ofNullable(ACTIONS_BY_ID.get(id));
    }

    /** Every described target resource type, current and deprecated, sorted by name. */
    public static List<TargetTypeDescriptor> targetTypes() {
        return TARGET_TYPES;
    }

    /** The target resource type with this name (e.g. {@code aws:ec2:instance}), if the catalog describes it. */
    public static Optional<TargetTypeDescriptor> targetType(String resourceType) {
        return Optional.ofNullable(TARGET_TYPES_BY_NAME.get(resourceType));
    }

    /**
     * New providers for every catalog action that has no in-process implementation in this module (all but the
     * API-fault actions): the same set {@link java.util.ServiceLoader} finds, for explicit registration.
     */
    public static List<ActionProvider> catalogActionProviders() {
        return ACTIONS.stream()
                .filter(a -> !a.executable())
                .<ActionProvider>map(CatalogActionProvider::new)
                .toList();
    }

    /**
     * New ARN-only resolvers for every described resource type except {@code aws:iam:role} (which
     * {@code dev.fisengine.aws.iam} resolves against the engine's known roles): the same set
     * {@link java.util.ServiceLoader} finds, for explicit registration.
     */
    public static List<TargetResolverProvider> arnTargetResolvers() {
        return TARGET_TYPES.stream()
                .filter(t -> !t.resourceType().equals(IAM_ROLE))
                .<TargetResolverProvider>map(ArnTargetResolverProvider::new)
                .toList();
    }

    /** The described action, or an {@link IllegalArgumentException} naming the unknown id. */
    static ActionDescriptor requireAction(String id) {
        return action(id).orElseThrow(() -> new IllegalArgumentException(
                "'" + id + "' is not an action of the AWS FIS catalog"));
    }

    /** The described resource type, or an {@link IllegalArgumentException} naming the unknown type. */
    static TargetTypeDescriptor requireTargetType(String resourceType) {
        return targetType(resourceType).orElseThrow(() -> new IllegalArgumentException(
                "'" + resourceType + "' is not a target resource type of the AWS FIS catalog"));
    }

    private static <T> Map<String, T> index(List<T> values, Function<T, String> key) {
        return values.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }
}
