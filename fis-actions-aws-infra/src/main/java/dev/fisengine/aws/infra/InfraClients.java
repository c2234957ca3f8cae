package dev.fisengine.aws.infra;

import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.aws.infra.internal.Endpoints;
import dev.fisengine.aws.infra.internal.SafetyInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * One engine's AWS clients for the infrastructure actions and resolvers, one per service and region, built on first
 * use from the engine's {@link InfraSettings} and closed with the engine (an engine component: {@link #of}), and the
 * engine's {@link RevertJournal}.
 *
 * <p>The clients are plain SDK clients, never instrumented for fault injection, and every request they send carries
 * the exemption marker {@value #EXEMPT_USER_AGENT} in its User-Agent, which the engine's SDK fault injection honours
 * even when it instruments every client of the JVM: an experiment that throttles {@code ec2} does not throttle the
 * engine's own {@code StartInstances}. Each client refuses operations that change infrastructure on AWS's own
 * endpoints unless {@link InfraSettings#realAwsAllowed()}.
 *
 * <p>With {@link InfraSettings#assumeRoleEnabled()}, {@link #forExperiment} gives the clients of an experiment's role:
 * a child whose clients use the role's credentials (STS {@code AssumeRole}, refreshed by the SDK before they expire),
 * one per role ARN, built on first use and closed with the engine.
 */
public final class InfraClients implements AutoCloseable {
    /** The User-Agent token that exempts a request from the engine's API faults. */
    public static final String EXEMPT_USER_AGENT = "fisengine-exempt/1";

    private static final Logger LOG = LoggerFactory.getLogger(InfraClients.class);

    /** The longest role session name STS accepts. */
    private static final int MAX_SESSION_NAME = 64;

    private final InfraSettings settings;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    private final List<SdkClient> owned = new ArrayList<>();
    /** The engine's clients, for the clients of one role; {@code null} for the engine's own. */
    private final InfraClients parent;
    /** The role these clients act as, or {@code null}: the settings' credentials. */
    private final String roleArn;
    private final StsAssumeRoleCredentialsProvider roleCredentials;
    private final Map<String, InfraClients> roles = new ConcurrentHashMap<>();
    private final Object roleLock = new Object();
    private RevertJournal journal;
    private boolean ownsJournal;
    private volatile Region defaultRegion;
    private boolean closed;

    public InfraClients(InfraSettings settings) {
        this(settings == null ? InfraSettings.fromEnvironment() : settings, null, null, null);
    }

    private InfraClients(InfraSettings settings, InfraClients parent, String roleArn,
            StsAssumeRoleCredentialsProvider roleCredentials) {
        this.settings = settings;
        this.parent = parent;
        this.roleArn = roleArn;
        this.roleCredentials = roleCredentials;
    }

    /** The engine's instance: built from its {@link InfraSettings} component (or the environment) on first use. */
    public static InfraClients of(FisRuntime runtime) {
        return runtime.component(InfraClients.class,
                r -> new InfraClients(r.component(InfraSettings.class, x -> InfraSettings.fromEnvironment())));
    }

    public InfraSettings settings() {
        return settings;
    }

    /**
     * The clients an experiment's calls go through: with {@link InfraSettings#assumeRoleEnabled()} and a role, the
     * role's (assumed through STS with session name {@code fis-engine-<experimentId>}, cached per role ARN: the
     * first experiment to use a role names the session its credentials are refreshed with); otherwise these.
     *
     * @throws IllegalStateException when the role cannot be assumed; the message names the role and STS's error
     */
    public InfraClients forExperiment(String experimentId, Optional<String> experimentRoleArn) {
        if (parent != null || experimentRoleArn.isEmpty() || !settings.assumeRoleEnabled()) {
            return this;
        }
        String role = experimentRoleArn.get();
        InfraClients existing = roles.get(role);
        if (existing != null) {
            return existing;
        }
        synchronized (roleLock) { // not this: building a client must not wait for STS
            existing = roles.get(role);
            if (existing != null) {
                return existing;
            }
            String session = sessionName(experimentId);
            StsAssumeRoleCredentialsProvider credentials = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts(defaultRegion()))
                    .refreshRequest(r -> r.roleArn(role).roleSessionName(session))
                    .asyncCredentialUpdateEnabled(false)
                    .build();
            try {
                credentials.resolveCredentials(); // fail here, naming the role, not in the first API call
            } catch (SdkException e) {
                credentials.close();
                throw new IllegalStateException("cannot assume the experiment role " + role + " (sts:AssumeRole): "
                        + e.getMessage(), e);
            }
            InfraClients child = new InfraClients(settings, this, role, credentials);
            synchronized (this) {
                if (closed) {
                    child.close();
                    throw new IllegalStateException("the engine's infrastructure clients are closed");
                }
                roles.put(role, child);
            }
            LOG.info("assumed the experiment role {} (session {})", role, session);
            return child;
        }
    }

    /** The role these clients act as, when they are a role's ({@link #forExperiment}). */
    public Optional<String> roleArn() {
        return Optional.ofNullable(roleArn);
    }

    static String sessionName(String experimentId) {
        String id = experimentId == null || experimentId.isBlank() ? "engine" : experimentId;
        String name = ("fis-engine-" + id).replaceAll("[^\\w+=,.@-]", "-");
        return name.length() > MAX_SESSION_NAME ? name.substring(0, MAX_SESSION_NAME) : name;
    }

    /** The region of targets named by tags or parameters: the settings', else the SDK's default region chain. */
    public Region defaultRegion() {
        if (parent != null) {
            return parent.defaultRegion();
        }
        Region region = defaultRegion;
        if (region == null) {
            region = settings.region();
            if (region == null) {
                try {
                    region = new DefaultAwsRegionProviderChain().getRegion();
                } catch (SdkClientException e) {
                    throw new IllegalStateException("no AWS region to look up resources in: set AWS_REGION (or "
                            + "the aws.region system property, the profile's region, InfraSettings.region)", e);
                }
            }
            defaultRegion = region;
        }
        return region;
    }

    /** {@code region}, or the default region when null or empty. */
    public Region regionOr(String region) {
        return region == null || region.isEmpty() ? defaultRegion() : Region.of(region);
    }

    public Ec2Client ec2(Region region) {
        return client("ec2", region, Ec2Client::builder);
    }

    public EcsClient ecs(Region region) {
        return client("ecs", region, EcsClient::builder);
    }

    public RdsClient rds(Region region) {
        return client("rds", region, RdsClient::builder);
    }

    public SsmClient ssm(Region region) {
        return client("ssm", region, SsmClient::builder);
    }

    public EksClient eks(Region region) {
        return client("eks", region, EksClient::builder);
    }

    public AutoScalingClient autoScaling(Region region) {
        return client("autoscaling", region, AutoScalingClient::builder);
    }

    public KinesisClient kinesis(Region region) {
        return client("kinesis", region, KinesisClient::builder);
    }

    public StsClient sts(Region region) {
        return client("sts", region, StsClient::builder);
    }

    /** CloudWatch Logs, where the experiment log goes when a template's logConfiguration says so. */
    public CloudWatchLogsClient logs(Region region) {
        return client("logs", region, CloudWatchLogsClient::builder);
    }

    /**
     * S3, where the experiment log goes when a template's logConfiguration says so: path-style addressing when the
     * endpoint is overridden (moto, LocalStack), and buckets of other regions reachable.
     */
    public S3Client s3(Region region) {
        boolean overridden = settings.endpointFor("s3") != null || present(System.getenv("AWS_ENDPOINT_URL_S3"))
                || present(System.getenv("AWS_ENDPOINT_URL")) || present(System.getProperty("aws.endpointUrlS3"))
                || present(System.getProperty("aws.endpointUrl"));
        return client("s3", region, () -> S3Client.builder().forcePathStyle(overridden)
                .crossRegionAccessEnabled(true));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * Fails, before anything is recorded or changed, when {@code client} would change infrastructure on an AWS
     * endpoint without the opt-in; {@code what} names the action for the message.
     */
    public void requireChangesAllowed(SdkClient client, Region region, String what) {
        if (settings.realAwsAllowed()) {
            return;
        }
        URI endpoint = client.serviceClientConfiguration().endpointOverride().orElse(null);
        if (endpoint == null || Endpoints.isAws(endpoint.getHost())) {
            throw new IllegalStateException(what + ": refusing to change real AWS resources ("
                    + client.serviceName() + " endpoint " + (endpoint == null ? "resolved by the SDK for region "
                    + region : endpoint) + "). Opt in with "
                    + "InfraSettings.allowRealAws(true), -D" + InfraSettings.ALLOW_REAL_AWS_PROPERTY + "=true, "
                    + InfraSettings.ALLOW_REAL_AWS_ENV + "=true or `fis run --allow-aws`; or point the SDK at an "
                    + "emulator with AWS_ENDPOINT_URL");
        }
    }

    /** The engine's revert journal: the settings' own, else the file journal, opened on first use. */
    public synchronized RevertJournal journal() {
        if (parent != null) {
            return parent.journal();
        }
        if (closed) {
            throw new IllegalStateException("the engine's infrastructure clients are closed");
        }
        if (journal == null) {
            if (settings.journal() != null) {
                journal = settings.journal();
            } else {
                try {
                    journal = FileRevertJournal.open(settings.resolvedJournalDirectory());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open the revert journal in "
                            + settings.resolvedJournalDirectory() + ": " + e.getMessage(), e);
                }
                ownsJournal = true;
            }
        }
        return journal;
    }

    @SuppressWarnings("unchecked")
    private <B extends AwsClientBuilder<B, C>, C extends SdkClient> C client(String service, Region region,
            Supplier<B> builder) {
        Region r = region == null ? defaultRegion() : region;
        String key = service + "/" + r.id();
        SdkClient existing = clients.get(key);
        if (existing != null) {
            return (C) existing;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the engine's infrastructure clients are closed");
            }
            existing = clients.get(key);
            if (existing != null) {
                return (C) existing;
            }
            B b = builder.get().region(r);
            URI endpoint = settings.endpointFor(service);
            if (endpoint != null) {
                b.endpointOverride(endpoint);
            }
            AwsCredentialsProvider credentials = roleCredentials != null ? roleCredentials
                    : settings.credentialsProvider();
            if (credentials != null) {
                b.credentialsProvider(credentials);
            }
            b.overrideConfiguration(o -> o
                    .apiCallTimeout(settings.apiCallTimeout())
                    .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, EXEMPT_USER_AGENT)
                    .addExecutionInterceptor(new SafetyInterceptor(settings::realAwsAllowed)));
            C client = b.build();
            clients.put(key, client);
            owned.add(client);
            return client;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (InfraClients role : roles.values()) {
            role.close();
        }
        roles.clear();
        for (SdkClient client : owned) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.warn("closing an AWS client failed", e);
            }
        }
        owned.clear();
        clients.clear();
        if (roleCredentials != null) {
            roleCredentials.close();
        }
        if (journal != null && ownsJournal) {
            try {
                journal.close();
            } catch (Exception e) {
                LOG.warn("closing the revert journal failed", e);
            }
        }
    }
}
