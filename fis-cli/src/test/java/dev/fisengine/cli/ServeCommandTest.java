package dev.fisengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FisCli.class.getName(), "serve", "--port", "0")
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
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
            assertThat(endpoint).as(lines.toString()).isNotNull();
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            lines.add(out.readLine());
            assertThat(lines.get(lines.size() - 1)).contains("any well-formed SigV4 signature");

            String experimentId;
            try (FisClient fis = FisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                    .httpClient(Apache5HttpClient.create()).build()) {
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
            while ((line = out.readLine()) != null) {
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
}
