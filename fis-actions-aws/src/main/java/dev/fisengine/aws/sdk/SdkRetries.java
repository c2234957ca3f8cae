package dev.fisengine.aws.sdk;

import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Test-friendly retries: a client keeps its SDK's retry <em>decisions</em> and skips the <em>waits</em>. One line on
 * any client builder, sync or async:
 *
 * <pre>{@code
 * DynamoDbClient ddb = DynamoDbClient.builder().addPlugin(SdkRetries.withoutBackoff())...build();
 * }</pre>
 *
 * <p>What stays as the SDK decides: the retry strategy the client resolves for itself (its retry mode, from
 * {@code AWS_RETRY_MODE}, the profile or the override configuration, legacy by default, with the service's own
 * defaults, e.g. DynamoDB's 9 attempts), so which exceptions are retried, how many attempts are made, which errors
 * count as throttling, the retry token bucket, and what the application finally sees ({@code numAttempts()}, the
 * {@code RetryCount} metric, the exception). What changes: the pause before each retry, for throttling errors and
 * others, is zero ({@link BackoffStrategy#retryImmediately()}), so a DynamoDB call throttled on every attempt
 * returns in milliseconds instead of about 50 s. Nothing else: timeouts and every other setting are the client's.
 * The adaptive retry mode's client-side rate limiter is not a backoff and is left as it is (it may still wait).
 *
 * <p>It is a plugin, not a {@code retryStrategy(b -> ...)} override, on purpose: the SDK applies such an override to
 * its generic default strategy, not to the service's, so on DynamoDB {@code overrideConfiguration(o ->
 * o.retryStrategy(b -> b.backoffStrategy(...)))} silently drops the attempts from 9 to 4. A plugin runs after the
 * client has resolved its own strategy and changes only its backoff. For tests: in production the backoff protects
 * the service.
 */
public final class SdkRetries {
    private static final SdkPlugin WITHOUT_BACKOFF = new WithoutBackoff();

    private SdkRetries() {}

    /** The plugin: {@code builder.addPlugin(SdkRetries.withoutBackoff())}. Stateless; one instance for all clients. */
    public static SdkPlugin withoutBackoff() {
        return WITHOUT_BACKOFF;
    }

    /** {@code strategy} with both of its backoffs replaced by "retry immediately", all else unchanged. */
    static RetryStrategy withoutBackoff(RetryStrategy strategy) {
        return strategy.toBuilder()
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .build();
    }

    private static final class WithoutBackoff implements SdkPlugin {
        @Override
        public void configureClient(SdkServiceClientConfiguration.Builder config) {
            ClientOverrideConfiguration current = config.overrideConfiguration();
            RetryStrategy resolved = current.retryStrategy().orElse(null);
            if (resolved == null) {
                return; // the client resolved no strategy of the retries API (nothing to change)
            }
            RetryStrategy fast;
            try {
                fast = withoutBackoff(resolved);
            } catch (UnsupportedOperationException adaptiveAdapter) {
                return; // a legacy RetryPolicy adapted to a strategy has no builder: left as the SDK made it
            }
            config.overrideConfiguration(current.toBuilder().retryStrategy(fast).build());
        }

        @Override
        public String toString() {
            return "SdkRetries.withoutBackoff()";
        }
    }
}
