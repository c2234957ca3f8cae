package dev.fisengine.api.validation;

import java.util.Objects;

/**
 * One problem found in a template.
 *
 * @param severity whether it makes the template invalid
 * @param code a stable identifier of the rule (e.g. {@code action.unknown-target-key}), for tooling and suppression
 * @param path an RFC 6901 JSON Pointer to the offending member, e.g. {@code /actions/Stop/parameters/duration}; the
 *     empty string is the whole document
 * @param message what is wrong, naming the bad value
 */
public record Finding(Severity severity, String code, String path, String message) {
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public static Finding error(String code, String path, String message) {
        return new Finding(Severity.ERROR, code, path, message);
    }

    public static Finding warning(String code, String path, String message) {
        return new Finding(Severity.WARNING, code, path, message);
    }

    /** {@code path: message}, the one-line human form. */
    @Override
    public String toString() {
        return (path.isEmpty() ? "/" : path) + ": " + message + " [" + code + "]";
    }
}
