package dev.fisengine.engine.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisengine.engine.source.SourceFinding.Level;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads experiment templates from where teams keep them: create-experiment-template JSON or YAML, CloudFormation
 * templates (JSON, YAML, CDK output) and {@code terraform show -json} output. The format is detected from the
 * content; the file name's extension only breaks ties. Reading never throws for bad content: problems are
 * {@link SourceFinding}s. See {@code docs/template-sources.md}.
 *
 * <pre>{@code
 * SourceDocument doc = TemplateSources.read(Path.of("infra/chaos.yaml"));
 * for (SourceTemplate t : doc.templates()) {
 *     SourceValidation v = t.validate(engine.validator());
 *     v.findings().forEach(System.out::println);   // infra/chaos.yaml:14:9: OrdersThrottle /Properties/...
 * }
 * }</pre>
 */
public final class TemplateSources {
    /** The largest file read: 16 MiB. */
    public static final int MAX_SOURCE_BYTES = TreeReader.MAX_SOURCE_BYTES;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIS_MEMBERS = Set.of("description", "targets", "actions", "stopConditions",
            "roleArn", "tags", "logConfiguration", "experimentOptions", "experimentReportConfiguration",
            "clientToken", "experimentTemplate");

    private TemplateSources() {}

    /**
     * Reads a file (at most {@link #MAX_SOURCE_BYTES}).
     *
     * @throws IOException when the file cannot be read (not a template problem)
     */
    public static SourceDocument read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_SOURCE_BYTES + 1);
        }
        return read(file.toString(), bytes);
    }

    /** Reads a document given as text; {@code file} names it in findings and gives the extension hint. */
    public static SourceDocument read(String file, String content) {
        Objects.requireNonNull(content, "content");
        return read(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a document given as bytes (UTF-8; JSON in UTF-16 or -32 too); never throws for bad content. */
    public static SourceDocument read(String file, byte[] content) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        String ext = extension(file);
        if (content.length > MAX_SOURCE_BYTES) {
            return failed(file, ext.equals("json") ? SourceFormat.FIS_JSON : SourceFormat.FIS_YAML,
                    "The file is larger than " + MAX_SOURCE_BYTES + " bytes");
        }
        String text = utf8(content);
        if (text == null) {
            // Not UTF-8: a create-experiment-template JSON in UTF-16/32 is the only thing it can be.
            return fisJson(file, content, null);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String trimmed = text.stripLeading();
        boolean yamlName = ext.equals("yaml") || ext.equals("yml");
        if (trimmed.startsWith("{") || trimmed.startsWith("[") || (ext.equals("json") && !yamlName)) {
            TreeReader.Parsed parsed = TreeReader.json(text);
            if (parsed.root() == null && yamlName) {
                return fromTree(file, TreeReader.yaml(text), true, content);
            }
            if (parsed.root() == null) {
                return fisJson(file, content, null); // the validator names the syntax error, as it always has
            }
            return fromTree(file, parsed, false, content); // CloudFormation or Terraform keep their own problems
        }
        return fromTree(file, TreeReader.yaml(text), true, content);
    }

    private static SourceDocument fromTree(String file, TreeReader.Parsed parsed, boolean yaml, byte[] raw) {
        try {
            return mapped(file, parsed, yaml, raw);
        } catch (RuntimeException | StackOverflowError e) {
            StackTraceElement[] trace = e.getStackTrace();
            return new SourceDocument(file, yaml ? SourceFormat.FIS_YAML : SourceFormat.FIS_JSON, List.of(),
                    List.of(new SourceFinding(Level.ERROR, "internal", "The template reader failed (a bug; please "
                            + "report it): " + e + (trace.length > 0 ? " at " + trace[0] : ""), file, null, "", 0, 0,
                            null)));
        }
    }

    private static SourceDocument mapped(String file, TreeReader.Parsed parsed, boolean yaml, byte[] raw) {
        JsonNode root = parsed.root();
        SourceFormat guess = yaml ? SourceFormat.FIS_YAML : SourceFormat.FIS_JSON;
        if (root != null && TerraformReader.isTerraform(root)) {
            SourceFormat f = TerraformReader.isPlan(root) ? SourceFormat.TERRAFORM_PLAN : SourceFormat.TERRAFORM_STATE;
            List<SourceTemplate> ts = new TerraformReader(root, file, f, parsed.locations()).templates();
            return named(file, f, ts, parsed, "no " + TerraformReader.FIS_TYPE + " resource");
        }
        if (root != null && CloudFormationReader.isCloudFormation(root)) {
            SourceFormat f = yaml ? SourceFormat.CLOUDFORMATION_YAML
                    : CloudFormationReader.isCdk(root) ? SourceFormat.CDK : SourceFormat.CLOUDFORMATION_JSON;
            List<SourceTemplate> ts = new CloudFormationReader(root, file, f, parsed.locations()).templates();
            return named(file, f, ts, parsed, "no " + CloudFormationReader.FIS_TYPE + " resource");
        }
        if (!yaml) {
            return fisJson(file, raw, parsed.locations());
        }
        if (root == null || !parsed.ok()) {
            return new SourceDocument(file, guess, List.of(), place(file, parsed));
        }
        String json;
        try {
            json = JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        SourceTemplate t = new SourceTemplate(file, SourceFormat.FIS_YAML, null, "", json, null, null,
                parsed.locations(), UnaryOperator.identity());
        return new SourceDocument(file, SourceFormat.FIS_YAML, List.of(t), List.of());
    }

    private static SourceDocument named(String file, SourceFormat f, List<SourceTemplate> ts, TreeReader.Parsed p,
            String none) {
        List<SourceFinding> findings = place(file, p);
        if (ts.isEmpty()) {
            findings = new ArrayList<>(findings);
            findings.add(new SourceFinding(Level.ERROR, "source.no-templates", "This " + f.displayName()
                    + " file declares " + none + ", so there is no experiment template to check", file, null, "", 0,
                    0, null));
        }
        return new SourceDocument(file, f, ts, findings);
    }

    private static SourceDocument fisJson(String file, byte[] raw, Locations locations) {
        SourceTemplate t = new SourceTemplate(file, SourceFormat.FIS_JSON, null, "",
                new String(raw, StandardCharsets.UTF_8), raw, null, locations, UnaryOperator.identity());
        return new SourceDocument(file, SourceFormat.FIS_JSON, List.of(t), List.of());
    }

    private static SourceDocument failed(String file, SourceFormat f, String message) {
        return new SourceDocument(file, f, List.of(), List.of(new SourceFinding(Level.ERROR, "source.too-large",
                message, file, null, "", 0, 0, null)));
    }

    private static List<SourceFinding> place(String file, TreeReader.Parsed p) {
        List<SourceFinding> out = new ArrayList<>();
        for (Note n : p.notes()) {
            int line = n.line();
            int col = n.column();
            if (line <= 0) {
                int[] at = p.locations().find(n.sourcePointer());
                line = at[0];
                col = at[1];
            }
            out.add(new SourceFinding(n.level(), n.code(), n.message(), file, null, n.sourcePointer(), line, col,
                    null));
        }
        return out;
    }

    /**
     * Whether a document read from a folder scan looks like an experiment template at all (a YAML file there may be
     * anything, e.g. a CI workflow): CloudFormation or Terraform with templates, or FIS members at the top level.
     */
    public static boolean looksLikeTemplate(SourceDocument doc) {
        if (doc.format() != SourceFormat.FIS_YAML) {
            return doc.format() == SourceFormat.FIS_JSON || !doc.templates().isEmpty();
        }
        if (doc.templates().isEmpty()) {
            return false;
        }
        try {
            JsonNode root = JSON.readTree(doc.templates().get(0).json());
            if (!root.isObject()) {
                return false;
            }
            for (String name : FIS_MEMBERS) {
                if (root.has(name)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String extension(String file) {
        String name = file.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
