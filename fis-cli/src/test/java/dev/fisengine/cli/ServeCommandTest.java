package dev.fisengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.server.DataDirStore;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateActionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateStopConditionInput;
import software.amazon.awssdk.services.fis.model.ExperimentStatus;

/** {@code fis serve} in a child JVM: serves on loopback, and SIGTERM stops every experiment before it exits. */
class ServeCommandTest {
    private static final Pattern ENDPOINT = Pattern.compile("FIS API on (http://\\S+) ");

    @Test
    void servesOnLoopbackAndStopsEveryExperimentOnSigterm() throws Exception {
        Child c = Child.start("--port", "0");
        Process p = c.process();
        List<String> lines = c.lines();
        try {
            URI endpoint = c.endpoint();
            assertThat(endpoint).as(lines.toString()).isNotNull();
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("any well-formed SigV4 signature"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("memory only"));

            String experimentId;
            try (FisClient fis = c.client()) {
                String templateId = fis.createExperimentTemplate(r -> r.description("serve")
                        .roleArn("arn:aws:iam::123456789012:role/fis")
                        .stopConditions(CreateExperimentTemplateStopConditionInput.builder().source("none").build())
                        .actions(Map.of("wait", CreateExperimentTemplateActionInput.builder()
                                .actionId("aws:fis:wait").parameters(Map.of("duration", "PT10M")).build())))
                        .experimentTemplate().id();
                experimentId = fis.startExperiment(r -> r.experimentTemplateId(templateId)).experiment().id();
                assertThat(fis.getExperiment(r -> r.id(experimentId)).experiment().state().status())
                        .isIn(ExperimentStatus.INITIATING, ExperimentStatus.RUNNING);
            }
            p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String line;
            while ((line = c.out().readLine()) != null) {
                lines.add(line);
            }
            assertThat(lines).anySatisfy(l -> assertThat(l)
                    .contains("1 experiment(s) stopped and reverted [" + experimentId + "]"));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void badCredentialsAndABusyPortAreUsageErrors() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(FisCli.execute(new String[] {"serve", "--port", "0", "--credentials", "no-colon"}, out, err))
                .isEqualTo(FisCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ACCESS_KEY_ID:SECRET");
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            err.reset();
            assertThat(FisCli.execute(new String[] {"serve", "--port", "" + busy.getLocalPort()}, out, err))
                    .isEqualTo(FisCli.USAGE);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("fis serve:").doesNotContain("\tat ");
        }
    }

    /** A child {@code fis serve} and the lines it printed up to its endpoint. */
    private record Child(Process process, BufferedReader out, URI endpoint, List<String> lines) {
        static Child start(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), FisCli.class.getName(), "serve"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            URI endpoint = null;
            for (int i = 0; i < 50 && endpoint == null; i++) {
                String line = out.readLine();
                assertThat(line).as("fis serve output so far: " + lines).isNotNull();
                lines.add(line);
                Matcher m = ENDPOINT.matcher(line);
                if (m.find()) {
                    endpoint = URI.create(m.group(1));
                }
            }
            for (int i = 0; i < 3; i++) {
                lines.add(out.readLine());
            }
            return new Child(p, out, endpoint, lines);
        }

        FisClient client() {
            return FisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                    .httpClient(Apache5HttpClient.create()).build();
        }
    }

    @Test
    void withADataDirTemplatesTagsAndHistorySurviveSigkill(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("fis-data");
        List<String> templateIds = new ArrayList<>();
        String stoppedId;
        String runningId;
        Child first = Child.start("--port", "0", "--data-dir", data.toString());
        try (FisClient fis = first.client()) {
            assertThat(first.lines()).anySatisfy(l -> assertThat(l).contains("data in " + data.toAbsolutePath()
                    .resolve(DataDirStore.FILE_NAME), "0 template(s) and 0 experiment(s) restored"));
            for (int i = 0; i < 3; i++) {
                int n = i;
                templateIds.add(fis.createExperimentTemplate(r -> r.description("kept " + n)
                        .roleArn("arn:aws:iam::123456789012:role/fis").tags(Map.of("n", "" + n))
                        .stopConditions(CreateExperimentTemplateStopConditionInput.builder().source("none").build())
                        .actions(Map.of("wait", CreateExperimentTemplateActionInput.builder()
                                .actionId("aws:fis:wait").parameters(Map.of("duration", "PT10M")).build())))
                        .experimentTemplate().id());
            }
            stoppedId = fis.startExperiment(r -> r.experimentTemplateId(templateIds.get(0))).experiment().id();
            fis.stopExperiment(r -> r.id(stoppedId));
            runningId = fis.startExperiment(r -> r.experimentTemplateId(templateIds.get(1))).experiment().id();
            for (int i = 0; i < 200 && fis.getExperiment(r -> r.id(runningId)).experiment().state().status()
                    != ExperimentStatus.RUNNING; i++) {
                Thread.onSpinWait(); // each round is an HTTP call; bounded
            }
            assertThat(fis.getExperiment(r -> r.id(runningId)).experiment().state().status())
                    .isEqualTo(ExperimentStatus.RUNNING);
        } finally {
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no engine close
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        Child second = Child.start("--port", "0", "--data-dir", data.toString());
        try (FisClient fis = second.client()) {
            assertThat(second.lines()).anySatisfy(l -> assertThat(l)
                    .contains("3 template(s) and 2 experiment(s) restored"));
            List<String> paged = new ArrayList<>();
            fis.listExperimentTemplatesPaginator(r -> r.maxResults(1)).experimentTemplates()
                    .forEach(t -> paged.add(t.id()));
            assertThat(paged).isEqualTo(templateIds);
            assertThat(fis.listTagsForResource(r -> r.resourceArn("arn:aws:fis:us-east-1:123456789012:"
                    + "experiment-template/" + templateIds.get(2))).tags()).isEqualTo(Map.of("n", "2"));
            assertThat(fis.getExperiment(r -> r.id(stoppedId)).experiment().state().status())
                    .isEqualTo(ExperimentStatus.STOPPED);
            var interrupted = fis.getExperiment(r -> r.id(runningId)).experiment();
            assertThat(interrupted.state().status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(interrupted.state().reason())
                    .startsWith("The engine stopped before the experiment ended");
            second.process().toHandle().destroy(); // SIGTERM: a clean stop
            assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            second.process().destroyForcibly();
        }
    }

    @Test
    void aDataDirThatCannotBeUsedIsAUsageErrorNamingIt(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
        assertThat(FisCli.execute(new String[] {"serve", "--port", "0", "--data-dir", file.toString()}, out, err))
                .isEqualTo(FisCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("fis serve: --data-dir " + file)
                .contains("is not a directory").doesNotContain("\tat ");
        Path corrupt = java.nio.file.Files.createDirectories(dir.resolve("corrupt"));
        java.nio.file.Files.writeString(corrupt.resolve(DataDirStore.FILE_NAME), "garbage\n".repeat(1000));
        err.reset();
        assertThat(FisCli.execute(new String[] {"serve", "--port", "0", "--data-dir", corrupt.toString()}, out, err))
                .isEqualTo(FisCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(corrupt.resolve(DataDirStore.FILE_NAME).toString())
                .contains("cannot be opened").doesNotContain("\tat ");
    }
}
