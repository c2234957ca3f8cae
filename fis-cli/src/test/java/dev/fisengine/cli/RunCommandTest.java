package dev.fisengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.engine.validation.TemplateValidator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fis run}: exit codes, the timeline, the JSON log, and Ctrl-C stopping and reverting. */
class RunCommandTest {
    private static final String TWO_WAITS = """
            {"description": "wait, then wait again",
             "roleArn": "arn:aws:iam::111122223333:role/fis",
             "stopConditions": [{"source": "none"}],
             "targets": {},
             "actions": {
               "First": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT0.2S"}},
               "Second": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT0.2S"}, "startAfter": ["First"]}}}
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return FisCli.execute(args, out, err);
    }

    private Path write(String content) throws IOException {
        Path p = dir.resolve("template.json");
        Files.writeString(p, content);
        return p;
    }

    @Test
    void aCompletedExperimentExitsZeroWithATimelineInOrder() throws IOException {
        assertThat(run("run", write(TWO_WAITS).toString())).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("running: Experiment is running."));
        int firstEnd = indexOf(lines, "action First  completed");
        int secondStart = indexOf(lines, "action Second (aws:fis:wait)  running");
        assertThat(firstEnd).isNotNegative().isLessThan(secondStart);
        assertThat(lines.get(lines.size() - 1)).contains("completed: Experiment completed.");
    }

    @Test
    void dryRunResolvesTargetsPrintsEachActionsPlanAndStartsNothing() throws IOException {
        String template = """
                {"description": "throttle, then a long wait",
                 "roleArn": "arn:aws:iam::111122223333:role/fis",
                 "stopConditions": [{"source": "none"}],
                 "targets": {"App": {"resourceType": "aws:iam:role",
                   "resourceArns": ["arn:aws:iam::111122223333:role/app"], "selectionMode": "ALL"}},
                 "actions": {
                   "Throttle": {"actionId": "aws:fis:inject-api-throttle-error", "targets": {"Roles": "App"},
                     "parameters": {"service": "ec2", "operations": "DescribeInstances", "percentage": "100",
                       "duration": "PT1M"}},
                   "Wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT1H"},
                     "startAfter": ["Throttle"]}}}
                """;
        long t0 = System.nanoTime();
        assertThat(run("run", "--dry-run", write(template).toString())).as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).as("the hour-long wait never ran")
                .isLessThan(30);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).endsWith("template.json: nothing is started, armed or changed");
        assertThat(lines).containsSubsequence(
                "target App (aws:iam:role): 1 resolved",
                "  arn:aws:iam::111122223333:role/app",
                "action Throttle (aws:fis:inject-api-throttle-error)",
                "action Wait (aws:fis:wait) after Throttle",
                "  would start aws:fis:wait with parameters {duration=PT1H} (no targets)");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  would start aws:fis:inject-api-throttle-error"
                + " with parameters {").contains("service=ec2").endsWith(
                "on targets Roles=[arn:aws:iam::111122223333:role/app]"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("running"));
    }

    @Test
    void jsonLogPrintsFisLogRecords() throws IOException {
        assertThat(run("run", "--json-log", "--seed", "7", write(TWO_WAITS).toString())).isZero();
        ObjectMapper json = new ObjectMapper();
        List<String> types = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            JsonNode record = json.readTree(line);
            assertThat(record.get("version").asText()).isEqualTo("2");
            types.add(record.get("log_type").asText());
        }
        assertThat(types).containsExactly("experiment-start", "action-start", "action-end", "action-start",
                "action-end", "experiment-end");
    }

    @Test
    void anActionThatCannotRunFailsTheExperimentAndExitsOne() throws IOException {
        String lambda = TWO_WAITS.replace("\"targets\": {},", """
                "targets": {"F": {"resourceType": "aws:lambda:function", "selectionMode": "ALL",
                  "resourceArns": ["arn:aws:lambda:us-east-1:111122223333:function:orders"]}},""")
                .replace("{\"actionId\": \"aws:fis:wait\", \"parameters\": {\"duration\": \"PT0.2S\"}},",
                        "{\"actionId\": \"aws:lambda:invocation-error\", \"targets\": {\"Functions\": \"F\"},"
                                + " \"parameters\": {\"duration\": \"PT1M\", \"preventExecution\": \"true\"}},");
        assertThat(run("run", write(lambda).toString())).isEqualTo(FisCli.FINDINGS);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("action First  failed: ")
                .contains("cannot run it")
                .contains("failed: ");
    }

    @Test
    void anInvalidTemplateExitsOneNamingTheFinding() throws IOException {
        assertThat(run("run", write(TWO_WAITS.replace("PT0.2S", "PT5X")).toString())).isEqualTo(FisCli.FINDINGS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("/actions/First/parameters/duration").contains("PT5X");
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertThat(run("run", dir.resolve("nope.json").toString())).isEqualTo(FisCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
    }

    @Test
    void aFolderIsNamedAsAFolder() {
        assertThat(run("run", dir.toString())).isEqualTo(FisCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("fis run: " + dir + ": is a directory; give one template file");
    }

    @Test
    void aTemplateLargerThanTheLimitIsAFindingAndIsNotReadWhole() throws IOException {
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[TemplateValidator.MAX_INPUT_BYTES + 10]);
        assertThat(run("run", big.toString())).isEqualTo(FisCli.FINDINGS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(big + ": ")
                .contains("The document is too large (more than 1048576 bytes); the limit is 1048576 bytes");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aFileThatIsNotUtf8IsAUsageErrorNamingTheFile() throws IOException {
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{\"description\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(run("run", latin1.toString())).isEqualTo(FisCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(latin1 + ": is not UTF-8 text");
    }

    @Test
    void anExceptionWithoutAMessageIsDescribedByItsType() {
        assertThat(FisCli.describe(new NullPointerException())).isEqualTo("java.lang.NullPointerException (no message)");
        assertThat(FisCli.describe(new IllegalStateException(" "))).isEqualTo("java.lang.IllegalStateException (no message)");
        assertThat(FisCli.describe(new IllegalStateException("closed"))).isEqualTo("closed");
    }

    /**
     * The Ctrl-C gap: the hook must stop an experiment the engine has started even if the command has not yet seen
     * its id (between {@code startExperiment} registering it and returning). Here the experiment is started on the
     * engine directly, never through the command, and the hook stops it and runs its revert.
     */
    @Test
    void theInterruptHookStopsAnExperimentTheCommandHasNotSeenYetAndRunsItsRevert() {
        AtomicBoolean reverted = new AtomicBoolean();
        StringWriter report = new StringWriter();
        RunCommand.Interruption hook = new RunCommand.Interruption(new PrintWriter(report, true));
        ManualClock clock = new ManualClock();
        try (FisEngine engine = FisEngine.builder()
                .plugins(Plugins.builder().discover(getClass().getClassLoader())
                        .action(new RevertingAction(reverted)).build())
                .options(EngineOptions.builder().shutdownHook(false).safetyLeverSwitch(false).build())
                .clock(clock).slf4jLog(false).build()) {
            assertThat(hook.attach(engine)).isTrue();
            String templateId = engine.createExperimentTemplate(TWO_WAITS.replace("\"aws:fis:wait\", "
                    + "\"parameters\": {\"duration\": \"PT0.2S\"}},", "\"" + RevertingAction.ID
                    + "\", \"parameters\": {\"duration\": \"PT10M\"}},")).id();
            String id = engine.startExperiment(templateId).id();
            clock.awaitIdle(); // started: the action has run its start and registered its revert
            assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.RUNNING);

            hook.run();

            assertThat(engine.isClosed()).isTrue();
            assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.STOPPED);
            assertThat(reverted).as("the action's revert ran").isTrue();
            assertThat(report.toString()).contains("fis run: interrupted; experiment " + id
                    + " stopped, everything it armed was reverted");
        }
    }

    @Test
    void aHookThatRanBeforeTheEngineWasAttachedLetsNothingStart() {
        RunCommand.Interruption hook = new RunCommand.Interruption(new PrintWriter(new StringWriter(), true));
        hook.run(); // the JVM began to exit while the template was being read
        try (FisEngine engine = FisEngine.builder()
                .options(EngineOptions.builder().shutdownHook(false).safetyLeverSwitch(false).build())
                .slf4jLog(false).build()) {
            assertThat(hook.attach(engine)).as("the command must not start anything").isFalse();
        }
    }

    /**
     * Ctrl-C: a real {@code fis run} process gets SIGINT while its first action runs; it stops the experiment
     * (reverting what it armed), says so, and exits 130. Launched through python3 so SIGINT has its default
     * disposition even when the build itself runs in the background (where shells ignore SIGINT).
     */
    @Test
    void ctrlCStopsTheExperimentRevertsAndExits130() throws Exception {
        Path template = write(TWO_WAITS.replace("PT0.2S", "PT10M"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("python3", "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
                java, "-cp", System.getProperty("java.class.path"), FisCli.class.getName(), "run", template.toString())
                .redirectErrorStream(true)
                .start();
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> { // reads on its own thread, so that the wait below really times out
            try (var in = p.inputReader(StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.contains("action First (aws:fis:wait)  running")) {
                        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start()
                                .waitFor(10, TimeUnit.SECONDS);
                    }
                }
            } catch (java.io.IOException | InterruptedException e) {
                output.append("reader: ").append(e).append('\n');
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        reader.join(10_000);
        assertThat(p.exitValue()).as(output.toString()).isEqualTo(130);
        assertThat(output.toString())
                .contains("action First  stopped")
                .contains("stopped: Experiment stopped.")
                .contains("interrupted; experiment ")
                .contains("everything it armed was reverted");
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }
}
