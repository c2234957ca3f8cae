package dev.fisengine.engine;

import dev.fisengine.engine.validation.ValidationMode;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link FisEngine} behaves. Start from {@link #defaults()} and change what you need with {@link #toBuilder()}.
 *
 * @param partition ARN partition of the ids the engine hands out ({@code aws})
 * @param region Region in those ARNs ({@code us-east-1})
 * @param accountId account in those ARNs and in log records ({@code 123456789012})
 * @param quotas the FIS quotas enforced ({@link Quotas#defaults()})
 * @param validationMode how templates are validated on create and update ({@link ValidationMode#EMBEDDED})
 * @param stopConditionPollInterval how often a running experiment's stop conditions are checked (5 s; FIS does not
 *     document its interval)
 * @param stopConditionMaxFailures consecutive failed checks (exceptions) after which the experiment fails (3)
 * @param shutdownHook whether the engine registers a JVM shutdown hook that stops its experiments and reverts their
 *     faults ({@code true}); the hook is removed by {@link FisEngine#close()}
 * @param closeTimeout how long {@link FisEngine#close()} waits for experiments to stop (65 s: the stop bound with the
 *     default deadlines, {@link FisEngine#stopBound()})
 * @param experimentRetention how long ended experiments stay listable (FIS: 120 days)
 * @param maxRetainedExperiments how many ended experiments stay listable at most (1,000); the oldest are forgotten
 *     first, so a long-running process keeps a bounded history
 * @param safetyLeverSwitch whether the process-wide switch (system property {@value FisEngine#SAFETY_LEVER_PROPERTY}
 *     or environment variable {@value FisEngine#SAFETY_LEVER_ENV} set to {@code engaged}, or
 *     {@link dev.fisengine.api.KillSwitch#engage}) shows on this engine's lever and stops its experiments
 *     ({@code true}). Whatever this says, the switch stops every API fault of the process at the fault index
 * @param deadlines how long each kind of plugin call may take ({@link Deadlines#defaults()})
 */
public record EngineOptions(
        String partition,
        String region,
        String accountId,
        Quotas quotas,
        ValidationMode validationMode,
        Duration stopConditionPollInterval,
        int stopConditionMaxFailures,
        boolean shutdownHook,
        Duration closeTimeout,
        Duration experimentRetention,
        int maxRetainedExperiments,
        boolean safetyLeverSwitch,
        Deadlines deadlines) {

    public EngineOptions {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(quotas, "quotas");
        Objects.requireNonNull(validationMode, "validationMode");
        positive("stopConditionPollInterval", stopConditionPollInterval);
        if (stopConditionMaxFailures < 1) {
            throw new IllegalArgumentException("EngineOptions.stopConditionMaxFailures must be at least 1: "
                    + stopConditionMaxFailures);
        }
        positive("closeTimeout", closeTimeout);
        positive("experimentRetention", experimentRetention);
        if (maxRetainedExperiments < 1) {
            throw new IllegalArgumentException("EngineOptions.maxRetainedExperiments must be at least 1: "
                    + maxRetainedExperiments);
        }
        Objects.requireNonNull(deadlines, "deadlines");
    }

    /** How long a check round may take: {@link Deadlines#stopConditionCheck()}, else the poll interval. */
    public Duration stopConditionCheckDeadline() {
        return deadlines.stopConditionCheck() != null ? deadlines.stopConditionCheck() : stopConditionPollInterval;
    }

    public static EngineOptions defaults() {
        return new EngineOptions("aws", "us-east-1", "123456789012", Quotas.defaults(), ValidationMode.EMBEDDED,
                Duration.ofSeconds(5), 3, true, Duration.ofSeconds(65), Duration.ofDays(120), 1000, true,
                Deadlines.defaults());
    }

    public static Builder builder() {
        return defaults().toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("EngineOptions." + name + " must be positive: " + d);
        }
    }

    /** Builder for {@link EngineOptions}, starting from the values it was made from. */
    public static final class Builder {
        private String partition;
        private String region;
        private String accountId;
        private Quotas quotas;
        private ValidationMode validationMode;
        private Duration stopConditionPollInterval;
        private int stopConditionMaxFailures;
        private boolean shutdownHook;
        private Duration closeTimeout;
        private Duration experimentRetention;
        private int maxRetainedExperiments;
        private boolean safetyLeverSwitch;
        private Deadlines deadlines;

        private Builder(EngineOptions o) {
            partition = o.partition;
            region = o.region;
            accountId = o.accountId;
            quotas = o.quotas;
            validationMode = o.validationMode;
            stopConditionPollInterval = o.stopConditionPollInterval;
            stopConditionMaxFailures = o.stopConditionMaxFailures;
            shutdownHook = o.shutdownHook;
            closeTimeout = o.closeTimeout;
            experimentRetention = o.experimentRetention;
            maxRetainedExperiments = o.maxRetainedExperiments;
            safetyLeverSwitch = o.safetyLeverSwitch;
            deadlines = o.deadlines;
        }

        public Builder partition(String value) {
            partition = value;
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder accountId(String value) {
            accountId = value;
            return this;
        }

        public Builder quotas(Quotas value) {
            quotas = value;
            return this;
        }

        public Builder validationMode(ValidationMode value) {
            validationMode = value;
            return this;
        }

        public Builder stopConditionPollInterval(Duration value) {
            stopConditionPollInterval = value;
            return this;
        }

        public Builder stopConditionMaxFailures(int value) {
            stopConditionMaxFailures = value;
            return this;
        }

        public Builder shutdownHook(boolean value) {
            shutdownHook = value;
            return this;
        }

        public Builder closeTimeout(Duration value) {
            closeTimeout = value;
            return this;
        }

        public Builder experimentRetention(Duration value) {
            experimentRetention = value;
            return this;
        }

        public Builder maxRetainedExperiments(int value) {
            maxRetainedExperiments = value;
            return this;
        }

        public Builder deadlines(Deadlines value) {
            deadlines = value;
            return this;
        }

        public Builder safetyLeverSwitch(boolean value) {
            safetyLeverSwitch = value;
            return this;
        }

        public EngineOptions build() {
            return new EngineOptions(partition, region, accountId, quotas, validationMode, stopConditionPollInterval,
                    stopConditionMaxFailures, shutdownHook, closeTimeout, experimentRetention, maxRetainedExperiments,
                    safetyLeverSwitch, deadlines);
        }
    }
}
