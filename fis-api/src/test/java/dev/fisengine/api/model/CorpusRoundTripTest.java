package dev.fisengine.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reading a real template into {@link CreateExperimentTemplateRequest} and writing it back loses nothing: every
 * corpus template whose members are all in the FIS model comes back as the same JSON tree (absent members stay
 * absent, empty maps stay empty). Templates with members outside the model (which the validator reports) are checked
 * to round-trip everything but those members.
 */
class CorpusRoundTripTest {
    private static final Set<String> TEMPLATE_MEMBERS = Set.of("clientToken", "description", "targets", "actions",
            "stopConditions", "roleArn", "tags", "logConfiguration", "experimentOptions",
            "experimentReportConfiguration");

    private final ObjectMapper strict = new ObjectMapper().findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final ObjectMapper lenient = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void everyCorpusTemplateRoundTrips() throws IOException {
        List<Path> files = corpus();
        assertThat(files).hasSize(46);
        int exact = 0;
        List<String> withUnknownMembers = new ArrayList<>();
        for (Path file : files) {
            JsonNode original = strict.readTree(file.toFile());
            if (original.has("experimentTemplate")) {
                original = original.get("experimentTemplate"); // get-experiment-template output: check the inner part
                ((ObjectNode) original).retain(TEMPLATE_MEMBERS);
            }
            CreateExperimentTemplateRequest bound;
            try {
                bound = strict.treeToValue(original, CreateExperimentTemplateRequest.class);
            } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
                withUnknownMembers.add(file.getFileName() + ": " + e.getPropertyName());
                bound = lenient.treeToValue(original, CreateExperimentTemplateRequest.class);
                JsonNode written = lenient.valueToTree(bound);
                assertThat(subsetOf(written, original)).as(file + " keeps every model member").isTrue();
                continue;
            }
            JsonNode written = strict.valueToTree(bound);
            assertThat(written).as(file.toString()).isEqualTo(original);
            exact++;
        }
        assertThat(exact).isGreaterThanOrEqualTo(44);
        assertThat(withUnknownMembers).hasSizeLessThanOrEqualTo(2);
    }

    /** Whether every member of {@code part} is in {@code whole} with the same value (objects recursively). */
    private static boolean subsetOf(JsonNode part, JsonNode whole) {
        if (!part.isObject()) {
            return part.equals(whole);
        }
        for (Iterator<String> it = part.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!whole.has(name) || !subsetOf(part.get(name), whole.get(name))) {
                return false;
            }
        }
        return true;
    }

    private static List<Path> corpus() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path root = dir.resolve("corpus/fis-templates");
            if (Files.isRegularFile(root.resolve("MANIFEST.md"))) {
                try (Stream<Path> files = Files.walk(root)) {
                    return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
                }
            }
        }
        throw new IllegalStateException("corpus/fis-templates not found above " + Path.of("").toAbsolutePath());
    }
}
