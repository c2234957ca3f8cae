package dev.fisengine.aws.actions.internal;

import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.aws.catalog.AwsActionCatalog;
import java.time.Duration;
import java.util.List;

/**
 * The descriptors of this engine's {@code fisengine:sdk:*} API-fault actions. They take the parameters of AWS's
 * {@code aws:fis:inject-api-*} actions ({@code service}, {@code operations}, {@code percentage}, {@code duration},
 * with the same formats and bounds, taken from the catalog) plus their own, and an optional {@code Roles} target.
 */
public final class ExtensionActions {
    public static final String INJECT_API_LATENCY = "fisengine:sdk:inject-api-latency";
    public static final String INJECT_API_ERROR = "fisengine:sdk:inject-api-error";
    public static final String INJECT_CONNECTION_FAILURE = "fisengine:sdk:inject-connection-failure";
    public static final String ROLES = "Roles";

    /** The largest delay and jitter: one hour (the SDK's own call timeouts usually end a call long before). */
    public static final long MAX_DELAY_MILLISECONDS = Duration.ofHours(1).toMillis();
    /** The longest error code and message accepted. */
    public static final int MAX_ERROR_CODE_LENGTH = 128;

    /** The largest count of the count parameters ({@code firstAttempts}, {@code everyNthAttempt}, {@code maxFaults}). */
    public static final long MAX_COUNT = 1_000_000_000L;
    public static final String FIRST_ATTEMPTS = "firstAttempts";
    public static final String EVERY_NTH_ATTEMPT = "everyNthAttempt";
    public static final String MAX_FAULTS = "maxFaults";

    /** Printable ASCII without spaces or {@code ;}, as {@link dev.fisengine.aws.sdk.ApiFault.Custom} requires. */
    public static final String ERROR_CODE_PATTERN = "[!-:<-~]{1," + MAX_ERROR_CODE_LENGTH + "}";

    private static final String NOT_IN_AWS = " An extension of this engine, not an AWS FIS action: AWS FIS rejects it.";
    private static final String ROLES_DOC = " the AWS SDK calls made by the target roles (by every client instrumented "
            + "for the engine when the action names no Roles target)";

    private ExtensionActions() {}

    public static ActionDescriptor latency() {
        return common(INJECT_API_LATENCY, "Delays" + ROLES_DOC + " to the given operations of an AWS service: each "
                + "hit attempt waits delayMilliseconds plus a uniformly drawn extra of up to jitterMilliseconds, then "
                + "goes to the network. The SDK's attempt and call timeouts still apply." + NOT_IN_AWS)
                .parameter(ParameterDescriptor.builder("delayMilliseconds", ParameterFormat.INTEGER)
                        .description("The delay added to each hit attempt, in milliseconds (1 to "
                                + MAX_DELAY_MILLISECONDS + ").")
                        .required().range(1, MAX_DELAY_MILLISECONDS).build())
                .parameter(ParameterDescriptor.builder("jitterMilliseconds", ParameterFormat.INTEGER)
                        .description("Up to this many milliseconds more, drawn uniformly per attempt (0 to "
                                + MAX_DELAY_MILLISECONDS + "; default 0).")
                        .defaultValue("0").range(0, MAX_DELAY_MILLISECONDS).build())
                .build();
    }

    public static ActionDescriptor error() {
        return common(INJECT_API_ERROR, "Answers" + ROLES_DOC + " to the given operations of an AWS service with an "
                + "error response of your choosing, in the service's own protocol: the SDK builds the modeled "
                + "exception for errorCode and retries it as it would a real one." + NOT_IN_AWS)
                .parameter(ParameterDescriptor.builder("statusCode", ParameterFormat.INTEGER)
                        .description("The HTTP status of the error response, 400 to 599.")
                        .required().range(400, 599).build())
                .parameter(ParameterDescriptor.builder("errorCode", ParameterFormat.STRING)
                        .description("The error code the SDK reports (awsErrorDetails().errorCode()), which also "
                                + "selects the modeled exception class, e.g. ProvisionedThroughputExceededException: "
                                + "printable ASCII without spaces or ';', at most " + MAX_ERROR_CODE_LENGTH
                                + " characters.")
                        .required().pattern(ERROR_CODE_PATTERN).build())
                .parameter(ParameterDescriptor.builder("queryErrorCode", ParameterFormat.STRING)
                        .description("For query-compatible services (SQS, CloudWatch): the query code sent in the "
                                + "x-amzn-query-error header, which the SDK reports as errorCode(), while errorCode "
                                + "is the error's shape name and selects the exception class, e.g. errorCode "
                                + "QueueDoesNotExist with queryErrorCode AWS.SimpleQueueService.NonExistentQueue "
                                + "(default: errorCode).")
                        .pattern(ERROR_CODE_PATTERN).build())
                .parameter(ParameterDescriptor.builder("message", ParameterFormat.STRING)
                        .description("The error message (default: \"Injected by FIS Engine\").")
                        .defaultValue("Injected by FIS Engine").build())
                .build();
    }

    public static ActionDescriptor connectionFailure() {
        return common(INJECT_CONNECTION_FAILURE, "Fails" + ROLES_DOC + " to the given operations of an AWS service "
                + "as when no connection can be made: the HTTP client throws java.net.ConnectException, nothing is "
                + "sent, and the SDK retries the attempt." + NOT_IN_AWS)
                .build();
    }

    public static List<ActionDescriptor> all() {
        return List.of(latency(), error(), connectionFailure());
    }

    /** The shared part: the inject-api parameters without AWS's own limits, and an optional Roles target. */
    private static ActionDescriptor.Builder common(String id, String description) {
        ActionDescriptor aws = AwsActionCatalog.action(AwsActionCatalog.INJECT_API_THROTTLE_ERROR).orElseThrow();
        TargetKeyDescriptor roles = aws.target(ROLES).orElseThrow().optional();
        return ActionDescriptor.builder(id)
                .description(description)
                .availableInAws(false)
                .executable(true)
                .target(roles)
                .parameter(shared(aws, "service")
                        .description("The AWS service to inject into: any AWS SDK for Java v2 service id, "
                                + "lower-case (dynamodb, s3, sqs, kinesis, ec2, lambda, ...).")
                        .build())
                .parameter(shared(aws, "operations")
                        .description("The operations to inject into: comma-separated API operation names of the "
                                + "service as the SDK names them, case-sensitive, e.g. GetItem,PutItem.")
                        .build())
                .parameter(shared(aws, "percentage").build())
                .parameter(shared(aws, "duration")
                        .description("How long the fault stays armed (ISO-8601, up to 12 hours).")
                        .build())
                .parameter(ParameterDescriptor.builder(FIRST_ATTEMPTS, ParameterFormat.INTEGER)
                        .description("Only the first N matching attempts may be hit (1 to " + MAX_COUNT + "). "
                                + "Attempts are numbered in the order they reach the fault, across every client "
                                + "and thread of the engine; SDK retries are attempts too.")
                        .range(1, MAX_COUNT).build())
                .parameter(ParameterDescriptor.builder(EVERY_NTH_ATTEMPT, ParameterFormat.INTEGER)
                        .description("Only every N-th matching attempt (N, 2N, 3N...) may be hit (1 to " + MAX_COUNT
                                + ").")
                        .range(1, MAX_COUNT).build())
                .parameter(ParameterDescriptor.builder(MAX_FAULTS, ParameterFormat.INTEGER)
                        .description("At most N faults in total for this action in this experiment (1 to "
                                + MAX_COUNT + "); attempts after that go through untouched.")
                        .range(1, MAX_COUNT).build())
                .durationParameter("duration");
    }

    /** The catalog's parameter, without AWS FIS's own allowed values and minimum duration. */
    private static ParameterDescriptor.Builder shared(ActionDescriptor aws, String name) {
        return aws.parameter(name).orElseThrow().toBuilder().awsAllowedValues().awsMinDuration(null);
    }
}
