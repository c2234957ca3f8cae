package dev.fisengine.api.spi;

import java.util.Objects;

/**
 * What a stop-condition provider says about its source.
 *
 * @param source the {@code stopConditions[].source} it answers for, e.g. {@code aws:cloudwatch:alarm}
 * @param description human description
 * @param valueRequired whether {@code value} must be given
 * @param valuePattern a regular expression the whole {@code value} must match, or {@code null}
 * @param valueDescription what {@code value} is, for messages (e.g. "a CloudWatch alarm ARN")
 */
public record StopConditionDescriptor(
        String source, String description, boolean valueRequired, String valuePattern, String valueDescription) {
    public StopConditionDescriptor {
        Objects.requireNonNull(source, "source");
        description = description == null ? "" : description;
        valueDescription = valueDescription == null ? "a value" : valueDescription;
    }
}
