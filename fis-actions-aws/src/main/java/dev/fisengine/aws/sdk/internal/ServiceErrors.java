package dev.fisengine.aws.sdk.internal;

import dev.fisengine.aws.sdk.ApiFault;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The error each service answers with when it throttles, fails internally or is unavailable. A service's own
 * documented error code is used where it has one; otherwise the protocol's: the query and REST-XML services answer a
 * throttle with {@code 400 Throttling} (type {@code Sender}, "Rate exceeded"), the JSON and CBOR services with
 * {@code 400 ThrottlingException}; internal errors and unavailability are FIS's {@code 500 InternalFailure} and
 * {@code 503 ServiceUnavailable}. Query-compatible services (SQS, CloudWatch) also have a query code, the one their
 * query-era API answered with and the SDK reports as {@code errorCode()} (from {@code x-amzn-query-error}).
 * Published with the SDK's resulting exception classes in {@code docs/sdk-faults.md} and checked against AWS's own
 * responses by {@code FidelityCorpusTest}; keep the three in step.
 */
final class ServiceErrors {

    /**
     * One error: HTTP status, the error code (the shape name for JSON/CBOR services, which selects the exception
     * class), the query code (what {@code x-amzn-query-error} carries for query-compatible services; the code itself
     * otherwise), and the message.
     */
    record ServiceError(int status, String code, String queryCode, String message) {
        ServiceError(int status, String code, String message) {
            this(status, code, code, message);
        }

        boolean senderFault() {
            return status < 500;
        }
    }

    static final ServiceError JSON_THROTTLE = new ServiceError(400, "ThrottlingException", "Rate exceeded");
    static final ServiceError QUERY_THROTTLE = new ServiceError(400, "Throttling", "Rate exceeded");
    static final ServiceError FIS_INTERNAL = new ServiceError(500, "InternalFailure",
            "The request processing has failed because of an unknown error, exception or failure.");
    static final ServiceError FIS_UNAVAILABLE = new ServiceError(503, "ServiceUnavailable",
            "The request has failed due to a temporary failure of the server.");

    /**
     * Services with the {@code awsQueryCompatible} trait: JSON/CBOR on the wire, query codes in
     * {@code x-amzn-query-error} on every error response (whether or not the request says {@code x-amzn-query-mode}).
     */
    private static final Set<String> QUERY_COMPATIBLE = Set.of("sqs", "monitoring", "cloudwatch");

    private static final Map<String, Map<ApiFault.Kind, ServiceError>> TABLE = new HashMap<>();

    static {
        put("dynamodb",
                new ServiceError(400, "ThrottlingException", "Rate of requests exceeds the allowed throughput."),
                new ServiceError(500, "InternalServerError", "Internal server error"),
                new ServiceError(503, "ServiceUnavailable", "The service is currently unavailable."));
        put("sqs",
                new ServiceError(400, "RequestThrottled", "Request is throttled."),
                FIS_INTERNAL, FIS_UNAVAILABLE);
        put("kinesis", JSON_THROTTLE, FIS_INTERNAL, FIS_UNAVAILABLE);
        put("s3",
                new ServiceError(503, "SlowDown", "Please reduce your request rate."),
                new ServiceError(500, "InternalError", "We encountered an internal error. Please try again."),
                new ServiceError(503, "ServiceUnavailable", "Please reduce your request rate."));
        put("ec2",
                new ServiceError(503, "RequestLimitExceeded", "Request limit exceeded."),
                new ServiceError(500, "InternalError", "An internal error has occurred."),
                new ServiceError(503, "Unavailable", "The server is overloaded and can't handle the request."));
        put("lambda",
                new ServiceError(429, "TooManyRequestsException", "Rate Exceeded."),
                new ServiceError(500, "ServiceException", "The Lambda service encountered an internal error."),
                FIS_UNAVAILABLE);
        put("sns",
                new ServiceError(429, "Throttled", "Rate exceeded"),
                new ServiceError(500, "InternalError", "Request could not be completed due to an internal error."),
                FIS_UNAVAILABLE);
        put("sts", QUERY_THROTTLE, FIS_INTERNAL, FIS_UNAVAILABLE);
        // CloudWatch: the query-era codes (Throttling; InternalServiceError for the InternalServiceFault shape)
        ServiceError cloudWatchThrottle = new ServiceError(400, "ThrottlingException", "Throttling", "Rate exceeded");
        ServiceError cloudWatchInternal = new ServiceError(500, "InternalServiceFault", "InternalServiceError",
                "Request processing has failed due to some unknown error, exception, or failure.");
        put("monitoring", cloudWatchThrottle, cloudWatchInternal, FIS_UNAVAILABLE);
        put("cloudwatch", cloudWatchThrottle, cloudWatchInternal, FIS_UNAVAILABLE);
    }

    private ServiceErrors() {}

    private static void put(String service, ServiceError throttle, ServiceError internal, ServiceError unavailable) {
        Map<ApiFault.Kind, ServiceError> m = new EnumMap<>(ApiFault.Kind.class);
        m.put(ApiFault.Kind.THROTTLE, throttle);
        m.put(ApiFault.Kind.INTERNAL_ERROR, internal);
        m.put(ApiFault.Kind.UNAVAILABLE, unavailable);
        TABLE.put(service, m);
    }

    /**
     * The error of {@code kind} (throttle, internal or unavailable) for the service, the protocol's default if the
     * service has no entry.
     */
    static ServiceError of(String serviceKey, String altServiceKey, ApiFault.Kind kind, Protocol protocol) {
        Map<ApiFault.Kind, ServiceError> m = TABLE.get(serviceKey);
        if (m == null && altServiceKey != null) {
            m = TABLE.get(altServiceKey);
        }
        if (m != null) {
            return m.get(kind);
        }
        return switch (kind) {
            case THROTTLE -> protocol == Protocol.QUERY || protocol == Protocol.REST_XML ? QUERY_THROTTLE
                    : JSON_THROTTLE;
            case INTERNAL_ERROR -> FIS_INTERNAL;
            case UNAVAILABLE -> FIS_UNAVAILABLE;
            default -> throw new IllegalArgumentException("no service error for fault kind " + kind);
        };
    }

    /** Whether the service has the {@code awsQueryCompatible} trait (its error responses carry the query code). */
    static boolean queryCompatible(String serviceKey, String altServiceKey) {
        return QUERY_COMPATIBLE.contains(serviceKey) || (altServiceKey != null
                && QUERY_COMPATIBLE.contains(altServiceKey));
    }
}
