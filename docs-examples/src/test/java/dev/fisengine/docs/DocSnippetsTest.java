package dev.fisengine.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of the documents are the example files of this module, so they cannot rot: each {@code ```java}
 * block of a checked document must appear, line for line (indentation aside), as consecutive lines of one example
 * file under {@code src/test/java}, which the build compiles and whose tests run it. Whole-file examples must appear
 * whole.
 */
class DocSnippetsTest {
    private static final Path ROOT = Path.of("..");
    private static final Path EXAMPLES = Path.of("src/test/java");

    /** Documents whose every Java block must come from an example file. */
    private static final List<String> CHECKED = List.of("README.md", "docs/writing-plugins.md", "docs/guice.md");

    /** Example files each document must show whole. */
    private static final Map<String, List<String>> WHOLE_FILES = Map.of(
            "docs/writing-plugins.md", List.of("com/example/fis/FeatureFlagAction.java",
                    "com/example/fis/TenantResolver.java", "com/example/fis/HealthStopCondition.java",
                    "dev/fisengine/docs/FeatureFlagActionCompatibilityTest.java"),
            "docs/guice.md", List.of("com/example/fis/ChaosModule.java", "com/example/fis/ChaosMain.java"));

    @Test
    void everyJavaBlockOfTheCheckedDocumentsIsPartOfACompiledExample() {
        List<List<String>> examples = exampleFiles();
        for (String doc : CHECKED) {
            List<List<String>> blocks = javaBlocks(read(ROOT.resolve(doc)));
            assertThat(blocks).as("%s has Java blocks", doc).isNotEmpty();
            for (List<String> block : blocks) {
                assertThat(examples.stream().anyMatch(file -> containsBlock(file, block)))
                        .as("%s: this Java block is not (any longer) a part of an example file under "
                                + "docs-examples/src/test/java:%n%s", doc, String.join("\n", block))
                        .isTrue();
            }
        }
    }

    @Test
    void wholeFileExamplesAreShownWhole() {
        WHOLE_FILES.forEach((doc, files) -> {
            List<List<String>> blocks = javaBlocks(read(ROOT.resolve(doc)));
            for (String file : files) {
                List<String> lines = trimmed(read(EXAMPLES.resolve(file)));
                assertThat(blocks).as("%s shows %s unchanged", doc, file).contains(lines);
            }
        });
    }

    @Test
    void theMatcherFindsOnlyConsecutiveLinesAndIgnoresOnlyIndentation() {
        List<String> file = List.of("class A {", "    void f() {", "        g();", "        h();", "    }", "}");
        assertThat(containsBlock(file, List.of("g();", "h();"))).isTrue();
        assertThat(containsBlock(file, List.of("void f() {", "    g();"))).isTrue();
        assertThat(containsBlock(file, List.of("g();", "}"))).isFalse();
        assertThat(containsBlock(file, List.of("g( );"))).isFalse();
        assertThat(containsBlock(file, List.of("void f() {", "g();"))).as("relative indentation counts").isFalse();
    }

    /** Whether {@code block} (its own indentation removed) is a run of lines of {@code file} at one indentation. */
    static boolean containsBlock(List<String> file, List<String> block) {
        List<String> b = dedent(block);
        for (int i = 0; i + b.size() <= file.size(); i++) {
            String first = file.get(i);
            if (!first.strip().equals(b.get(0).strip())) {
                continue;
            }
            String indent = first.substring(0, first.length() - first.stripLeading().length());
            boolean all = true;
            for (int k = 0; k < b.size() && all; k++) {
                String want = b.get(k).isEmpty() ? "" : indent + b.get(k);
                all = file.get(i + k).equals(want);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static List<String> dedent(List<String> lines) {
        int min = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(min)).toList();
    }

    static List<List<String>> javaBlocks(String markdown) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : markdown.lines().toList()) {
            if (current == null && line.strip().equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(trimmed(String.join("\n", current)));
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        assertThat(current).as("an unclosed ```java block").isNull();
        return blocks;
    }

    private static List<String> trimmed(String text) {
        List<String> lines = text.lines().map(String::stripTrailing).toList();
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isEmpty()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isEmpty()) {
            to--;
        }
        return lines.subList(from, to);
    }

    private static List<List<String>> exampleFiles() {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted()
                    .map(p -> trimmed(read(p))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p.toAbsolutePath().normalize(), e);
        }
    }
}
