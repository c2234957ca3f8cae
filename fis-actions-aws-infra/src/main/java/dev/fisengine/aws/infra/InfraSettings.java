package dev.fisengine.aws.infra;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * How the infrastructure actions and target resolvers of this module reach AWS, LocalStack or moto, and where they
 * keep their revert journal. One instance per engine, registered as the engine's {@code InfraSettings} component
 * ({@code FisEngine.builder().component(InfraSettings.class, settings)}); {@link #fromEnvironment()} when none is.
 *
 * <p>Every field left unset falls back to the AWS SDK's own conventions, so nothing new has to be learnt: the region
 * from {@code AWS_REGION} / {@code aws.region} / the profile, credentials from the default chain
 * ({@code AWS_ACCESS_KEY_ID}, {@code AWS_PROFILE}, ...), endpoints from {@code AWS_ENDPOINT_URL} and
 * {@code AWS_ENDPOINT_URL_<SERVICE>} (e.g. {@code AWS_ENDPOINT_URL_EC2}) or the profile's {@code endpoint_url}.
 *
 * @param region the region of targets named by tags or parameters, and of clients without a region in an ARN;
 *     {@code null}: the SDK's default region chain
 * @param endpointOverride the endpoint of every client this module builds (e.g. {@code http://127.0.0.1:5000} for
 *     moto), or {@code null}: the SDK's own resolution
 * @param serviceEndpoints per-service endpoints, keyed by the SDK's service id in lower case ({@code ec2},
 *     {@code ecs}, {@code rds}, {@code ssm}, {@code eks}, {@code autoscaling}, {@code kinesis}, {@code sts}, and
 *     {@code logs} and {@code s3} for the experiment log); they take
 *     precedence over {@code endpointOverride}
 * @param credentialsProvider the credentials of the clients, or {@code null} for the default chain
 * @param allowRealAws whether actions that change infrastructure may run against AWS's own endpoints
 *     ({@code *.amazonaws.com}, {@code *.amazonaws.com.cn}, {@code *.api.aws} and the isolated partitions). Off by
 *     default: only endpoint overrides elsewhere (moto, LocalStack) are acted on unless this is set, or the system
 *     property {@value #ALLOW_REAL_AWS_PROPERTY} / the environment variable {@value #ALLOW_REAL_AWS_ENV} is
 *     {@code true}
 * @param journalDirectory where the default revert journal keeps its files; {@code null}: the system property
 *     {@value #JOURNAL_DIR_PROPERTY}, else {@code ~/.fisengine/revert-journal}
 * @param journal a revert journal of the application's own (e.g. a database table), or {@code null} for the
 *     file journal in {@code journalDirectory}
 * @param apiCallTimeout the limit on one AWS API call including the SDK's retries (default 30 s)
 * @param pollInterval how often an action polls a resource it waits for, e.g. an instance to be {@code stopped}
 *     before it is started again (default 2 s)
 * @param maxWait the longest an action or revert waits for a resource's state (default 10 minutes)
 * @param pageSize the page size asked of the Describe/List APIs (default 1000), capped by each API's own maximum
 *     (e.g. 100 for ECS and RDS)
 * @param assumeRole whether actions and resolvers assume the template's {@code roleArn} through STS
 *     ({@code AssumeRole}, session {@code fis-engine-<experimentId>}) as AWS FIS does, so that permission errors look
 *     like FIS's; off by default (the caller's credentials are used), or on with the system property
 *     {@value #ASSUME_ROLE_PROPERTY} / the environment variable {@value #ASSUME_ROLE_ENV} set to {@code true}. The
 *     credentials that call STS are {@code credentialsProvider}'s (or the default chain's)
 * @param recoverAtStart whether an engine, when it starts, completes the reverts that crashed processes left pending
 *     in the journal ({@link InfraRecovery.StartHook}); {@code null} (the default) means on, unless the system
 *     property {@value #RECOVER_AT_START_PROPERTY} or the environment variable {@value #RECOVER_AT_START_ENV} is
 *     {@code false}
 */
public record InfraSettings(
        Region region,
        URI endpointOverride,
        Map<String, URI> serviceEndpoints,
        AwsCredentialsProvider credentialsProvider,
        boolean allowRealAws,
        Path journalDirectory,
        RevertJournal journal,
        Duration apiCallTimeout,
        Duration pollInterval,
        Duration maxWait,
        int pageSize,
        boolean assumeRole,
        Boolean recoverAtStart) {

    /** System property that allows changes against real AWS endpoints when {@code true}. */
    public static final String ALLOW_REAL_AWS_PROPERTY = "fisengine.infra.allowRealAws";
    /** Environment variable that allows changes against real AWS endpoints when {@code true}. */
    public static final String ALLOW_REAL_AWS_ENV = "FISENGINE_ALLOW_REAL_AWS";
    /** System property naming the default journal's directory. */
    public static final String JOURNAL_DIR_PROPERTY = "fisengine.journal.dir";
    /** System property that makes actions and resolvers assume the template's role when {@code true}. */
    public static final String ASSUME_ROLE_PROPERTY = "fisengine.infra.assumeRole";
    /** Environment variable that makes actions and resolvers assume the template's role when {@code true}. */
    public static final String ASSUME_ROLE_ENV = "FISENGINE_ASSUME_ROLE";
    /** System property that, {@code false}, turns off the recovery of pending reverts when an engine starts. */
    public static final String RECOVER_AT_START_PROPERTY = "fisengine.infra.recoverAtStart";
    /** Environment variable that, {@code false}, turns off the recovery of pending reverts when an engine starts. */
    public static final String RECOVER_AT_START_ENV = "FISENGINE_RECOVER_AT_START";

    public InfraSettings {
        Map<String, URI> endpoints = new LinkedHashMap<>();
        if (serviceEndpoints != null) {
            serviceEndpoints.forEach((service, uri) -> endpoints.put(
                    Objects.requireNonNull(service, "InfraSettings.serviceEndpoints: null service")
                            .toLowerCase(Locale.ROOT),
                    requireHttp("InfraSettings.serviceEndpoints." + service, uri)));
        }
        serviceEndpoints = Map.copyOf(endpoints);
        if (endpointOverride != null) {
            requireHttp("InfraSettings.endpointOverride", endpointOverride);
        }
        apiCallTimeout = positive("apiCallTimeout", apiCallTimeout, Duration.ofSeconds(30));
        pollInterval = positive("pollInterval", pollInterval, Duration.ofSeconds(2));
        maxWait = positive("maxWait", maxWait, Duration.ofMinutes(10));
        if (pageSize < 0) {
            throw new IllegalArgumentException("InfraSettings.pageSize: " + pageSize + " is negative");
        }
        pageSize = pageSize == 0 ? 1000 : pageSize;
    }

    /** The page size for an API whose maximum is {@code max}. */
    public int pageSize(int max) {
        return Math.min(pageSize, max);
    }

    /** The settings the environment gives: the SDK's conventions, and the opt-in property / variable. */
    public static InfraSettings fromEnvironment() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.region = region;
        b.endpointOverride = endpointOverride;
        b.serviceEndpoints.putAll(serviceEndpoints);
        b.credentialsProvider = credentialsProvider;
        b.allowRealAws = allowRealAws;
        b.journalDirectory = journalDirectory;
        b.journal = journal;
        b.apiCallTimeout = apiCallTimeout;
        b.pollInterval = pollInterval;
        b.maxWait = maxWait;
        b.pageSize = pageSize;
        b.assumeRole = assumeRole;
        b.recoverAtStart = recoverAtStart;
        return b;
    }

    /** Whether the template's role is assumed: by this setting, the property or the variable. */
    public boolean assumeRoleEnabled() {
        return assumeRole || Boolean.parseBoolean(System.getProperty(ASSUME_ROLE_PROPERTY))
                || Boolean.parseBoolean(System.getenv(ASSUME_ROLE_ENV));
    }

    /** Whether engines recover pending reverts when they start: this setting, else the property / variable, else on. */
    public boolean recoverAtStartEnabled() {
        if (recoverAtStart != null) {
            return recoverAtStart;
        }
        String v = System.getProperty(RECOVER_AT_START_PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv(RECOVER_AT_START_ENV);
        }
        return v == null || v.isBlank() || !v.trim().equalsIgnoreCase("false");
    }

    /** The endpoint of {@code service}'s clients, or {@code null} for the SDK's own resolution. */
    public URI endpointFor(String service) {
        URI uri = serviceEndpoints.get(service.toLowerCase(Locale.ROOT));
        return uri != null ? uri : endpointOverride;
    }

    /** Whether changes against AWS's own endpoints are allowed: by this setting, the property or the variable. */
    public boolean realAwsAllowed() {
        return allowRealAws || Boolean.parseBoolean(System.getProperty(ALLOW_REAL_AWS_PROPERTY))
                || Boolean.parseBoolean(System.getenv(ALLOW_REAL_AWS_ENV));
    }

    /** The directory of the default file journal. */
    public Path resolvedJournalDirectory() {
        if (journalDirectory != null) {
            return journalDirectory;
        }
        String property = System.getProperty(JOURNAL_DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return Path.of(System.getProperty("user.home"), ".fisengine", "revert-journal");
    }

    private static URI requireHttp(String what, URI uri) {
        Objects.requireNonNull(uri, what + ": null endpoint");
        String scheme = uri.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
            throw new IllegalArgumentException(what + ": \"" + uri + "\" is not an http(s) URI with a host");
        }
        return uri;
    }

    private static Duration positive(String name, Duration value, Duration dflt) {
        if (value == null) {
            return dflt;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("InfraSettings." + name + ": " + value + " is not a positive duration");
        }
        return value;
    }

    /** Builder for {@link InfraSettings}. */
    public static final class Builder {
        private Region region;
        private URI endpointOverride;
        private final Map<String, URI> serviceEndpoints = new LinkedHashMap<>();
        private AwsCredentialsProvider credentialsProvider;
        private boolean allowRealAws;
        private Path journalDirectory;
        private RevertJournal journal;
        private Duration apiCallTimeout;
        private Duration pollInterval;
        private Duration maxWait;
        private int pageSize;
        private boolean assumeRole;
        private Boolean recoverAtStart;

        private Builder() {}

        /** Assume the template's {@code roleArn} through STS for the calls of actions and resolvers. */
        public Builder assumeRole(boolean assume) {
            this.assumeRole = assume;
            return this;
        }

        /** Whether engines recover pending reverts when they start ({@code null}: the property / variable, else on). */
        public Builder recoverAtStart(Boolean recover) {
            this.recoverAtStart = recover;
            return this;
        }

        /** The page size asked of Describe/List APIs; 0 for the default (1000). */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        public Builder region(Region region) {
            this.region = region;
            return this;
        }

        public Builder endpointOverride(URI endpoint) {
            this.endpointOverride = endpoint;
            return this;
        }

        public Builder serviceEndpoint(String service, URI endpoint) {
            serviceEndpoints.put(service, endpoint);
            return this;
        }

        public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = credentialsProvider;
            return this;
        }

        public Builder allowRealAws(boolean allow) {
            this.allowRealAws = allow;
            return this;
        }

        public Builder journalDirectory(Path directory) {
            this.journalDirectory = directory;
            return this;
        }

        public Builder journal(RevertJournal journal) {
            this.journal = journal;
            return this;
        }

        public Builder apiCallTimeout(Duration timeout) {
            this.apiCallTimeout = timeout;
            return this;
        }

        public Builder pollInterval(Duration interval) {
            this.pollInterval = interval;
            return this;
        }

        public Builder maxWait(Duration maxWait) {
            this.maxWait = maxWait;
            return this;
        }

        public InfraSettings build() {
            return new InfraSettings(region, endpointOverride, serviceEndpoints, credentialsProvider, allowRealAws,
                    journalDirectory, journal, apiCallTimeout, pollInterval, maxWait, pageSize, assumeRole,
                    recoverAtStart);
        }
    }
}
