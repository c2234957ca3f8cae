package dev.fisengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateTargetInput;

/**
 * Many JVMs, one experiment, across three JVMs: {@code fis serve} in one child JVM, an application in another
 * ({@link RemoteAppMain}: a real {@code FisClient} with the SDK's default HTTP client and no fault-injection code, only
 * environment variables: {@code FISENGINE_SDK_SERVER}, {@code FISENGINE_SDK_ROLE_ARN} and {@code JAVA_TOOL_OPTIONS}
 * naming the FIS HTTP services), and this test driving the FIS API. An experiment started through
 * the API throttles the application's calls; once {@code StopExperiment} returns, none is throttled any more; a second
 * experiment throttles again, then the server is frozen (SIGSTOP: its connections stay open, nothing more arrives)
 * and the application disarms by itself when its 3 s lease runs out; then the server is killed.
 */
class MultiJvmTest {
    private static final Pattern ENDPOINT = Pattern.compile("FIS API on (http://\\S+) ");
    private static final String APP = "arn:aws:iam::123456789012:role/app";
    private static final long BOUND_SECONDS = 30;

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The lines a child prints, read on a daemon thread. */
    private static BlockingQueue<String> lines(Process p) {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    q.add(line);
                }
            } catch (java.io.IOException e) {
                // the child is gone
            }
        }, "child-output");
        t.setDaemon(true);
        t.start();
        return q;
    }

    /** Reads lines until one starts with {@code prefix} (bounded); returns it. */
    private static String until(BlockingQueue<String> q, String prefix, List<String> seen) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = q.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line starting with \"" + prefix + "\" within " + BOUND_SECONDS + " s; last lines: "
                + seen.subList(Math.max(0, seen.size() - 20), seen.size()));
    }

    private static void send(Process p, String command) throws java.io.IOException {
        OutputStream in = p.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @Test
    void anExperimentThrottlesAnotherJvmUntilItStopsAndALostServerDisarmsItWithinTheLease() throws Exception {
        Process server = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                FisCli.class.getName(), "serve", "--port", "0").redirectErrorStream(true).start();
        Process app = null;
        try {
            BlockingQueue<String> serverOut = lines(server);
            List<String> serverSeen = new ArrayList<>();
            Matcher m = ENDPOINT.matcher(until(serverOut, "fis serve: FIS API on", serverSeen));
            assertThat(m.find()).isTrue();
            URI endpoint = URI.create(m.group(1));

            ProcessBuilder pb = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                    RemoteAppMain.class.getName()).redirectErrorStream(true);
            pb.environment().put("FISENGINE_SDK_SERVER", endpoint.toString());
            pb.environment().put("FISENGINE_SDK_ROLE_ARN", APP);
            // the SDK picks its default HTTP implementation once, before any hook of ours runs: name the FIS one
            pb.environment().put("JAVA_TOOL_OPTIONS", "-Dsoftware.amazon.awssdk.http.service.impl="
                    + "dev.fisengine.aws.sdk.FisSdkHttpService -Dsoftware.amazon.awssdk.http.async.service.impl="
                    + "dev.fisengine.aws.sdk.FisSdkAsyncHttpService");
            app = pb.start();
            BlockingQueue<String> appOut = lines(app);
            List<String> seen = new ArrayList<>();
            until(appOut, "connected", seen);
            until(appOut, "ok", seen); // not throttled before any experiment

            try (FisClient fis = FisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                    .httpClient(Apache5HttpClient.create()).build()) {
                String templateId = fis.createExperimentTemplate(r -> r.description("throttle the app")
                        .roleArn("arn:aws:iam::123456789012:role/fis")
                        .stopConditions(CreateExperimentTemplateStopConditionInput.builder().source("none").build())
                        .targets(Map.of("App", CreateExperimentTemplateTargetInput.builder()
                                .resourceType("aws:iam:role").resourceArns(APP).selectionMode("ALL").build()))
                        .actions(Map.of("throttle", CreateExperimentTemplateActionInput.builder()
                                .actionId("aws:fis:inject-api-throttle-error")
                                .parameters(Map.of("service", "fis", "operations", "ListActions",
                                        "percentage", "100", "duration", "PT10M"))
                                .targets(Map.of("Roles", "App")).build())))
                        .experimentTemplate().id();

                String first = fis.startExperiment(r -> r.experimentTemplateId(templateId)).experiment().id();
                until(appOut, "throttled", seen);
                fis.stopExperiment(r -> r.id(first));
                // StopExperiment returned: from the next call on, nothing in the application is throttled
                send(app, "mark");
                until(appOut, "mark", seen);
                List<String> after = new ArrayList<>();
                while (after.stream().filter(l -> l.equals("ok") || l.equals("throttled")).count() < 10) {
                    after.add(until(appOut, "", seen));
                }
                assertThat(after).as("calls after StopExperiment returned").doesNotContain("throttled");

                fis.startExperiment(r -> r.experimentTemplateId(templateId));
                until(appOut, "throttled", seen);
            }

            // freeze the server: its connection stays open but no heartbeat comes; the lease (3 s) runs out
            assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(server.pid())).start()
                    .waitFor(10, TimeUnit.SECONDS)).isTrue();
            long frozen = System.nanoTime();
            String line;
            do {
                line = until(appOut, "", seen);
            } while (!line.equals("ok"));
            long disarmedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozen);
            // between 2 s (a heartbeat just before the freeze) and 3.1 s (lease + watchdog period), plus the machine
            assertThat(disarmedMillis).as("ms from SIGSTOP to the first call not throttled").isBetween(1500L, 6000L);
            server.destroyForcibly(); // SIGKILL, frozen or not
            assertThat(server.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 5; i++) {
                assertThat(until(appOut, "", seen)).isNotEqualTo("throttled");
            }
            send(app, "exit");
            assertThat(until(appOut, "missed", seen)).isEqualTo("missed 0");
            assertThat(app.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
            System.out.println("MultiJvmTest: the application disarmed " + disarmedMillis + " ms after the server froze");
        } finally {
            server.destroyForcibly();
            if (app != null) {
                app.destroyForcibly();
            }
        }
    }
}
