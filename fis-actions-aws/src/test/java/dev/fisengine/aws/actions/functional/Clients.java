package dev.fisengine.aws.actions.functional;

import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.aws.sdk.FisSdk;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Real SDK clients against a loopback endpoint, instrumented for an engine with a principal role: static credentials,
 * the service's default retry strategy with "retry immediately" backoff, and a publisher of each call's
 * {@code RetryCount}.
 */
final class Clients {
    private final URI endpoint;
    private final FisRuntime engine;
    private final String roleArn;
    private Integer maxAttempts;
    final RetryCounts retries = new RetryCounts();

    private Clients(URI endpoint, FisRuntime engine, String roleArn) {
        this.endpoint = endpoint;
        this.engine = engine;
        this.roleArn = roleArn;
    }

    /** Clients of {@code engine} whose principal role is {@code roleArn} ({@code null}: the engine's default). */
    static Clients of(URI endpoint, FisRuntime engine, String roleArn) {
        return new Clients(endpoint, engine, roleArn);
    }

    Clients maxAttempts(int attempts) {
        this.maxAttempts = attempts;
        return this;
    }

    <B extends AwsClientBuilder<B, C>, C> C build(B builder) {
        builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .overrideConfiguration(o -> o
                        .retryStrategy(r -> {
                            r.backoffStrategy(BackoffStrategy.retryImmediately())
                                    .throttlingBackoffStrategy(BackoffStrategy.retryImmediately());
                            if (maxAttempts != null) {
                                r.maxAttempts(maxAttempts);
                            }
                        })
                        .addMetricPublisher(retries));
        FisSdk.instrument(builder, engine, roleArn);
        return builder.build();
    }

    /** Records the {@code RetryCount} of every API call. */
    static final class RetryCounts implements MetricPublisher {
        private final List<Integer> counts = new CopyOnWriteArrayList<>();

        @Override
        public void publish(MetricCollection metrics) {
            counts.addAll(metrics.metricValues(CoreMetric.RETRY_COUNT));
        }

        /** The retry count of the last call. */
        int last() {
            Awaitility.await("a RetryCount metric").atMost(Duration.ofSeconds(5)).until(() -> !counts.isEmpty());
            return counts.get(counts.size() - 1);
        }

        @Override
        public void close() {}
    }
}
