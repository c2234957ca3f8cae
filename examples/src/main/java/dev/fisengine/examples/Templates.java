package dev.fisengine.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's templates: the files of {@code examples/templates/}, which the build also copies into the jar under
 * {@code templates/}, so the demo finds them by name from anywhere.
 */
public final class Templates {
    /** The template the demo runs when given none. */
    public static final String DEFAULT = "orders-sqs-throttle.json";
    /** The template whose stop condition ends the experiment early. */
    public static final String STOP_CONDITION = "orders-sqs-stop-condition.json";
    /** Every template in the jar, by file name. */
    public static final List<String> BUNDLED = List.of(DEFAULT, STOP_CONDITION);

    /** A template's name (for display) and its JSON. */
    public record Source(String name, String json) {}

    private Templates() {}

    /**
     * The template {@code reference} names: a file if one exists at that path, else a bundled template by file name
     * (the {@code .json} may be left out).
     *
     * @throws IllegalArgumentException naming the reference when it is neither
     */
    public static Source load(String reference) {
        Path file = Path.of(reference);
        if (Files.isRegularFile(file)) {
            try {
                return new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("template " + file + ": cannot be read: " + e.getMessage(), e);
            }
        }
        String name = reference.endsWith(".json") ? reference : reference + ".json";
        if (BUNDLED.contains(name)) {
            return bundled(name);
        }
        throw new IllegalArgumentException("template \"" + reference + "\": no such file, and not a bundled template ("
                + String.join(", ", BUNDLED) + ")");
    }

    /** The bundled template {@code name} (one of {@link #BUNDLED}). */
    public static Source bundled(String name) {
        try (InputStream in = Templates.class.getResourceAsStream("/templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled template " + name + " is missing from the classpath");
            }
            return new Source(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("bundled template " + name + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
