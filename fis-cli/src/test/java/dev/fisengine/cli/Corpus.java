package dev.fisengine.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The corpus of real FIS templates: the project's copy {@code corpus/fis-templates}, else the shared one
 * {@code ../shared/corpus/fis-templates} beside the project root, or the folder the system property
 * {@code fis.corpus.dir} names. Tests fail, never skip, when it is missing.
 */
final class Corpus {
    private Corpus() {}

    static Path dir() {
        String override = System.getProperty("fis.corpus.dir");
        if (override != null) {
            return existing(Path.of(override));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            for (String relative : new String[] {"corpus/fis-templates", "shared/corpus/fis-templates"}) {
                Path candidate = p.resolve(relative);
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("The FIS template corpus (corpus/fis-templates) was not found above "
                + Path.of("").toAbsolutePath() + "; set -Dfis.corpus.dir=...");
    }

    private static Path existing(Path p) {
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("fis.corpus.dir " + p + " is not a folder");
        }
        return p;
    }

    /** Every corpus template, sorted by its path relative to {@link #dir()}. */
    static List<Path> templates() {
        Path dir = dir();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template's name in expectations: its path relative to {@link #dir()}, with forward slashes. */
    static String name(Path template) {
        return dir().relativize(template).toString().replace('\\', '/');
    }
}
