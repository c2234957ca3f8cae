package dev.fisengine.cli;

import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentStateChange;
import dev.fisengine.api.exception.FisException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Slf4jExperimentLogSink;
import dev.fisengine.engine.validation.ValidationMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fis run [--json-log] [--seed N] TEMPLATE}: runs one experiment in-process with the plugins on the classpath,
 * printing a live timeline (one line per state change) or the FIS log records as JSON lines. Exit code 0 when the
 * experiment completed, 1 when it ended otherwise (stopped, failed, cancelled) or the template is invalid, 2 on
 * usage or I/O errors, and 130 when interrupted (Ctrl-C stops the experiment and reverts what it armed first).
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

    @Option(names = "--allow-aws",
            description = "Allow infrastructure actions to change resources on real AWS endpoints (*.amazonaws.com...)."
                    + " Without it they run only against endpoint overrides such as moto or LocalStack.")
    boolean allowAws;

    @Parameters(arity = "1", paramLabel = "TEMPLATE", description = "The experiment template (JSON file).")
    Path template;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(template)) {
            err.println("fis run: " + template + ": no such file");
            return FisCli.USAGE;
        }
        String json = Files.readString(template);
        FisEngine.Builder builder = FisEngine.builder()
                .options(EngineOptions.defaults().toBuilder()
                        .validationMode(strictAws ? ValidationMode.STRICT_AWS : ValidationMode.EMBEDDED)
                        .shutdownHook(false) // this command's own hook stops and reverts, then reports
                        .build())
                .slf4jLog(false);
        if (seed != null) {
            builder.seed(seed);
        }
        if (allowAws) {
            builder.component(dev.fisengine.aws.infra.InfraSettings.class,
                    dev.fisengine.aws.infra.InfraSettings.fromEnvironment().toBuilder().allowRealAws(true).build());
        }
        if (jsonLog) {
            builder.logSink(r -> print(out, Slf4jExperimentLogSink.toJson(r)));
        } else {
            builder.logSink(r -> timelineForAction(out, r));
            builder.listener(c -> timelineForExperiment(out, c));
        }
        try (FisEngine engine = builder.build()) {
            ExperimentTemplate created;
            try {
                created = engine.createExperimentTemplate(json);
            } catch (ValidationException e) {
                for (Finding f : e.findings()) {
                    err.println(template + ": " + f);
                }
                return FisCli.FINDINGS;
            }
            AtomicReference<String> running = new AtomicReference<>();
            Thread interrupt = new Thread(() -> stopOnInterrupt(engine, running.get(), err), "fis-run-interrupt");
            Runtime.getRuntime().addShutdownHook(interrupt);
            try {
                Experiment started = engine.startExperiment(created.id());
                running.set(started.id());
                Experiment ended = engine.awaitExperiment(started.id(), MAX_RUN);
                running.set(null);
                return ended.state().status() == ExperimentStatus.COMPLETED ? FisCli.OK : FisCli.FINDINGS;
            } catch (FisException e) {
                err.println("fis run: " + e.errorCode() + ": " + e.getMessage());
                return FisCli.FINDINGS;
            } finally {
                removeHook(interrupt);
            }
        }
    }

    /** On Ctrl-C (the JVM's shutdown): stop the experiment, which reverts everything, and say so. */
    private static void stopOnInterrupt(FisEngine engine, String experimentId, PrintWriter err) {
        if (experimentId == null) {
            return;
        }
        try {
            engine.stopExperiment(experimentId);
            Experiment e = engine.getExperiment(experimentId);
            err.println("fis run: interrupted; experiment " + experimentId + " " + e.state().status().wireName()
                    + ", everything it armed was reverted");
        } catch (RuntimeException e) {
            err.println("fis run: interrupted; stopping " + experimentId + " failed: " + e.getMessage());
        }
        err.flush();
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
            case "action-end" -> "action " + d.get("action_name") + "  " + state(d.get("action_state"));
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
