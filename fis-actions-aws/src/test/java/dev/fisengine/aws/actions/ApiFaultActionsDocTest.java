package dev.fisengine.aws.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.validation.ValidationResult;
import dev.fisengine.testkit.FisTestkit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code docs/api-fault-actions.md} names every action and parameter, and its JSON examples are valid templates. */
class ApiFaultActionsDocTest {
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    private static String doc() throws IOException {
        Path doc = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
                .resolve("docs").resolve("api-fault-actions.md");
        return Files.readString(doc, StandardCharsets.UTF_8);
    }

    @Test
    void everyActionAndParameterIsDocumented() throws IOException {
        String md = doc();
        for (ActionProvider p : ApiFaultActions.providers()) {
            assertThat(md).contains("| `" + p.descriptor().id() + "` |");
            for (ParameterDescriptor d : p.descriptor().parameters()) {
                assertThat(md).as("%s of %s", d.name(), p.descriptor().id())
                        .containsPattern("\\| `" + d.name() + "`\\*?");
                if (d.required()) {
                    assertThat(md).contains("| `" + d.name() + "`* |");
                }
                if (d.defaultValue() != null) {
                    assertThat(md).as("default of %s", d.name()).contains(d.defaultValue());
                }
            }
        }
    }

    @Test
    void theJsonExamplesAreValidTemplates() throws IOException {
        List<String> examples = new ArrayList<>();
        Matcher m = JSON_BLOCK.matcher(doc());
        while (m.find()) {
            examples.add(m.group(1));
        }
        assertThat(examples).hasSize(4);
        try (FisEngine engine = FisTestkit.engineBuilder(FisTestkit.manualClock()).slf4jLog(false).build()) {
            for (String json : examples) {
                ValidationResult result = engine.validator().validateJson(json);
                assertThat(result.findings()).as(json).isEmpty();
                assertThat(engine.createExperimentTemplate(json).actions()).isNotEmpty();
            }
        }
    }
}
