package dev.fisengine.engine.source;

import dev.fisengine.api.validation.Finding;
import dev.fisengine.api.validation.Severity;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationResult;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One experiment template read from a source file: a create-experiment-template document, or one
 * {@code AWS::FIS::ExperimentTemplate} resource of a CloudFormation template, or one
 * {@code aws_fis_experiment_template} of a Terraform plan or state, mapped to the FIS model. Immutable.
 */
public final class SourceTemplate {
    private final String file;
    private final SourceFormat format;
    private final String name;
    private final String resourcePointer;
    private final String json;
    private final byte[] rawJson;
    private final Map<String, String> fisToSource;
    private final Set<String> placeholders;
    private final List<Note> notes;
    private final Locations locations;
    private final UnaryOperator<String> memberName;

    SourceTemplate(String file, SourceFormat format, String name, String resourcePointer, String json, byte[] rawJson,
            Mapping mapping, Locations locations, UnaryOperator<String> memberName) {
        this.file = file;
        this.format = format;
        this.name = name;
        this.resourcePointer = resourcePointer;
        this.json = json;
        this.rawJson = rawJson;
        this.fisToSource = mapping == null ? Map.of() : Map.copyOf(mapping.fisToSource());
        this.placeholders = mapping == null ? Set.of() : Set.copyOf(mapping.placeholders());
        this.notes = mapping == null ? List.of() : List.copyOf(mapping.notes());
        this.locations = locations;
        this.memberName = memberName;
    }

    /** The file as given to {@link TemplateSources}. */
    public String file() {
        return file;
    }

    public SourceFormat format() {
        return format;
    }

    /** The CloudFormation logical id or the Terraform address; {@code null} for a create-experiment-template file. */
    public String name() {
        return name;
    }

    /** The equivalent create-experiment-template JSON (the file's own text for {@link SourceFormat#FIS_JSON}). */
    public String json() {
        return json;
    }

    /** What reading the template found: unresolved intrinsics (info) and source-level problems (errors). */
    public List<SourceFinding> findings() {
        List<SourceFinding> out = new ArrayList<>();
        for (Note n : notes) {
            out.add(place(n));
        }
        return out;
    }

    /**
     * Validates the template with this validator and points every finding into the source. A validator finding on a
     * value known only at deploy time (a placeholder) is reported as {@link SourceFinding.Level#INFO}, never as an
     * error. Never throws.
     */
    public SourceValidation validate(TemplateValidator validator) {
        Objects.requireNonNull(validator, "validator");
        ValidationResult result = rawJson != null
                ? validator.validateJson(new ByteArrayInputStream(rawJson))
                : validator.validateJson(json);
        List<SourceFinding> findings = findings();
        List<Finding> accepted = new ArrayList<>();
        for (Finding f : result.findings()) {
            String placeholder = placeholderOf(f.path());
            if (placeholder != null) {
                findings.add(place(Note.of(SourceFinding.Level.INFO, f.code(), sourcePointer(f.path()), f.path(),
                        "Not judged offline, the value is known only at deploy time (checked with a placeholder: "
                                + f.message() + ")")));
                continue;
            }
            accepted.add(f);
            SourceFinding.Level level = f.severity() == Severity.ERROR
                    ? SourceFinding.Level.ERROR : SourceFinding.Level.WARNING;
            findings.add(place(Note.of(level, f.code(), sourcePointer(f.path()), f.path(), f.message())));
        }
        return new SourceValidation(this, new ValidationResult(accepted, result.template()), findings);
    }

    private String placeholderOf(String fisPath) {
        for (String p : placeholders) {
            if (fisPath.equals(p) || fisPath.startsWith(p + "/")) {
                return p;
            }
        }
        return null;
    }

    /** The absolute source pointer of a template pointer: the nearest mapped ancestor, then the member names. */
    String sourcePointer(String fisPath) {
        if (fisToSource.isEmpty()) {
            return fisPath;
        }
        String p = fisPath;
        StringBuilder rest = new StringBuilder();
        while (true) {
            String src = fisToSource.get(p);
            if (src != null) {
                return src + rest;
            }
            if (p.isEmpty()) {
                return resourcePointer + rest;
            }
            int slash = p.lastIndexOf('/');
            rest.insert(0, "/" + memberName.apply(p.substring(slash + 1)));
            p = p.substring(0, slash);
        }
    }

    SourceFinding place(Note n) {
        int line = n.line();
        int column = n.column();
        if (line <= 0 && locations != null) {
            int[] at = locations.find(n.sourcePointer());
            line = at[0];
            column = at[1];
        }
        String inResource = n.sourcePointer().startsWith(resourcePointer)
                ? n.sourcePointer().substring(resourcePointer.length()) : n.sourcePointer();
        return new SourceFinding(n.level(), n.code(), n.message(), file, name, inResource, line, column,
                n.templatePath());
    }

    @Override
    public String toString() {
        return file + (name == null ? "" : " " + name) + " (" + format.displayName() + ")";
    }
}
