package dev.fisengine.aws.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * What an armed {@link ApiFaultRule} does to an AWS SDK call attempt it hits.
 *
 * <p>The three error faults are what the FIS actions {@code aws:fis:inject-api-internal-error},
 * {@code aws:fis:inject-api-throttle-error} and {@code aws:fis:inject-api-unavailable-error} inject: the attempt is
 * answered, without any network I/O, by the HTTP error response the service itself sends in that situation (status,
 * headers, body in the service's own protocol and error code), so the SDK unmarshals the modeled exception, retries it
 * and reports metrics as it would for a real one. The table of status codes and error codes per service is
 * {@code docs/sdk-faults.md}. {@link Custom}, {@link Latency} and {@link ConnectionFailure} are this engine's
 * extensions ({@code fisengine:} actions).
 */
public sealed interface ApiFault
        permits ApiFault.InternalError, ApiFault.Throttle, ApiFault.Unavailable, ApiFault.Custom, ApiFault.Latency,
                ApiFault.ConnectionFailure {

    /** The kind of a fault, as a switchable constant. */
    enum Kind {
        /** The service's internal-error response ({@code aws:fis:inject-api-internal-error}). */
        INTERNAL_ERROR,
        /** The service's throttling response ({@code aws:fis:inject-api-throttle-error}). */
        THROTTLE,
        /** The service's unavailable response ({@code aws:fis:inject-api-unavailable-error}). */
        UNAVAILABLE,
        /** An error response with a status, error code and message of your choosing. */
        CUSTOM,
        /** A delay before the attempt goes to the network. */
        LATENCY,
        /** An {@link java.io.IOException} from the HTTP client, as when a connection cannot be made. */
        CONNECTION_FAILURE
    }

    Kind kind();

    /** The service's internal-error response, e.g. DynamoDB {@code 500 InternalServerError}. */
    static ApiFault internalError() {
        return InternalError.INSTANCE;
    }

    /** The service's throttling response, e.g. DynamoDB {@code 400 ThrottlingException}. */
    static ApiFault throttle() {
        return Throttle.INSTANCE;
    }

    /** The service's unavailable response, e.g. S3 {@code 503 ServiceUnavailable}. */
    static ApiFault unavailable() {
        return Unavailable.INSTANCE;
    }

    /** An error response with the given HTTP status, error code and message, in the service's own protocol. */
    static ApiFault custom(int statusCode, String errorCode, String message) {
        return new Custom(statusCode, errorCode, message, null);
    }

    /**
     * An error response for a query-compatible service (SQS, CloudWatch): {@code errorCode} is the error's shape name,
     * which selects the modeled exception class (e.g. SQS {@code QueueDoesNotExist}), and {@code queryErrorCode} the
     * code the service sends in {@code x-amzn-query-error}, which the SDK reports as {@code errorCode()} (e.g.
     * {@code AWS.SimpleQueueService.NonExistentQueue}). For other services the query code is the code sent in query
     * and REST-XML bodies.
     */
    static ApiFault custom(int statusCode, String errorCode, String queryErrorCode, String message) {
        return new Custom(statusCode, errorCode, message, queryErrorCode);
    }

    /** A fixed delay before each attempt it hits. */
    static ApiFault latency(Duration delay) {
        return new Latency(delay, Duration.ZERO);
    }

    /** A delay of {@code delay} plus a uniformly drawn extra in {@code [0, jitter]} before each attempt it hits. */
    static ApiFault latency(Duration delay, Duration jitter) {
        return new Latency(delay, jitter);
    }

    /** An {@link java.net.ConnectException} from the HTTP client: nothing is sent; the SDK retries it. */
    static ApiFault connectionFailure() {
        return ConnectionFailure.INSTANCE;
    }

    /** See {@link ApiFault#internalError()}. */
    record InternalError() implements ApiFault {
        static final InternalError INSTANCE = new InternalError();

        @Override
        public Kind kind() {
            return Kind.INTERNAL_ERROR;
        }
    }

    /** See {@link ApiFault#throttle()}. */
    record Throttle() implements ApiFault {
        static final Throttle INSTANCE = new Throttle();

        @Override
        public Kind kind() {
            return Kind.THROTTLE;
        }
    }

    /** See {@link ApiFault#unavailable()}. */
    record Unavailable() implements ApiFault {
        static final Unavailable INSTANCE = new Unavailable();

        @Override
        public Kind kind() {
            return Kind.UNAVAILABLE;
        }
    }

    /**
     * An error response of your choosing. {@code statusCode} is 400–599; {@code errorCode} is the code the SDK reports
     * ({@code awsErrorDetails().errorCode()}) and selects the modeled exception class by, e.g.
     * {@code ProvisionedThroughputExceededException}; {@code message} is the error message; {@code queryErrorCode}, if
     * not null, the query code of a query-compatible service (see {@link ApiFault#custom(int, String, String,
     * String)}).
     */
    record Custom(int statusCode, String errorCode, String message, String queryErrorCode) implements ApiFault {
        public Custom(int statusCode, String errorCode, String message) {
            this(statusCode, errorCode, message, null);
        }

        public Custom {
            if (statusCode < 400 || statusCode > 599) {
                throw new IllegalArgumentException("custom fault statusCode: " + statusCode + " is not an HTTP error "
                        + "status (400-599)");
            }
            Objects.requireNonNull(errorCode, "custom fault errorCode");
            if (errorCode.isBlank() || !errorCode.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ';')) {
                throw new IllegalArgumentException("custom fault errorCode: \"" + errorCode + "\" must be a non-empty "
                        + "printable ASCII word without spaces or ';' (e.g. ProvisionedThroughputExceededException)");
            }
            Objects.requireNonNull(message, "custom fault message");
            if (queryErrorCode != null && (queryErrorCode.isBlank()
                    || !queryErrorCode.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ';'))) {
                throw new IllegalArgumentException("custom fault queryErrorCode: \"" + queryErrorCode + "\" must be a "
                        + "non-empty printable ASCII word without spaces or ';' (e.g. "
                        + "AWS.SimpleQueueService.NonExistentQueue)");
            }
        }

        @Override
        public Kind kind() {
            return Kind.CUSTOM;
        }
    }

    /**
     * A delay of {@code delay} plus up to {@code jitter} before the attempt proceeds to the network. The SDK's
     * {@code apiCallAttemptTimeout} and {@code apiCallTimeout} still apply: a delay longer than them ends in the SDK's
     * timeout exception. Disarming the rule ends delays in progress at once.
     */
    record Latency(Duration delay, Duration jitter) implements ApiFault {
        public Latency {
            Objects.requireNonNull(delay, "latency delay");
            Objects.requireNonNull(jitter, "latency jitter");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("latency delay: " + delay + " is negative");
            }
            if (jitter.isNegative()) {
                throw new IllegalArgumentException("latency jitter: " + jitter + " is negative");
            }
        }

        @Override
        public Kind kind() {
            return Kind.LATENCY;
        }
    }

    /** See {@link ApiFault#connectionFailure()}. */
    record ConnectionFailure() implements ApiFault {
        static final ConnectionFailure INSTANCE = new ConnectionFailure();

        @Override
        public Kind kind() {
            return Kind.CONNECTION_FAILURE;
        }
    }
}
