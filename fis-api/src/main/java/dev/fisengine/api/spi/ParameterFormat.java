package dev.fisengine.api.spi;

/** How a parameter's string value is read (all FIS parameter values are strings). */
public enum ParameterFormat {
    /** Any string (≤ 1024 characters, as every FIS parameter value). */
    STRING,
    /** An ISO-8601 duration such as {@code PT5M}; bounds in {@link ParameterDescriptor#minDuration()} etc. */
    DURATION,
    /** A whole number; bounds in {@link ParameterDescriptor#minimum()} / {@link ParameterDescriptor#maximum()}. */
    INTEGER,
    /** A decimal number, e.g. a percentage that allows fractions ({@code 0.1}). */
    NUMBER,
    /** {@code true} or {@code false} (case-insensitive, as FIS accepts {@code True}). */
    BOOLEAN,
    /** One of {@link ParameterDescriptor#allowedValues()}. */
    ENUM,
    /** A comma-separated list; each item must be one of {@code allowedValues} when that is not empty. */
    LIST,
    /** A JSON document in a string (e.g. {@code documentParameters}). */
    JSON,
    /** An ARN ({@code arn:partition:service:region:account:resource}). */
    ARN,
    /** A comma-separated list of ARNs. */
    ARN_LIST
}
