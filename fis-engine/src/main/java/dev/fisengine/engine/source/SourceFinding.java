package dev.fisengine.engine.source;

import java.util.Locale;
import java.util.Objects;

/**
 * One finding about a template read from a source file, pointing into that file.
 *
 * @param level how serious it is; only {@link Level#ERROR} makes a template invalid
 * @param code a stable code: the validator's ({@code action.unknown-target-key}...) or a source reader's
 *     ({@code source.unresolved}, {@code cloudformation.unknown-property}...), see {@code docs/template-sources.md}
 * @param message what is wrong, naming the bad value
 * @param file the file as given to the reader
 * @param resource the CloudFormation logical id or the Terraform address; {@code null} for FIS documents
 * @param sourcePath an RFC 6901 JSON Pointer inside the resource (CloudFormation: from the resource, e.g.
 *     {@code /Properties/Actions/Throttle/Targets}; Terraform: from the resource's values, e.g.
 *     {@code /action/0/target/0}; FIS documents: from the document)
 * @param line the 1-based line in the file, or 0 when unknown
 * @param column the 1-based column in the file, or 0 when unknown
 * @param templatePath the JSON Pointer in the equivalent create-experiment-template document, or {@code null} when the
 *     finding is about the source itself
 */
public record SourceFinding(Level level, String code, String message, String file, String resource,
        String sourcePath, int line, int column, String templatePath) {
    /** The levels of a source finding. */
    public enum Level {
        /** AWS (CloudFormation, Terraform's provider, FIS) would reject the template. */
        ERROR,
        /** Accepted, but probably not what the author meant. */
        WARNING,
        /** Something the reader assumed or could not check offline (an intrinsic known only at deploy time). */
        INFO
    }

    public SourceFinding {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sourcePath, "sourcePath");
    }

    /** {@code file:line:column}, or just the file when the line is unknown. */
    public String where() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }

    /** The one-line form: {@code file:line:col: Resource /path: level: message [code]}. */
    @Override
    public String toString() {
        return where() + ": " + (resource == null ? "" : resource + " ") + (sourcePath.isEmpty() ? "/" : sourcePath)
                + ": " + level.name().toLowerCase(Locale.ROOT) + ": " + message + " [" + code + "]";
    }
}
