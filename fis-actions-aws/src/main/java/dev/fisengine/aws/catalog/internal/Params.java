package dev.fisengine.aws.catalog.internal;

import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import java.time.Duration;

/**
 * Short-hands for the parameter shapes that recur across the AWS FIS action catalog. Every builder returned here can
 * be refined further ({@code .required()}, {@code .defaultValue(..)}) before it is added to an action.
 *
 * <p>Durations follow two modes: embedded (this engine) accepts anything from zero up to AWS's maximum, so tests can
 * use {@code PT5S}; {@code awsMinDuration} carries AWS FIS's own lower bound for the {@code strict-aws} mode.
 */
public final class Params {
    /** The FIS action-duration quota (L-A7622DAA): 12 hours. */
    public static final Duration MAX_ACTION_DURATION = Duration.ofHours(12);
    /** AWS FIS's lower bound for most durations: one minute. */
    public static final Duration AWS_MIN_DURATION = Duration.ofMinutes(1);

    private Params() {}

    /** A duration from zero (embedded) or one minute (AWS) up to 12 hours. */
    public static ParameterDescriptor.Builder duration(String name, String description) {
        return duration(name, description, AWS_MIN_DURATION, MAX_ACTION_DURATION);
    }

    /** A duration from zero (embedded) or {@code awsMin} (AWS) up to {@code max}. */
    public static ParameterDescriptor.Builder duration(String name, String description, Duration awsMin,
            Duration max) {
        return ParameterDescriptor.builder(name, ParameterFormat.DURATION)
                .description(description)
                .durations(Duration.ZERO, max)
                .awsMinDuration(awsMin);
    }

    /** The usual required {@code duration} parameter: one minute (AWS) to 12 hours. */
    public static ParameterDescriptor.Builder requiredDuration() {
        return duration("duration", "The duration, from one minute to 12 hours.").required();
    }

    /** A required {@code duration} with AWS FIS's lower bound {@code awsMin} (EBS: 1 s, Direct Connect: 10 min). */
    public static ParameterDescriptor.Builder requiredDuration(Duration awsMin, String bounds) {
        return duration("duration", "The duration, " + bounds + ".", awsMin, MAX_ACTION_DURATION).required();
    }

    /** A whole-number percentage from 1 to 100. */
    public static ParameterDescriptor.Builder percentage(String name, String description) {
        return integer(name, description, 1, 100);
    }

    public static ParameterDescriptor.Builder integer(String name, String description, long min, long max) {
        return ParameterDescriptor.builder(name, ParameterFormat.INTEGER).description(description).range(min, max);
    }

    public static ParameterDescriptor.Builder integerAtLeast(String name, String description, long min) {
        return ParameterDescriptor.builder(name, ParameterFormat.INTEGER).description(description).minimum(min);
    }

    public static ParameterDescriptor.Builder number(String name, String description, double min, double max) {
        return ParameterDescriptor.builder(name, ParameterFormat.NUMBER).description(description).range(min, max);
    }

    public static ParameterDescriptor.Builder bool(String name, String description, boolean defaultValue) {
        return ParameterDescriptor.builder(name, ParameterFormat.BOOLEAN)
                .description(description)
                .defaultValue(Boolean.toString(defaultValue));
    }

    /** A required boolean with no default. */
    public static ParameterDescriptor.Builder requiredBool(String name, String description) {
        return ParameterDescriptor.builder(name, ParameterFormat.BOOLEAN).description(description).required();
    }

    public static ParameterDescriptor.Builder oneOf(String name, String description, String... values) {
        return ParameterDescriptor.builder(name, ParameterFormat.ENUM).description(description).allowedValues(values);
    }

    /** A comma-separated list; each item one of {@code values}, or anything when none are given. */
    public static ParameterDescriptor.Builder list(String name, String description, String... values) {
        return ParameterDescriptor.builder(name, ParameterFormat.LIST).description(description).allowedValues(values);
    }

    public static ParameterDescriptor.Builder string(String name, String description) {
        return ParameterDescriptor.builder(name, ParameterFormat.STRING).description(description);
    }

    public static ParameterDescriptor.Builder json(String name, String description) {
        return ParameterDescriptor.builder(name, ParameterFormat.JSON).description(description);
    }

    public static ParameterDescriptor.Builder arn(String name, String description) {
        return ParameterDescriptor.builder(name, ParameterFormat.ARN).description(description);
    }
}
