package dev.fisengine.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, up to the point where a demo would start (no server is started here). */
class FisDemoTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return FisDemo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsUsageAndTheBundledTemplates() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("Usage: java -jar fis-demo.jar [--plain] [--rate N] [TEMPLATE]")
                .contains("orders-sqs-throttle.json, orders-sqs-stop-condition.json")
                .contains("(default: orders-sqs-throttle.json)");
    }

    @Test
    void unknownOptionIsAnError() {
        assertThat(run("--fast")).isEqualTo(1);
        assertThat(err()).startsWith("fis-demo: unknown option --fast").contains("Usage:");
    }

    @Test
    void rateMustBeANumberInRange() {
        assertThat(run("--rate", "many")).isEqualTo(1);
        assertThat(err()).startsWith("fis-demo: --rate: \"many\" is not a whole number");
        err.reset();
        assertThat(run("--rate", "0")).isEqualTo(1);
        assertThat(err()).startsWith("fis-demo: --rate: 0 is not between 1 and 1000");
    }

    @Test
    void oneTemplateAtATime() {
        assertThat(run("a.json", "b.json")).isEqualTo(1);
        assertThat(err()).startsWith("fis-demo: one template at a time (got a.json and b.json)");
    }

    @Test
    void unknownTemplateIsNamed() {
        assertThat(run("nope.json")).isEqualTo(1);
        assertThat(err()).startsWith("fis-demo: template \"nope.json\": no such file, and not a bundled template");
    }

    @Test
    void invalidTemplateListsEveryFindingBeforeStartingAnything(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, Templates.bundled(Templates.STOP_CONDITION).json()
                .replace("\"maxErrorsSinceStart=5\"", "\"5\"")
                .replace("\"PT3S\"", "\"PT3X\""));
        assertThat(run(file.toString())).isEqualTo(1);
        assertThat(err()).startsWith("fis-demo: the template is not valid:")
                .contains("/stopConditions/0/value")
                .contains("/actions/Warmup/parameters/duration");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("ElasticMQ");
    }
}
