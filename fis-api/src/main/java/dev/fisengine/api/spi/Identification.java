package dev.fisengine.api.spi;

/** The ways a template target may identify its resources. */
public enum Identification {
    /** {@code resourceArns}. */
    ARNS,
    /** {@code resourceTags}. */
    TAGS,
    /** {@code filters} (with tags or parameters; never with ARNs). */
    FILTERS,
    /** {@code parameters} (e.g. {@code aws:eks:pod}'s clusterIdentifier, namespace...). */
    PARAMETERS
}
