package dev.fisengine.examples;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Demo#run} runs: the template, where the live view goes and how, the order service's rate, and the SQS
 * endpoint (none: ElasticMQ is started in this JVM).
 *
 * @param template the experiment template to run
 * @param out where the live view and the summary are printed
 * @param interactive redraw the status line in place ({@code \r}), for a terminal; else print it as lines
 * @param statusInterval how often the status line is drawn
 * @param ordersPerSecond the producer's rate (1-1000)
 * @param sqsEndpoint an SQS endpoint to use, or {@code null} to start ElasticMQ in this JVM for the run
 * @param timeout how long to wait for the experiment before stopping it and giving up
 * @param seed seeds the engine (ids, and so the faults' random draws), or {@code null} for a random run
 * @param stopConditionPollInterval the engine's {@code EngineOptions.stopConditionPollInterval}
 */
public record DemoSettings(
        Templates.Source template,
        PrintStream out,
        boolean interactive,
        Duration statusInterval,
        int ordersPerSecond,
        URI sqsEndpoint,
        Duration timeout,
        Long seed,
        Duration stopConditionPollInterval) {

    public DemoSettings {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(out, "out");
        positive(statusInterval, "statusInterval");
        positive(timeout, "timeout");
        positive(stopConditionPollInterval, "stopConditionPollInterval");
        if (ordersPerSecond < 1 || ordersPerSecond > 1000) {
            throw new IllegalArgumentException("ordersPerSecond: " + ordersPerSecond + " is not between 1 and 1000");
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " is not a positive duration");
        }
    }

    /** Settings for {@code template}: printed to stdout as lines, 50 orders/s, ElasticMQ in the JVM. */
    public static Builder builder(Templates.Source template) {
        return new Builder(template);
    }

    public Builder toBuilder() {
        return new Builder(template).out(out).interactive(interactive).statusInterval(statusInterval)
                .ordersPerSecond(ordersPerSecond).sqsEndpoint(sqsEndpoint).timeout(timeout).seed(seed)
                .stopConditionPollInterval(stopConditionPollInterval);
    }

    /** Builder for {@link DemoSettings}. */
    public static final class Builder {
        private Templates.Source template;
        private PrintStream out = System.out;
        private boolean interactive;
        private Duration statusInterval;
        private int ordersPerSecond = 50;
        private URI sqsEndpoint;
        private Duration timeout = Duration.ofMinutes(10);
        private Long seed;
        private Duration stopConditionPollInterval = Duration.ofMillis(500);

        private Builder(Templates.Source template) {
            this.template = template;
        }

        public Builder template(Templates.Source value) {
            this.template = value;
            return this;
        }

        public Builder out(PrintStream value) {
            this.out = value;
            return this;
        }

        /** Redraw the status line in place (default false; {@link FisDemo} turns it on for a terminal). */
        public Builder interactive(boolean value) {
            this.interactive = value;
            return this;
        }

        /** How often the status line is drawn (default 250 ms interactive, 1 s otherwise). */
        public Builder statusInterval(Duration value) {
            this.statusInterval = value;
            return this;
        }

        public Builder ordersPerSecond(int value) {
            this.ordersPerSecond = value;
            return this;
        }

        public Builder sqsEndpoint(URI value) {
            this.sqsEndpoint = value;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder seed(Long value) {
            this.seed = value;
            return this;
        }

        public Builder stopConditionPollInterval(Duration value) {
            this.stopConditionPollInterval = value;
            return this;
        }

        public DemoSettings build() {
            Duration status = statusInterval != null ? statusInterval
                    : interactive ? Duration.ofMillis(250) : Duration.ofSeconds(1);
            return new DemoSettings(template, out, interactive, status, ordersPerSecond, sqsEndpoint, timeout, seed,
                    stopConditionPollInterval);
        }
    }
}
