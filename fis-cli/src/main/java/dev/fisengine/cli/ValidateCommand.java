package dev.fisengine.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.source.SourceDocument;
import dev.fisengine.engine.source.SourceFinding;
import dev.fisengine.engine.source.SourceFormat;
import dev.fisengine.engine.source.SourceTemplate;
import dev.fisengine.engine.source.SourceValidation;
import dev.fisengine.engine.source.TemplateSources;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fis validate [--strict-aws] [--json] PATH...}: validates FIS experiment templates offline against the plugins
 * on the classpath, wherever they are kept: create-experiment-template JSON or YAML, CloudFormation templates (JSON,
 * YAML, CDK output) and {@code terraform show -json} output. The format is detected from the content.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Validate FIS experiment templates offline: create-experiment-template JSON or YAML, CloudFormation "
                    + "(JSON, YAML, CDK output) or terraform show -json output (files, or folders searched "
                    + "recursively for *.json, *.yaml, *.yml, *.template).",
            "Exit code: 0 all valid, 1 a template has errors, 2 usage or I/O error. Warnings and info do not fail."
        })
final class ValidateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> EXTENSIONS = Set.of("json", "yaml", "yml", "template");

    @Option(names = "--strict-aws",
            description = "Accept exactly what the managed AWS FIS accepts (e.g. service only ec2 or kinesis, "
                    + "AWS minimum durations, no fisengine: extensions). Default: what this engine runs.")
    boolean strictAws;

    @Option(names = "--json", description = "Print a JSON array of {file, format, template, valid, findings} instead "
            + "of lines (one entry per experiment template).")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Template files or folders.")
    List<Path> paths = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** One template's outcome in the {@code --json} output. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileReport(String file, String format, String template, boolean valid, List<FindingReport> findings) {}

    /**
     * One finding in the {@code --json} output: {@code path} is the JSON Pointer in the create-experiment-template
     * document; {@code resource}, {@code sourcePath}, {@code line} and {@code column} point into the file.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FindingReport(String severity, String code, String path, String message, String resource,
            String sourcePath, Integer line, Integer column) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>();
        List<Path> scanned = new ArrayList<>();
        boolean usageError = false;
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> found = templateFiles(p);
                if (found.isEmpty()) {
                    err.println("fis validate: no *.json files, nor *.yaml, *.yml or *.template, in folder " + p);
                    usageError = true;
                }
                files.addAll(found);
                scanned.addAll(found);
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                err.println("fis validate: no such file or folder: " + p);
                usageError = true;
            }
        }
        if (usageError) {
            return FisCli.USAGE;
        }
        TemplateValidator validator = TemplateValidator.create(Plugins.discovered(),
                strictAws ? ValidationMode.STRICT_AWS : ValidationMode.EMBEDDED);
        List<FileReport> reports = new ArrayList<>();
        boolean ioError = false;
        int invalid = 0;
        int errors = 0;
        int warnings = 0;
        int skipped = 0;
        for (Path file : files) {
            SourceDocument doc;
            try {
                doc = TemplateSources.read(file);
            } catch (IOException | UncheckedIOException e) {
                err.println("fis validate: cannot read " + file + ": " + e.getMessage());
                ioError = true;
                continue;
            }
            if (scanned.contains(file) && !TemplateSources.looksLikeTemplate(doc) && !doc.failed()) {
                skipped++;
                continue; // a YAML file in a folder that is no experiment template (a CI workflow...)
            }
            if (scanned.contains(file) && doc.templates().isEmpty() && doc.format().named()) {
                skipped++;
                continue; // a CloudFormation or Terraform file without FIS resources, found by a folder scan
            }
            boolean lines = doc.format() != SourceFormat.FIS_JSON;
            if (!json && lines) {
                out.println(file + ": " + doc.format().displayName() + ", " + count(doc.templates().size(),
                        "experiment template") + names(doc));
            }
            List<List<SourceFinding>> perTemplate = new ArrayList<>();
            List<SourceTemplate> templates = new ArrayList<>();
            if (!doc.findings().isEmpty() || doc.templates().isEmpty()) {
                perTemplate.add(doc.findings());
                templates.add(null);
            }
            for (SourceTemplate t : doc.templates()) {
                SourceValidation v = t.validate(validator);
                perTemplate.add(v.findings());
                templates.add(t);
            }
            for (int i = 0; i < perTemplate.size(); i++) {
                List<SourceFinding> fs = perTemplate.get(i);
                SourceTemplate t = templates.get(i);
                boolean valid = true;
                List<FindingReport> findings = new ArrayList<>();
                for (SourceFinding f : fs) {
                    switch (f.level()) {
                        case ERROR -> {
                            errors++;
                            valid = false;
                        }
                        case WARNING -> warnings++;
                        default -> { }
                    }
                    findings.add(new FindingReport(f.level().name(), f.code(),
                            f.templatePath() != null ? f.templatePath() : f.sourcePath(), f.message(),
                            f.resource(), lines ? f.sourcePath() : null,
                            f.line() > 0 ? f.line() : null, f.column() > 0 ? f.column() : null));
                    if (!json) {
                        out.println(lines ? f.toString()
                                : file + ": " + (f.sourcePath().isEmpty() ? "/" : f.sourcePath()) + ": "
                                        + f.level().name().toLowerCase(Locale.ROOT) + ": " + f.message() + " ["
                                        + f.code() + "]");
                    }
                }
                if (t == null && fs.isEmpty()) {
                    continue;
                }
                if (!valid) {
                    invalid++;
                }
                reports.add(new FileReport(file.toString(), lines ? doc.format().name() : null,
                        t == null ? null : t.name(), valid, findings));
            }
        }
        if (json) {
            out.println(JSON.writeValueAsString(reports));
        } else {
            out.println(String.format(Locale.ROOT, "%s checked: %d valid, %d invalid (%d %s, %d %s)%s%s",
                    count(reports.size(), "template"), reports.size() - invalid, invalid,
                    errors, errors == 1 ? "error" : "errors", warnings, warnings == 1 ? "warning" : "warnings",
                    skipped == 0 ? "" : "; " + skipped + " other " + (skipped == 1 ? "file" : "files") + " skipped",
                    strictAws ? " [strict-aws]" : ""));
        }
        out.flush();
        if (ioError) {
            return FisCli.USAGE;
        }
        return invalid > 0 ? FisCli.FINDINGS : FisCli.OK;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String names(SourceDocument doc) {
        if (doc.templates().isEmpty() || !doc.format().named()) {
            return "";
        }
        return " (" + String.join(", ", doc.templates().stream().map(SourceTemplate::name).toList()) + ")";
    }

    private static List<Path> templateFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        int dot = n.lastIndexOf('.');
                        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
                    })
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }
}
