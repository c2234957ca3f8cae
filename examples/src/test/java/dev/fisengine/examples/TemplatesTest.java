package dev.fisengine.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationMode;
import dev.fisengine.engine.validation.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled templates: valid for the engine, in the jar, short enough for a demo. */
class TemplatesTest {
    private static final TemplateValidator VALIDATOR =
            TemplateValidator.create(Plugins.discovered(), ValidationMode.EMBEDDED);

    @ParameterizedTest
    @ValueSource(strings = {Templates.DEFAULT, Templates.STOP_CONDITION})
    void bundledTemplateIsValidWithNoFinding(String name) {
        ValidationResult result = VALIDATOR.validateJson(Templates.bundled(name).json());
        assertThat(result.findings()).as(name).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {Templates.DEFAULT, Templates.STOP_CONDITION})
    void bundledTemplateIsTheFileInExamplesTemplates(String name) throws IOException {
        assertThat(Templates.bundled(name).json()).isEqualTo(Files.readString(Path.of("templates", name)));
    }

    @Test
    void everyFileInExamplesTemplatesIsBundled() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("templates"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(Templates.BUNDLED);
        }
    }

    @Test
    void defaultTemplateRunsAtMostThirtySeconds() {
        ValidationResult result = VALIDATOR.validateJson(Templates.bundled(Templates.DEFAULT).json());
        Map<String, ExperimentTemplateAction> actions = result.template().actions();
        Map<String, Duration> ends = new HashMap<>();
        Duration longest = Duration.ZERO;
        for (String name : actions.keySet()) {
            Duration end = end(name, actions, ends);
            longest = end.compareTo(longest) > 0 ? end : longest;
        }
        assertThat(longest).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
    }

    /** When action {@code name} ends, counted from the experiment's start: its startAfter's latest end + duration. */
    private static Duration end(String name, Map<String, ExperimentTemplateAction> actions,
                                Map<String, Duration> ends) {
        Duration known = ends.get(name);
        if (known != null) {
            return known;
        }
        ExperimentTemplateAction a = actions.get(name);
        Duration start = Duration.ZERO;
        for (String before : a.startAfter() == null ? List.<String>of() : a.startAfter()) {
            Duration e = end(before, actions, ends);
            start = e.compareTo(start) > 0 ? e : start;
        }
        Duration end = start.plus(Duration.parse(a.parameters().get("duration")));
        ends.put(name, end);
        return end;
    }

    @Test
    void loadFindsBundledTemplatesByNameWithOrWithoutJson() {
        assertThat(Templates.load("orders-sqs-stop-condition").name()).isEqualTo(Templates.STOP_CONDITION);
        assertThat(Templates.load(Templates.DEFAULT).json()).contains("aws:fis:inject-api-throttle-error");
    }

    @Test
    void loadReadsAFileFirst(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(Templates.DEFAULT);
        Files.writeString(file, "{\"description\":\"mine\"}");
        assertThat(Templates.load(file.toString()).json()).isEqualTo("{\"description\":\"mine\"}");
    }

    @Test
    void loadNamesAnUnknownTemplate() {
        assertThatThrownBy(() -> Templates.load("no-such-template.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template \"no-such-template.json\": no such file, and not a bundled template "
                        + "(orders-sqs-throttle.json, orders-sqs-stop-condition.json)");
    }
}
