package dev.fisengine.aws.sdk;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Builds real SDK clients against a loopback endpoint the way the fault tests need them: static credentials, the
 * service's default retry strategy with its backoff replaced by "retry immediately" (so a throttled DynamoDB call
 * does not take ~50 s), a metric publisher that records {@code RetryCount}, an optional explicit HTTP client, and
 * {@link FisSdk#instrument} for a runtime and role.
 */
final class SdkFixture {
    private final URI endpoint;
    private TestRuntime runtime;
    private String roleArn;
    private SdkHttpClient syncHttpClient;
    private SdkAsyncHttpClient asyncHttpClient = sharedNetty();
    private boolean asyncDefault;
    private java.util.function.Consumer<SdkSyncClientBuilder<?, ?>> syncCustomizer = b -> { };
    private Duration attemptTimeout;
    private Integer maxAttempts;
    final RetryCounts retries = new RetryCounts();

    SdkFixture(URI endpoint) {
        this.endpoint = endpoint;
    }

    SdkFixture instrumentedFor(TestRuntime runtime, String roleArn) {
        this.runtime = runtime;
        this.roleArn = roleArn;
        return this;
    }

    SdkFixture httpClient(SdkHttpClient client) {
        this.syncHttpClient = client;
        return this;
    }

    SdkFixture httpClient(SdkAsyncHttpClient client) {
        this.asyncHttpClient = client;
        return this;
    }

    /**
     * Async clients get the SDK's default async HTTP client (Netty, one event loop group per client, whose close
     * takes ~2 s) instead of the shared Netty client.
     */
    SdkFixture asyncDefaultHttpClient() {
        this.asyncDefault = true;
        this.asyncHttpClient = null;
        return this;
    }

    /**
     * One Netty client for the async clients of all tests (the SDK does not close an HTTP client it was given).
     * HTTP/1.1: Kinesis async would otherwise speak HTTP/2 with prior knowledge, which the loopback server does not.
     */
    static synchronized SdkAsyncHttpClient sharedNetty() {
        if (sharedNetty == null) {
            sharedNetty = NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).build();
        }
        return sharedNetty;
    }

    private static SdkAsyncHttpClient sharedNetty;

    /** Applied to sync client builders before instrumentation, e.g. to set an HTTP client builder. */
    SdkFixture customize(java.util.function.Consumer<SdkSyncClientBuilder<?, ?>> customizer) {
        this.syncCustomizer = customizer;
        return this;
    }

    SdkFixture attemptTimeout(Duration timeout) {
        this.attemptTimeout = timeout;
        return this;
    }

    SdkFixture maxAttempts(int attempts) {
        this.maxAttempts = attempts;
        return this;
    }

    <B extends AwsClientBuilder<B, C>, C> C build(B builder) {
        builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .overrideConfiguration(o -> {
                    o.retryStrategy(r -> {
                        r.backoffStrategy(BackoffStrategy.retryImmediately())
                                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately());
                        if (maxAttempts != null) {
                            r.maxAttempts(maxAttempts);
                        }
                    });
                    o.addMetricPublisher(retries);
                    if (attemptTimeout != null) {
                        o.apiCallAttemptTimeout(attemptTimeout);
                    }
                });
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            syncCustomizer.accept(sync);
            if (syncHttpClient != null) {
                sync.httpClient(syncHttpClient);
            }
        }
        if (!asyncDefault && asyncHttpClient != null && builder instanceof SdkAsyncClientBuilder<?, ?> async) {
            async.httpClient(asyncHttpClient);
        }
        if (runtime != null) {
            FisSdk.instrument(builder, runtime, roleArn);
        }
        return builder.build();
    }

    /** Records the {@code RetryCount} of every API call. */
    static final class RetryCounts implements MetricPublisher {
        private final List<Integer> counts = new CopyOnWriteArrayList<>();

        @Override
        public void publish(MetricCollection metrics) {
            counts.addAll(metrics.metricValues(CoreMetric.RETRY_COUNT));
        }

        List<Integer> all() {
            return List.copyOf(counts);
        }

        /** The retry count of the last call, awaited (async clients publish after the future completes). */
        int last() {
            Awaitility.await("a RetryCount metric").atMost(Duration.ofSeconds(5)).until(() -> !counts.isEmpty());
            return counts.get(counts.size() - 1);
        }

        void clear() {
            counts.clear();
        }

        @Override
        public void close() {}
    }
}
