package dev.fisengine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.api.validation.Severity;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationMode;
import dev.fisengine.engine.validation.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fis validate [--strict-aws] [--json] PATH...}: validates FIS experiment templates (the JSON that
 * {@code aws fis create-experiment-template --cli-input-json} takes) against the plugins on the classpath.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Validate FIS experiment templates offline (files, or folders searched recursively for *.json).",
            "Exit code: 0 all valid, 1 a template has errors, 2 usage or I/O error. Warnings do not fail."
        })
final class ValidateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--strict-aws",
            description = "Accept exactly what the managed AWS FIS accepts (e.g. service only ec2 or kinesis, "
                    + "AWS minimum durations, no fisengine: extensions). Default: what this engine runs.")
    boolean strictAws;

    @Option(names = "--json", description = "Print a JSON array of {file, valid, findings} instead of lines.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Template files or folders.")
    List<Path> paths = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** One file's outcome in the {@code --json} output. */
    record FileReport(String file, boolean valid, List<FindingReport> findings) {}

    /** One finding in the {@code --json} output. */
    record FindingReport(String severity, String code, String path, String message) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>();
        boolean usageError = false;
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> found = jsonFiles(p);
                if (found.isEmpty()) {
                    err.println("fis validate: no *.json files in folder " + p);
                    usageError = true;
                }
                files.addAll(found);
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
        for (Path file : files) {
            ValidationResult result;
            try (InputStream in = Files.newInputStream(file)) {
                result = validator.validateJson(in);
            } catch (IOException | UncheckedIOException e) {
                err.println("fis validate: cannot read " + file + ": " + e.getMessage());
                ioError = true;
                continue;
            }
            List<FindingReport> findings = new ArrayList<>();
            for (Finding f : result.findings()) {
                findings.add(new FindingReport(f.severity().name(), f.code(), f.path(), f.message()));
                if (f.severity() == Severity.ERROR) {
                    errors++;
                } else {
                    warnings++;
                }
                if (!json) {
                    out.println(file + ": " + (f.path().isEmpty() ? "/" : f.path()) + ": "
                            + f.severity().name().toLowerCase(Locale.ROOT) + ": " + f.message() + " [" + f.code() + "]");
                }
            }
            if (!result.valid()) {
                invalid++;
            }
            reports.add(new FileReport(file.toString(), result.valid(), findings));
        }
        if (json) {
            out.println(JSON.writeValueAsString(reports));
        } else {
            out.println(String.format(Locale.ROOT, "%d %s checked: %d valid, %d invalid (%d %s, %d %s)%s",
                    reports.size(), reports.size() == 1 ? "template" : "templates", reports.size() - invalid, invalid,
                    errors, errors == 1 ? "error" : "errors", warnings, warnings == 1 ? "warning" : "warnings",
                    strictAws ? " [strict-aws]" : ""));
        }
        out.flush();
        if (ioError) {
            return FisCli.USAGE;
        }
        return invalid > 0 ? FisCli.FINDINGS : FisCli.OK;
    }

    private static List<Path> jsonFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }
}
