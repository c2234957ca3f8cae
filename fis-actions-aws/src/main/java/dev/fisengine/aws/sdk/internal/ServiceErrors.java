package dev.fisengine.aws.sdk.internal;

import dev.fisengine.aws.sdk.ApiFault;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The error each service answers with when it throttles, fails internally or is unavailable. A service's own
 * documented error code is used where it has one; otherwise FIS's ({@code 400 ThrottlingException},
 * {@code 500 InternalFailure}, {@code 503 ServiceUnavailable}). Published with the SDK's resulting exception classes
 * in {@code docs/sdk-faults.md}; keep the two in step.
 */
final class ServiceErrors {

    /** One error: HTTP status, error code, whether the caller is at fault, and the message. */
    record ServiceError(int status, String code, String message) {
        boolean senderFault() {
            return status < 500;
        }
    }

    static final ServiceError FIS_THROTTLE = new ServiceError(400, "ThrottlingException", "Rate exceeded");
    static final ServiceError FIS_INTERNAL = new ServiceError(500, "InternalFailure",
            "The request processing has failed because of an unknown error, exception or failure.");
    static final ServiceError FIS_UNAVAILABLE = new ServiceError(503, "ServiceUnavailable",
            "The request has failed due to a temporary failure of the server.");

    private static final Map<String, Map<ApiFault.Kind, ServiceError>> TABLE = new HashMap<>();

    static {
        put("dynamodb",
                new ServiceError(400, "ThrottlingException", "Rate of requests exceeds the allowed throughput."),
                new ServiceError(500, "InternalServerError", "Internal server error"),
                new ServiceError(503, "ServiceUnavailable", "The service is currently unavailable."));
        put("sqs",
                new ServiceError(400, "RequestThrottled", "Request is throttled."),
                FIS_INTERNAL, FIS_UNAVAILABLE);
        put("kinesis", FIS_THROTTLE, FIS_INTERNAL, FIS_UNAVAILABLE);
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
        put("sts", FIS_THROTTLE, FIS_INTERNAL, FIS_UNAVAILABLE);
        ServiceError cloudWatchInternal = new ServiceError(500, "InternalServiceFault",
                "Request processing has failed due to some unknown error, exception, or failure.");
        put("monitoring", FIS_THROTTLE, cloudWatchInternal, FIS_UNAVAILABLE);
        put("cloudwatch", FIS_THROTTLE, cloudWatchInternal, FIS_UNAVAILABLE);
    }

    private ServiceErrors() {}

    private static void put(String service, ServiceError throttle, ServiceError internal, ServiceError unavailable) {
        Map<ApiFault.Kind, ServiceError> m = new EnumMap<>(ApiFault.Kind.class);
        m.put(ApiFault.Kind.THROTTLE, throttle);
        m.put(ApiFault.Kind.INTERNAL_ERROR, internal);
        m.put(ApiFault.Kind.UNAVAILABLE, unavailable);
        TABLE.put(service, m);
    }

    /** The error of {@code kind} (throttle, internal or unavailable) for the service, FIS's default if unknown. */
    static ServiceError of(String serviceKey, String altServiceKey, ApiFault.Kind kind) {
        Map<ApiFault.Kind, ServiceError> m = TABLE.get(serviceKey);
        if (m == null && altServiceKey != null) {
            m = TABLE.get(altServiceKey);
        }
        if (m != null) {
            return m.get(kind);
        }
        return switch (kind) {
            case THROTTLE -> FIS_THROTTLE;
            case INTERNAL_ERROR -> FIS_INTERNAL;
            case UNAVAILABLE -> FIS_UNAVAILABLE;
            default -> throw new IllegalArgumentException("no service error for fault kind " + kind);
        };
    }
}
