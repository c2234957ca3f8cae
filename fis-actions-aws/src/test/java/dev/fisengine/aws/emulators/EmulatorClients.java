package dev.fisengine.aws.emulators;

import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.aws.sdk.FisSdk;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Real SDK clients for an emulator: static credentials, the client's default retry strategy with immediate backoff
 * (so throttles do not make tests slow), a {@code RetryCount} recorder, and instrumentation for an engine.
 */
final class EmulatorClients {
    static final int DEFAULT_RETRIES = 3;

    final RetryCounts retries = new RetryCounts();
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;

    EmulatorClients(URI endpoint) {
        this(endpoint, "AKIDTEST", "secret");
    }

    EmulatorClients(URI endpoint, String accessKey, String secretKey) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    <B extends AwsClientBuilder<B, C>, C> C plain(B builder) {
        return configure(builder).build();
    }

    <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.core.client.builder.SdkClientBuilder<B, C>, C> C
            instrumented(B builder, FisRuntime runtime) {
        return FisSdk.instrument(configure(builder), runtime).build();
    }

    private <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .overrideConfiguration(o -> o
                        .retryStrategy(r -> r.backoffStrategy(BackoffStrategy.retryImmediately())
                                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately()))
                        .addMetricPublisher(retries));
    }

    /** Records the SDK's {@code RetryCount} metric of each call. */
    static final class RetryCounts implements MetricPublisher {
        private final List<Integer> counts = new CopyOnWriteArrayList<>();

        @Override
        public void publish(MetricCollection metrics) {
            counts.addAll(metrics.metricValues(CoreMetric.RETRY_COUNT));
        }

        int last() {
            if (counts.isEmpty()) {
                throw new AssertionError("no RetryCount metric was published");
            }
            return counts.get(counts.size() - 1);
        }

        @Override
        public void close() {}
    }
}
