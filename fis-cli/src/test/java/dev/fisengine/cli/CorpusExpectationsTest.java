package dev.fisengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationCode;
import dev.fisengine.engine.validation.ValidationMode;
import dev.fisengine.engine.validation.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every template of the shared corpus is validated, in both modes, against the outcome recorded in
 * {@code corpus-expectations.json} beside this test: which templates are valid, and for each finding its code, path
 * and why. Any change in outcome fails the build. The actual outcome is written to
 * {@code target/corpus-actual.json} to make updating the expectations easy (keep the "why"s).
 */
class CorpusExpectationsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TemplateValidator EMBEDDED =
            TemplateValidator.create(Plugins.discovered(), ValidationMode.EMBEDDED);
    private static final TemplateValidator STRICT =
            TemplateValidator.create(Plugins.discovered(), ValidationMode.STRICT_AWS);

    private static JsonNode expected;
    private static final Map<String, ValidationResult> EMBEDDED_RESULTS = new TreeMap<>();
    private static final Map<String, ValidationResult> STRICT_RESULTS = new TreeMap<>();

    @BeforeAll
    static void validateTheCorpus() throws IOException {
        ObjectNode actual = MAPPER.createObjectNode();
        for (Path p : Corpus.templates()) {
            String name = Corpus.name(p);
            String json = Files.readString(p);
            ValidationResult embedded = EMBEDDED.validateJson(json);
            ValidationResult strict = STRICT.validateJson(json);
            EMBEDDED_RESULTS.put(name, embedded);
            STRICT_RESULTS.put(name, strict);
            ObjectNode entry = actual.putObject(name);
            entry.put("valid", embedded.valid());
            ArrayNode findings = entry.putArray("findings");
            for (Finding f : embedded.findings()) {
                findings.addObject().put("code", f.code()).put("path", f.path()).put("message", f.message());
            }
            ArrayNode strictOnly = entry.putArray("strictAwsOnly");
            List<String> base = keys(embedded.findings(), true);
            for (Finding f : strict.findings()) {
                if (!base.remove(key(f.code(), f.path()))) {
                    strictOnly.addObject().put("code", f.code()).put("path", f.path()).put("message", f.message());
                }
            }
        }
        Path target = Path.of("target");
        Files.createDirectories(target);
        MAPPER.writeValue(target.resolve("corpus-actual.json").toFile(), MAPPER.createObjectNode().set("templates",
                actual));
        try (InputStream in = CorpusExpectationsTest.class.getResourceAsStream("/corpus-expectations.json")) {
            assertThat(in).as("corpus-expectations.json on the test classpath").isNotNull();
            expected = MAPPER.readTree(in).get("templates");
        }
    }

    private static String key(String code, String path) {
        return code + " " + path;
    }

    private static List<String> keys(List<Finding> findings, boolean dropNotExecutable) {
        List<String> keys = new ArrayList<>();
        for (Finding f : findings) {
            if (!(dropNotExecutable && f.code().equals(ValidationCode.ACTION_NOT_EXECUTABLE.code()))) {
                keys.add(key(f.code(), f.path()));
            }
        }
        return keys;
    }

    private static List<String> expectedKeys(JsonNode findings) {
        List<String> keys = new ArrayList<>();
        if (findings != null) {
            for (JsonNode f : findings) {
                keys.add(key(f.get("code").asText(), f.get("path").asText()));
            }
        }
        return keys;
    }

    @Test
    void everyCorpusTemplateHasAnExpectationAndViceVersa() {
        List<String> names = new ArrayList<>();
        expected.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrderElementsOf(EMBEDDED_RESULTS.keySet());
        assertThat(names).hasSizeGreaterThanOrEqualTo(46);
    }

    @Test
    void everyExpectedFindingSaysWhy() {
        for (Map.Entry<String, JsonNode> e : expected.properties()) {
            assertThat(e.getValue().path("why").asText()).as("why of " + e.getKey()).isNotBlank();
            for (String list : List.of("findings", "strictAwsOnly")) {
                for (JsonNode f : e.getValue().path(list)) {
                    assertThat(f.path("why").asText()).as("why of " + f + " in " + e.getKey()).isNotBlank();
                }
            }
        }
    }

    @TestFactory
    List<DynamicTest> eachTemplateHasItsRecordedOutcome() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, ValidationResult> e : EMBEDDED_RESULTS.entrySet()) {
            String name = e.getKey();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                JsonNode exp = expected.get(name);
                assertThat(exp).as("expectation for " + name).isNotNull();
                ValidationResult embedded = e.getValue();
                assertThat(keys(embedded.findings(), false)).as("embedded findings of " + name
                        + " (actual outcome in target/corpus-actual.json)")
                        .containsExactlyInAnyOrderElementsOf(expectedKeys(exp.get("findings")));
                assertThat(embedded.valid()).as("embedded validity of " + name).isEqualTo(exp.get("valid").asBoolean());
                List<String> strictExpected = new ArrayList<>();
                for (String k : expectedKeys(exp.get("findings"))) {
                    if (!k.startsWith(ValidationCode.ACTION_NOT_EXECUTABLE.code() + " ")
                            && !k.startsWith(ValidationCode.ROLE_ARN_UNUSED.code() + " ")) { // embedded-only codes
                        strictExpected.add(k);
                    }
                }
                strictExpected.addAll(expectedKeys(exp.get("strictAwsOnly")));
                assertThat(keys(STRICT_RESULTS.get(name).findings(), false)).as("strict-aws findings of " + name)
                        .containsExactlyInAnyOrderElementsOf(strictExpected);
            }));
        }
        return tests;
    }
}
