package dev.fisengine.engine.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.validation.internal.Catalog;
import dev.fisengine.engine.validation.internal.Findings;
import dev.fisengine.engine.validation.internal.JsonReader;
import dev.fisengine.engine.validation.internal.SemanticChecker;
import dev.fisengine.engine.validation.internal.StructuralChecker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Validates the body of {@code CreateExperimentTemplate} (what {@code aws fis create-experiment-template
 * --cli-input-json} takes) offline, the way AWS FIS would, and reports every problem at once as
 * {@link dev.fisengine.api.validation.Finding}s: a severity, a stable {@link ValidationCode}, an RFC 6901 JSON Pointer
 * and a message naming the bad value.
 *
 * <p>Three layers: the JSON is read under hard limits ({@value #MAX_INPUT_BYTES} bytes, nesting
 * {@value #MAX_NESTING_DEPTH}); the tree is checked against the FIS API model's shapes (members, types, lengths,
 * patterns, counts; unknown members are findings); the bound template is checked against the plugins' descriptions
 * (action ids, target keys and resource types, identification, parameters and their formats and bounds,
 * {@code startAfter}, selection modes, stop-condition sources, ARNs, quotas). See {@code docs/validation-rules.md}.
 *
 * <p>Validation never throws for any input and never hangs; a bug in the validator shows as an {@code internal}
 * finding. Instances are immutable and thread-safe; build one per plugin set and mode and reuse it.
 */
public final class TemplateValidator {
    /** The largest document {@link #validateJson} reads: 1 MiB (bytes, or characters for a {@code String}). */
    public static final int MAX_INPUT_BYTES = JsonReader.MAX_INPUT_BYTES;
    /** The deepest nesting of JSON objects and arrays accepted. */
    public static final int MAX_NESTING_DEPTH = JsonReader.MAX_NESTING_DEPTH;

    private static final ObjectMapper BINDER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Catalog catalog;
    private final ValidationMode mode;

    private TemplateValidator(Catalog catalog, ValidationMode mode) {
        this.catalog = catalog;
        this.mode = mode;
    }

    /**
     * A validator for the actions, target types and stop conditions these plugins describe.
     *
     * @param plugins whose descriptors define what is valid (read once, now)
     * @param mode {@link ValidationMode#EMBEDDED} for what this engine runs, {@link ValidationMode#STRICT_AWS} for
     *     exactly what AWS FIS accepts
     */
    public static TemplateValidator create(Plugins plugins, ValidationMode mode) {
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(mode, "mode");
        return new TemplateValidator(Catalog.of(plugins), mode);
    }

    public ValidationMode mode() {
        return mode;
    }

    /** Parses (within the limits) and validates a template given as JSON text. Never throws. */
    public ValidationResult validateJson(String json) {
        Objects.requireNonNull(json, "json");
        Findings findings = new Findings();
        try {
            JsonNode root = JsonReader.read(json, findings);
            return checkTree(root, findings);
        } catch (RuntimeException | StackOverflowError e) {
            return internal(findings, e);
        }
    }

    /**
     * Reads at most {@value #MAX_INPUT_BYTES} bytes (plus one, to see whether there is more) and validates them like
     * {@link #validateJson(String)}; the encoding (UTF-8, -16, -32) is detected. Does not close the stream.
     *
     * @throws UncheckedIOException if reading the stream fails (not a template problem)
     */
    public ValidationResult validateJson(InputStream in) {
        Objects.requireNonNull(in, "in");
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the template: " + e.getMessage(), e);
        }
        Findings findings = new Findings();
        try {
            JsonNode root = JsonReader.read(bytes, bytes.length, findings);
            return checkTree(root, findings);
        } catch (RuntimeException | StackOverflowError e) {
            return internal(findings, e);
        }
    }

    /**
     * Validates a template built in code (the engine API): the model's lengths, patterns, counts and required members
     * and every semantic rule. Never throws.
     */
    public ValidationResult validate(CreateExperimentTemplateRequest request) {
        Objects.requireNonNull(request, "request");
        Findings findings = new Findings();
        try {
            JsonNode tree = BINDER.valueToTree(request);
            new StructuralChecker(findings).checkRequest(tree);
            new SemanticChecker(catalog, mode, findings, "", request).run();
            return new ValidationResult(findings.list(), request);
        } catch (RuntimeException | StackOverflowError e) {
            ValidationResult r = internal(findings, e);
            return new ValidationResult(r.findings(), request);
        }
    }

    private ValidationResult checkTree(JsonNode root, Findings findings) {
        if (root == null) {
            return new ValidationResult(findings.list(), null);
        }
        StructuralChecker.Checked checked = new StructuralChecker(findings).checkDocument(root);
        if (checked == null) {
            return new ValidationResult(findings.list(), null);
        }
        CreateExperimentTemplateRequest bound;
        try {
            bound = BINDER.treeToValue(checked.template(), CreateExperimentTemplateRequest.class);
        } catch (IOException | IllegalArgumentException e) {
            return internal(findings, e);
        }
        new SemanticChecker(catalog, mode, findings, checked.base(), bound).run();
        return new ValidationResult(findings.list(), bound);
    }

    private static ValidationResult internal(Findings findings, Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        String where = trace.length > 0 ? " at " + trace[0] : "";
        findings.add(ValidationCode.INTERNAL, "", "The validator failed (a bug; please report it): " + e + where);
        return new ValidationResult(findings.list(), null);
    }
}
