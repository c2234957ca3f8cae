package dev.fisengine.aws.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisengine.api.spi.ActionDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public FIS template corpus (the project's {@code corpus/fis-templates}, a copy of the public corpus; see its MANIFEST.md) uses only
 * actions and resource types the catalog describes, with the target keys the catalog gives them.
 */
class CorpusCoverageTest {
    private static final Set<String> PROVIDED_ELSEWHERE = Set.of("aws:fis:wait", "aws:cloudwatch:assert-alarm-state");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCorpusActionIdAndResourceTypeIsInTheCatalog() throws IOException {
        Map<Path, JsonNode> templates = templates();
        assertThat(templates).hasSizeGreaterThanOrEqualTo(46);

        Set<String> actionIds = new TreeSet<>();
        Set<String> resourceTypes = new TreeSet<>();
        List<String> wrongKeys = new ArrayList<>();
        templates.forEach((file, template) -> {
            JsonNode targets = template.path("targets");
            targets.properties().forEach(t -> resourceTypes.add(t.getValue().path("resourceType").asText()));
            template.path("actions").properties().forEach(entry -> {
                String id = entry.getValue().path("actionId").asText();
                actionIds.add(id);
                if (PROVIDED_ELSEWHERE.contains(id)) {
                    return;
                }
                ActionDescriptor action = AwsActionCatalog.action(id).orElse(null);
                if (action == null) {
                    return;
                }
                entry.getValue().path("targets").properties().forEach(k -> {
                    String type = targets.path(k.getValue().asText()).path("resourceType").asText();
                    boolean ok = action.target(k.getKey())
                            .map(d -> d.resourceTypes().contains(type)).orElse(false);
                    if (!ok) {
                        wrongKeys.add(file + ": " + entry.getKey() + " " + k.getKey() + " -> " + type);
                    }
                });
            });
        });

        actionIds.removeAll(PROVIDED_ELSEWHERE);
        assertThat(actionIds).hasSizeGreaterThanOrEqualTo(23)
                .allSatisfy(id -> assertThat(AwsActionCatalog.action(id)).as(id).isPresent());
        assertThat(resourceTypes).hasSizeGreaterThanOrEqualTo(14)
                .allSatisfy(t -> assertThat(AwsActionCatalog.targetType(t)).as(t).isPresent());
        assertThat(wrongKeys).isEmpty();
    }

    /** The project's {@code corpus/fis-templates} (a copy of the public corpus, see its MANIFEST.md). */
    private static Path corpusRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("corpus/fis-templates");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("corpus/fis-templates not found above " + Path.of("").toAbsolutePath());
    }

    private static Map<Path, JsonNode> templates() throws IOException {
        Path root = corpusRoot();
        Map<Path, JsonNode> templates = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                templates.put(root.relativize(f), JSON.readTree(f.toFile()));
            }
        }
        return templates;
    }
}
