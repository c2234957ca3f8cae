package dev.fisengine.aws.actions;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.aws.actions.internal.ExtensionActions;
import dev.fisengine.aws.catalog.AwsActionCatalog;
import java.util.List;

/**
 * The API-fault actions this module runs in-process, by {@code actionId}: AWS FIS's
 * {@link AwsActionCatalog#INJECT_API_INTERNAL_ERROR}, {@link AwsActionCatalog#INJECT_API_THROTTLE_ERROR} and
 * {@link AwsActionCatalog#INJECT_API_UNAVAILABLE_ERROR}, {@code aws:ec2:api-insufficient-instance-capacity-error},
 * {@code aws:kinesis:stream-provisioned-throughput-exception} and {@code aws:kinesis:stream-expired-iterator-exception},
 * and this engine's extensions {@link #INJECT_API_LATENCY},
 * {@link #INJECT_API_ERROR} and {@link #INJECT_CONNECTION_FAILURE} (namespace {@code fisengine:}, which AWS FIS
 * rejects). {@link java.util.ServiceLoader} finds their providers; {@link #providers()} gives the same set for
 * explicit registration. How they behave: {@code docs/api-fault-actions.md}.
 */
public final class ApiFaultActions {
    /** {@code fisengine:sdk:inject-api-latency}: a delay before hit attempts. */
    public static final String INJECT_API_LATENCY = ExtensionActions.INJECT_API_LATENCY;
    /** {@code fisengine:sdk:inject-api-error}: an error response with a status, code and message of your choosing. */
    public static final String INJECT_API_ERROR = ExtensionActions.INJECT_API_ERROR;
    /** {@code fisengine:sdk:inject-connection-failure}: a connection failure, nothing sent. */
    public static final String INJECT_CONNECTION_FAILURE = ExtensionActions.INJECT_CONNECTION_FAILURE;
    /** The target key of every API-fault action ({@code aws:iam:role}): required for AWS's, optional for ours. */
    public static final String ROLES = ExtensionActions.ROLES;

    private ApiFaultActions() {}

    /** New instances of the nine providers. */
    public static List<ActionProvider> providers() {
        return List.of(new InjectApiInternalErrorProvider(), new InjectApiThrottleErrorProvider(),
                new InjectApiUnavailableErrorProvider(), new InjectApiLatencyProvider(), new InjectApiErrorProvider(),
                new InjectConnectionFailureProvider(), new Ec2ApiInsufficientInstanceCapacityErrorProvider(),
                new KinesisStreamFaultProvider.ProvisionedThroughputException(),
                new KinesisStreamFaultProvider.ExpiredIteratorException());
    }
}
