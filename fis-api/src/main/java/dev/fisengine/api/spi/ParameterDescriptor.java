package dev.fisengine.api.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One parameter an action or target type takes, as the provider describes it. Validation and {@code GetAction} are
 * built from these descriptions.
 *
 * @param name the parameter name as written in the template
 * @param description the text {@code GetAction} shows
 * @param required whether the template must give it
 * @param format how its string value is read
 * @param defaultValue the value used when absent, or {@code null}
 * @param allowedValues for {@link ParameterFormat#ENUM} and {@link ParameterFormat#LIST}: the accepted values
 *     (compared case-sensitively); empty means any
 * @param minimum lower bound for numbers, or {@code null}
 * @param maximum upper bound for numbers, or {@code null}
 * @param minDuration lower bound for durations in embedded mode, or {@code null}
 * @param maxDuration upper bound for durations, or {@code null}
 * @param awsAllowedValues in {@code strict-aws} mode, the only values AWS FIS accepts (e.g. {@code service}: ec2,
 *     kinesis); empty means the same as {@code allowedValues}
 * @param awsMinDuration in {@code strict-aws} mode, AWS FIS's lower bound (usually one minute), or {@code null}
 * @param maxItems for lists, the most items allowed, or {@code null}
 * @param pattern a regular expression the whole value (for lists: each item) must match, or {@code null}; e.g. the
 *     lower-case SDK service id of {@code aws:fis:inject-api-*}'s {@code service}
 */
public record ParameterDescriptor(
        String name,
        String description,
        boolean required,
        ParameterFormat format,
        String defaultValue,
        List<String> allowedValues,
        Double minimum,
        Double maximum,
        Duration minDuration,
        Duration maxDuration,
        List<String> awsAllowedValues,
        Duration awsMinDuration,
        Integer maxItems,
        String pattern) {

    public ParameterDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        description = description == null ? "" : description;
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
        awsAllowedValues = awsAllowedValues == null ? List.of() : List.copyOf(awsAllowedValues);
    }

    public static Builder builder(String name, ParameterFormat format) {
        return new Builder(name, format);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, format);
        b.description = description;
        b.required = required;
        b.defaultValue = defaultValue;
        b.allowedValues = allowedValues;
        b.minimum = minimum;
        b.maximum = maximum;
        b.minDuration = minDuration;
        b.maxDuration = maxDuration;
        b.awsAllowedValues = awsAllowedValues;
        b.awsMinDuration = awsMinDuration;
        b.maxItems = maxItems;
        b.pattern = pattern;
        return b;
    }

    /** Builder for {@link ParameterDescriptor}. */
    public static final class Builder {
        private final String name;
        private ParameterFormat format;
        private String description = "";
        private boolean required;
        private String defaultValue;
        private List<String> allowedValues = List.of();
        private Double minimum;
        private Double maximum;
        private Duration minDuration;
        private Duration maxDuration;
        private List<String> awsAllowedValues = List.of();
        private Duration awsMinDuration;
        private Integer maxItems;
        private String pattern;

        private Builder(String name, ParameterFormat format) {
            this.name = name;
            this.format = format;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder required() {
            return required(true);
        }

        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        public Builder defaultValue(String defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        public Builder allowedValues(String... values) {
            this.allowedValues = List.of(values);
            return this;
        }

        public Builder range(double minimum, double maximum) {
            this.minimum = minimum;
            this.maximum = maximum;
            return this;
        }

        public Builder minimum(double minimum) {
            this.minimum = minimum;
            return this;
        }

        public Builder durations(Duration min, Duration max) {
            this.minDuration = min;
            this.maxDuration = max;
            return this;
        }

        public Builder awsAllowedValues(String... values) {
            this.awsAllowedValues = List.of(values);
            return this;
        }

        public Builder awsMinDuration(Duration awsMinDuration) {
            this.awsMinDuration = awsMinDuration;
            return this;
        }

        public Builder maxItems(int maxItems) {
            this.maxItems = maxItems;
            return this;
        }

        /** A regular expression the whole value (for lists: each item) must match. */
        public Builder pattern(String regex) {
            java.util.regex.Pattern.compile(regex);
            this.pattern = regex;
            return this;
        }

        public ParameterDescriptor build() {
            return new ParameterDescriptor(name, description, required, format, defaultValue, allowedValues,
                    minimum, maximum, minDuration, maxDuration, awsAllowedValues, awsMinDuration, maxItems, pattern);
        }
    }
}
