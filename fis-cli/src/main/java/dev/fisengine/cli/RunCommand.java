package dev.fisengine.cli;

import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentStateChange;
import dev.fisengine.api.exception.FisException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.ExperimentPlan;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Slf4jExperimentLogSink;
import dev.fisengine.engine.source.SourceDocument;
import dev.fisengine.engine.source.SourceFinding;
import dev.fisengine.engine.source.SourceFormat;
import dev.fisengine.engine.source.SourceTemplate;
import dev.fisengine.engine.source.SourceValidation;
import dev.fisengine.engine.source.TemplateSources;
import dev.fisengine.engine.validation.ValidationMode;
import dev.fisengine.api.model.ExperimentSummary;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fis run [--json-log] [--seed N] [--dry-run] TEMPLATE}: runs one experiment in-process with the plugins on the
 * classpath,
 * printing a live timeline (one line per state change) or the FIS log records as JSON lines. Exit code 0 when the
 * experiment completed, 1 when it ended otherwise (stopped, failed, cancelled) or the template is invalid, 2 on
 * usage or I/O errors, and 130 when interrupted (Ctrl-C stops the experiment and reverts what it armed first). With
 * {@code --dry-run} it resolves the targets and prints what each action would call, starting nothing: exit code 0
 * when every target resolved and every action could be planned, 1 otherwise.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run a FIS experiment template in-process and print its timeline.",
            "Exit code: 0 completed, 1 stopped/failed/cancelled or invalid template, 2 usage or I/O error,"
                    + " 130 interrupted (the experiment is stopped and reverted first)."
        })
final class RunCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Duration MAX_RUN = Duration.ofHours(13); // above FIS's 12 h experiment quota

    @Option(names = "--json-log", description = "Print the FIS experiment log (schema v2), one JSON record a line.")
    boolean jsonLog;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for target selection (COUNT/PERCENT) and fault percentages, for repeatable runs.")
    Long seed;

    @Option(names = "--strict-aws", description = "Validate the template as the managed AWS FIS would first.")
    boolean strictAws;

    @Option(names = "--template", paramLabel = "NAME",
            description = "Which experiment template of the file to run: a CloudFormation logical id or a Terraform "
                    + "address (or its last part). Needed when the file declares more than one.")
    String templateName;

    @Option(names = "--allow-aws",
            description = "Allow infrastructure actions to change resources on real AWS endpoints (*.amazonaws.com...)."
                    + " Without it they run only against endpoint overrides such as moto or LocalStack.")
    boolean allowAws;

    @Option(names = "--dry-run",
            description = "Resolve the targets and print what each action would call, without calling it: no "
                    + "experiment starts, nothing is armed or changed. Exit code 0 when everything resolved.")
    boolean dryRun;

    @Option(names = "--assume-role",
            description = "Infrastructure actions and resolvers assume the template's roleArn through STS, as AWS FIS "
                    + "does, instead of using the caller's credentials.")
    boolean assumeRole;

    @Parameters(arity = "1", paramLabel = "TEMPLATE", description = "The experiment template: create-experiment-"
            + "template JSON or YAML, a CloudFormation template (JSON, YAML, CDK output) or terraform show -json.")
    Path template;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // The Ctrl-C hook is registered before anything can start, and stops whatever the engine has started (not
        // only the experiment this command has been told about): no JVM exit between here and the experiment's
        // registration can leave it running with its faults armed.
        Interruption interruption = new Interruption(err);
        Thread hook = new Thread(interruption, "fis-run-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(out, err, interruption);
        } finally {
            interruption.finished();
            removeHook(hook);
        }
    }

    private Integer run(PrintWriter out, PrintWriter err, Interruption interruption) throws IOException {
        String json = readTemplate(err);
        if (json == null) {
            return FisCli.USAGE;
        }
        if (json.isEmpty()) { // larger than the limit: reported as a finding, like fis validate does
            return FisCli.FINDINGS;
        }
        SourceDocument doc = TemplateSources.read(template.toString(), json);
        if (doc.failed()) {
            doc.findings().forEach(f -> err.println(f));
            return FisCli.FINDINGS;
        }
        SourceTemplate source;
        try {
            source = doc.template(templateName);
        } catch (IllegalArgumentException e) {
            err.println("fis run: " + e.getMessage() + " (--template NAME)");
            return FisCli.USAGE;
        }
        FisEngine.Builder builder = FisEngine.builder()
                .options(EngineOptions.defaults().toBuilder()
                        .validationMode(strictAws ? ValidationMode.STRICT_AWS : ValidationMode.EMBEDDED)
                        .shutdownHook(false) // this command's own hook stops and reverts, then reports
                        .build())
                .slf4jLog(false);
        if (seed != null) {
            builder.seed(seed);
        }
        if (allowAws || assumeRole) {
            builder.component(dev.fisengine.aws.infra.InfraSettings.class,
                    dev.fisengine.aws.infra.InfraSettings.fromEnvironment().toBuilder().allowRealAws(allowAws)
                            .assumeRole(assumeRole).build());
        }
        if (jsonLog) {
            builder.logSink(r -> print(out, Slf4jExperimentLogSink.toJson(r)));
        } else {
            builder.logSink(r -> timelineForAction(out, r));
            builder.listener(c -> timelineForExperiment(out, c));
        }
        try (FisEngine engine = builder.build()) {
            if (!interruption.attach(engine)) {
                return INTERRUPTED; // the JVM is already shutting down: start nothing
            }
            ExperimentTemplate created;
            SourceValidation checked = source.validate(engine.validator());
            for (SourceFinding f : checked.findings()) {
                if (f.level() != SourceFinding.Level.ERROR && doc.format() != SourceFormat.FIS_JSON) {
                    err.println(f); // what was assumed: placeholders for values known only at deploy time
                }
            }
            try {
                created = engine.createExperimentTemplate(source);
            } catch (ValidationException e) {
                for (SourceFinding f : checked.errors()) {
                    err.println(doc.format() == SourceFormat.FIS_JSON
                            ? template + ": " + (f.sourcePath().isEmpty() ? "/" : f.sourcePath()) + ": "
                                    + f.message() + " [" + f.code() + "]"
                            : f.toString());
                }
                if (checked.errors().isEmpty()) {
                    err.println(template + ": " + e.getMessage());
                }
                return FisCli.FINDINGS;
            }
            if (dryRun) {
                ExperimentPlan plan = engine.planExperiment(created.id());
                print(out, "dry run of " + template + ": nothing is started, armed or changed");
                plan.lines().forEach(l -> print(out, l));
                return plan.ok() ? FisCli.OK : FisCli.FINDINGS;
            }
            try {
                Experiment started = engine.startExperiment(created.id());
                Experiment ended = engine.awaitExperiment(started.id(), MAX_RUN);
                return ended.state().status() == ExperimentStatus.COMPLETED ? FisCli.OK : FisCli.FINDINGS;
            } catch (FisException e) {
                err.println("fis run: " + e.errorCode() + ": " + FisCli.describe(e));
                return FisCli.FINDINGS;
            }
        }
    }

    /**
     * The template's text; {@code null} after a usage error (missing, a folder, unreadable, not UTF-8), or the empty
     * string after reporting that it is larger than the validator's limit.
     */
    private String readTemplate(PrintWriter err) throws IOException {
        if (Files.isDirectory(template)) {
            err.println("fis run: " + template + ": is a directory; give one template file (fis validate takes "
                    + "folders)");
            return null;
        }
        if (!Files.isRegularFile(template)) {
            err.println("fis run: " + template + ": no such file");
            return null;
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(template)) {
            bytes = in.readNBytes(TemplateValidator.MAX_INPUT_BYTES + 1); // never more, whatever the file's size
        }
        if (bytes.length > TemplateValidator.MAX_INPUT_BYTES) {
            ValidationResult tooLarge = TemplateValidator.create(Plugins.builder().build(), ValidationMode.EMBEDDED)
                    .validateJson(new ByteArrayInputStream(bytes));
            for (Finding f : tooLarge.findings()) {
                err.println(template + ": " + f);
            }
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            err.println("fis run: " + template + ": is not UTF-8 text (" + FisCli.describe(e) + ")");
            return null;
        }
    }

    /** Exit code when the JVM is shut down (Ctrl-C) while the command runs: 128 + SIGINT. */
    static final int INTERRUPTED = 130;

    /**
     * The command's JVM shutdown hook (Ctrl-C). Registered before the template is read; once the engine is attached,
     * it stops every experiment the engine has started (whether or not the command has seen its id yet), then closes
     * the engine, which stops anything started meanwhile and waits for the reverts, and reports each experiment. Starting and closing are atomic in the engine
     * (both under its lock), so an experiment either starts before the close and is stopped by it, or never starts.
     */
    static final class Interruption implements Runnable {
        private final PrintWriter err;
        private FisEngine engine; // guarded by this
        private boolean shuttingDown; // guarded by this
        private boolean finished; // guarded by this

        Interruption(PrintWriter err) {
            this.err = err;
        }

        /** Hands the engine to the hook; {@code false} if the hook has already run (start nothing then). */
        synchronized boolean attach(FisEngine engine) {
            if (shuttingDown) {
                return false;
            }
            this.engine = engine;
            return true;
        }

        /** The command has ended normally: the hook has nothing left to do. */
        synchronized void finished() {
            finished = true;
        }

        @Override
        public void run() {
            FisEngine e;
            synchronized (this) {
                shuttingDown = true;
                if (finished || engine == null) {
                    return;
                }
                e = engine;
            }
            for (ExperimentSummary x : e.listExperiments().items()) {
                if (!x.state().status().isTerminal()) {
                    try {
                        e.stopExperiment(x.id()); // returns when its reverts have run
                    } catch (RuntimeException endedMeanwhile) {
                        // ended on its own, or the engine is closing: close() below covers it
                    }
                }
            }
            e.close(); // and whatever started after the listing: stopped, its reverts awaited (bounded)
            List<String> ids = e.listExperiments().items().stream().map(ExperimentSummary::id).toList();
            for (String id : ids) {
                try {
                    Experiment x = e.getExperiment(id);
                    err.println("fis run: interrupted; experiment " + id + " " + x.state().status().wireName()
                            + (x.state().status() == ExperimentStatus.STOPPED
                                    ? ", everything it armed was reverted" : ""));
                } catch (RuntimeException ex) {
                    err.println("fis run: interrupted; experiment " + id + ": " + FisCli.describe(ex));
                }
            }
            err.flush();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting (Ctrl-C): the hook runs and reports
        }
    }

    private static void timelineForExperiment(PrintWriter out, ExperimentStateChange change) {
        ExperimentStateChange.State s = change.detail().newState();
        print(out, TIME.format(change.time()) + "  experiment " + change.detail().experimentId() + "  "
                + s.status() + (s.reason() == null ? "" : ": " + s.reason()));
    }

    private static void timelineForAction(PrintWriter out, ExperimentLogRecord r) {
        Map<String, Object> d = r.details();
        String line = switch (r.logType()) {
            case "action-start" -> "action " + d.get("action_name") + " (" + d.get("action_id") + ")  running";
            case "action-end" -> "action " + d.get("action_name") + "  " + state(d.get("action_state"))
                    + (d.containsKey("attempts_matched") ? "  (" + d.get("attempts_matched") + " attempts matched, "
                            + d.get("faults_injected") + " faults injected)" : "");
            case "target-resolution-detail" -> "target " + d.get("target_name") + " (" + d.get("target_type")
                    + ")  " + d.get("resolved_targets_count") + " resolved, " + d.get("status");
            default -> null;
        };
        if (line != null) {
            print(out, r.eventTimestamp().substring(11).replace("Z", "") + "  " + line);
        }
    }

    private static String state(Object actionState) {
        if (actionState instanceof Map<?, ?> m) {
            Object reason = m.get("reason");
            return m.get("status") + (reason == null ? "" : ": " + reason);
        }
        return String.valueOf(actionState);
    }

    private static void print(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
