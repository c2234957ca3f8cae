package dev.fisengine.api.validation;

/** How serious a {@link Finding} is. Only {@link #ERROR} makes a template invalid. */
public enum Severity {
    /** AWS FIS (or this engine, in embedded mode) would reject the template. */
    ERROR,
    /** Accepted, but probably not what the author meant (e.g. a deprecated resource type). */
    WARNING
}
