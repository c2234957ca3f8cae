package dev.fisengine.engine.validation;

/**
 * Which FIS a template is checked against.
 */
public enum ValidationMode {
    /**
     * What this engine can run (the default): e.g. {@code aws:fis:inject-api-*} for any AWS SDK service, sub-minute
     * durations such as {@code PT5S}, and {@code fisengine:} extension actions.
     */
    EMBEDDED,
    /**
     * Exactly what the managed AWS FIS accepts: e.g. {@code service} only {@code ec2} or {@code kinesis}, AWS's
     * minimum durations, no {@code fisengine:} extensions. For linting templates meant for AWS.
     */
    STRICT_AWS
}
