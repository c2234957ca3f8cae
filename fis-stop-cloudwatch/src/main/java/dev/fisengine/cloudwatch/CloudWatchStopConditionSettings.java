package dev.fisengine.cloudwatch;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * How the {@code aws:cloudwatch:alarm} stop condition (the template's {@code stopConditions[].source}) and the
 * {@code aws:cloudwatch:assert-alarm-state} action read CloudWatch. One instance per engine, registered as the
 * engine's {@code CloudWatchStopConditionSettings} component; {@link #defaults()} when none is registered.
 *
 * <p>Clients are built per region (the region of each alarm ARN) with the SDK's default HTTP client and, unless
 * {@link #credentialsProvider} is set, the default credentials chain. They are never instrumented for fault
 * injection, and every request they send carries the exemption marker {@code fisengine-exempt/1} (an API name in
 * the User-Agent), which the engine's SDK fault injection honours even where it instruments every client of the JVM
 * (zero-code mode): an experiment that throttles {@code cloudwatch} cannot blind its own stop condition. A
 * {@link #clientFactory} may return a client instrumented with {@code FisSdk} (the requests sent through it carry
 * the marker too), but no instrumentation that ignores the marker. See {@code docs/stop-conditions.md}.
 *
 * @param pollInterval how often the alarms of running experiments are read (default 5 s: half of CloudWatch's
 *     shortest alarm period, 10 s, so detection is dominated by CloudWatch's own evaluation, at one
 *     {@code DescribeAlarms} call per region per interval for all experiments of the engine)
 * @param failuresBeforeStop how many consecutive failed polls of an alarm (each already retried
 *     {@code attemptsPerPoll} times) make its monitor stop the experiment (default 3)
 * @param staleAfterPolls how many poll intervals an alarm's latest observation may age before a check treats it as a
 *     failed read (default 3): a poller that has stalled (a thread stuck, polling stopped) must not keep reporting an
 *     old {@code OK}. The bound is {@link #maxObservationAge()}: this many intervals plus the longest one poll may
 *     take, measured on the engine's clock
 * @param attemptsPerPoll how many times one poll tries {@code DescribeAlarms} before it counts as failed, so single
 *     blips (a throttle, a reset connection) are retried (default 3)
 * @param retryBackoff the pause before the second attempt of a poll, doubled for each further attempt (default
 *     200 ms)
 * @param requestTimeout the limit on one {@code DescribeAlarms} call, applied to the clients built here (default
 *     2 s); a call that takes longer counts as a failed attempt
 * @param endpointOverrides per-region endpoint of the clients built here (e.g. a local server in tests)
 * @param credentialsProvider the credentials of the clients built here, or {@code null} for the default chain
 * @param clientFactory makes the client of a region, instead of building one here, or {@code null}. Its clients are
 *     used as given (their own retry and timeout settings apply) and never closed here: the caller owns them
 */
public record CloudWatchStopConditionSettings(
        Duration pollInterval,
        int failuresBeforeStop,
        int staleAfterPolls,
        int attemptsPerPoll,
        Duration retryBackoff,
        Duration requestTimeout,
        Map<Region, URI> endpointOverrides,
        AwsCredentialsProvider credentialsProvider,
        Function<Region, CloudWatchClient> clientFactory) {

    /** The default poll interval, 5 seconds. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    /** The default number of consecutive failed polls that stops an experiment, 3. */
    public static final int DEFAULT_FAILURES_BEFORE_STOP = 3;
    /** The default number of poll intervals after which an observation is stale, 3. */
    public static final int DEFAULT_STALE_AFTER_POLLS = 3;
    /** The default number of attempts within one poll, 3. */
    public static final int DEFAULT_ATTEMPTS_PER_POLL = 3;
    /** The default pause before a poll's second attempt, 200 ms. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
    /** The default limit on one call, 2 seconds. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private static final CloudWatchStopConditionSettings DEFAULTS = builder().build();

    public CloudWatchStopConditionSettings {
        requirePositive("pollInterval", pollInterval);
        requirePositive("requestTimeout", requestTimeout);
        Objects.requireNonNull(retryBackoff, "CloudWatchStopConditionSettings.retryBackoff must not be null");
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException(
                    "CloudWatchStopConditionSettings.retryBackoff: " + retryBackoff + " is negative");
        }
        if (failuresBeforeStop < 1) {
            throw new IllegalArgumentException(
                    "CloudWatchStopConditionSettings.failuresBeforeStop: " + failuresBeforeStop + " is not >= 1");
        }
        if (staleAfterPolls < 1) {
            throw new IllegalArgumentException(
                    "CloudWatchStopConditionSettings.staleAfterPolls: " + staleAfterPolls + " is not >= 1");
        }
        if (attemptsPerPoll < 1) {
            throw new IllegalArgumentException(
                    "CloudWatchStopConditionSettings.attemptsPerPoll: " + attemptsPerPoll + " is not >= 1");
        }
        Map<Region, URI> endpoints = new LinkedHashMap<>();
        if (endpointOverrides != null) {
            endpointOverrides.forEach((region, uri) -> {
                Objects.requireNonNull(region, "CloudWatchStopConditionSettings.endpointOverrides: null region");
                Objects.requireNonNull(uri, "CloudWatchStopConditionSettings.endpointOverrides." + region
                        + ": null endpoint");
                String scheme = uri.getScheme();
                if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
                    throw new IllegalArgumentException("CloudWatchStopConditionSettings.endpointOverrides." + region
                            + ": \"" + uri + "\" is not an http(s) URI with a host");
                }
                endpoints.put(region, uri);
            });
        }
        endpointOverrides = Map.copyOf(endpoints);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, "CloudWatchStopConditionSettings." + name + " must not be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("CloudWatchStopConditionSettings." + name + ": " + value
                    + " is not a positive duration");
        }
    }

    /**
     * The longest one poll may take with these settings: every attempt running into {@link #requestTimeout()}, with
     * the pauses between them ({@link #retryBackoff()}, doubled each time).
     */
    public Duration maxPollDuration() {
        Duration pauses = retryBackoff.multipliedBy((1L << Math.min(attemptsPerPoll - 1, 30)) - 1);
        return requestTimeout.multipliedBy(attemptsPerPoll).plus(pauses);
    }

    /**
     * How old an alarm's latest observation (the end of the last poll that read it, successfully or not) may be before
     * a check treats it as a failed read: {@link #staleAfterPolls()} poll intervals plus {@link #maxPollDuration()}
     * (the poller waits {@code pollInterval} after a poll ends before it starts the next). At the defaults
     * 3 × 5 s + 6.6 s = 21.6 s.
     */
    public Duration maxObservationAge() {
        return pollInterval.multipliedBy(staleAfterPolls).plus(maxPollDuration());
    }

    /** The settings used when the engine registers none. */
    public static CloudWatchStopConditionSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.pollInterval = pollInterval;
        b.failuresBeforeStop = failuresBeforeStop;
        b.staleAfterPolls = staleAfterPolls;
        b.attemptsPerPoll = attemptsPerPoll;
        b.retryBackoff = retryBackoff;
        b.requestTimeout = requestTimeout;
        b.endpointOverrides.putAll(endpointOverrides);
        b.credentialsProvider = credentialsProvider;
        b.clientFactory = clientFactory;
        return b;
    }

    /** The endpoint override for {@code region}, or {@code null}. */
    public URI endpointOverride(Region region) {
        return endpointOverrides.get(region);
    }

    /** Builder for {@link CloudWatchStopConditionSettings}; starts from the defaults. */
    public static final class Builder {
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private int failuresBeforeStop = DEFAULT_FAILURES_BEFORE_STOP;
        private int staleAfterPolls = DEFAULT_STALE_AFTER_POLLS;
        private int attemptsPerPoll = DEFAULT_ATTEMPTS_PER_POLL;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private final Map<Region, URI> endpointOverrides = new LinkedHashMap<>();
        private AwsCredentialsProvider credentialsProvider;
        private Function<Region, CloudWatchClient> clientFactory;

        private Builder() {}

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public Builder failuresBeforeStop(int failuresBeforeStop) {
            this.failuresBeforeStop = failuresBeforeStop;
            return this;
        }

        /** See {@link CloudWatchStopConditionSettings#staleAfterPolls()}. */
        public Builder staleAfterPolls(int staleAfterPolls) {
            this.staleAfterPolls = staleAfterPolls;
            return this;
        }

        public Builder attemptsPerPoll(int attemptsPerPoll) {
            this.attemptsPerPoll = attemptsPerPoll;
            return this;
        }

        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** Sends the calls for alarms in {@code region} to {@code endpoint}. */
        public Builder endpointOverride(Region region, URI endpoint) {
            this.endpointOverrides.put(region, endpoint);
            return this;
        }

        public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = credentialsProvider;
            return this;
        }

        /** Uses {@code factory}'s client for each region instead of building one; see the record's Javadoc. */
        public Builder clientFactory(Function<Region, CloudWatchClient> factory) {
            this.clientFactory = factory;
            return this;
        }

        public CloudWatchStopConditionSettings build() {
            return new CloudWatchStopConditionSettings(pollInterval, failuresBeforeStop, staleAfterPolls,
                    attemptsPerPoll,
                    retryBackoff, requestTimeout, endpointOverrides, credentialsProvider, clientFactory);
        }
    }
}
