package dev.fisengine.cloudwatch.internal;

import dev.fisengine.cloudwatch.CloudWatchStopConditionSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;

/**
 * One engine's CloudWatch clients, one per region, built on first use and closed with the engine (an engine
 * component). Clients built here are plain SDK clients: no execution interceptor and no wrapped HTTP client, so no
 * fault-injection experiment of this engine applies to them. Where process-wide (zero-code) instrumentation wraps
 * the SDK's default HTTP client anyway, the exemption marker {@link AlarmReader} puts on every request keeps the
 * faults off. The SDK's own retries are off: the poller retries itself ({@link AlarmReader}), so that one count
 * bounds the attempts of a poll.
 */
public final class CloudWatchClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchClients.class);

    private final CloudWatchStopConditionSettings settings;
    private final Map<Region, CloudWatchClient> clients = new ConcurrentHashMap<>();
    private final List<CloudWatchClient> owned = new ArrayList<>();
    private boolean closed;

    public CloudWatchClients(CloudWatchStopConditionSettings settings) {
        this.settings = settings;
    }

    /** The client for {@code region}; built (or asked of the settings' factory) on first use. */
    public CloudWatchClient client(Region region) {
        CloudWatchClient client = clients.get(region);
        if (client != null) {
            return client;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the engine's CloudWatch clients are closed");
            }
            client = clients.get(region);
            if (client == null) {
                if (settings.clientFactory() != null) {
                    client = settings.clientFactory().apply(region);
                    if (client == null) {
                        throw new IllegalStateException("CloudWatchStopConditionSettings.clientFactory returned null"
                                + " for region " + region);
                    }
                } else {
                    client = build(settings, region);
                    owned.add(client);
                }
                clients.put(region, client);
            }
            return client;
        }
    }

    /** Builds the client this module uses for {@code region} when no factory is set. */
    static CloudWatchClient build(CloudWatchStopConditionSettings settings, Region region) {
        CloudWatchClientBuilder builder = CloudWatchClient.builder()
                .region(region)
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(settings.requestTimeout())
                        .apiCallTimeout(settings.requestTimeout()));
        URI endpoint = settings.endpointOverride(region);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (settings.credentialsProvider() != null) {
            builder.credentialsProvider(settings.credentialsProvider());
        }
        return builder.build();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (CloudWatchClient client : owned) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a CloudWatch client failed", e);
            }
        }
        owned.clear();
        clients.clear();
    }
}
