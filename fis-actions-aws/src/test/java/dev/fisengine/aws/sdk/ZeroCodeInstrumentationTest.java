package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Zero-code instrumentation as a user turns it on: JVM flags only. The SDK caches its default HTTP implementation
 * for the life of the JVM and the switch is read once, so the "on" case runs {@link ZeroCodeMain} in a JVM of its
 * own; this JVM runs with the switch off.
 */
class ZeroCodeInstrumentationTest {

    @Test
    void flagsAloneInstrumentPlainSyncAndAsyncClients() throws Exception {
        Map<String, String> results = runZeroCodeMain(List.of(
                "-D" + FisSdk.AUTO_INSTRUMENT_PROPERTY + "=true",
                "-Dsoftware.amazon.awssdk.http.service.impl=" + FisSdkHttpService.class.getName(),
                "-Dsoftware.amazon.awssdk.http.async.service.impl=" + FisSdkAsyncHttpService.class.getName()));
        assertThat(results).containsEntry("autoInstrument", "true")
                .containsEntry("sync", "ThrottlingException/400")
                .containsEntry("async", "ThrottlingException/400")
                .containsEntry("injected", "2")
                .containsEntry("serverAfterFaults", "0")
                .containsEntry("syncAfterDisarm", "ok")
                .containsEntry("serverAfterDisarm", "2") // the own-HTTP-client call and this one
                .containsEntry("missedBefore", "0")
                .containsEntry("ownHttpClient", "ok")
                .containsEntry("missedAfter", "1");
        assertThat(results.get("_output")).contains("zero-code API faults cannot reach this DynamoDb client: GetItem");
    }

    /** One switch: setDefaultRuntime names the FIS HTTP services when the application has not. */
    @Test
    void theSwitchAloneIsEnoughWhenTheDefaultRuntimeIsSetFirst() throws Exception {
        Map<String, String> results = runZeroCodeMain(List.of("-D" + FisSdk.AUTO_INSTRUMENT_PROPERTY + "=true"));
        assertThat(results).containsEntry("autoInstrument", "true")
                .containsEntry("sync", "ThrottlingException/400")
                .containsEntry("async", "ThrottlingException/400")
                .containsEntry("injected", "2")
                .containsEntry("serverAfterFaults", "0");
    }

    @Test
    void withoutTheSwitchTheFisHttpServicesAreThePlainClients() throws Exception {
        Map<String, String> results = runZeroCodeMain(List.of(
                "-Dsoftware.amazon.awssdk.http.service.impl=" + FisSdkHttpService.class.getName(),
                "-Dsoftware.amazon.awssdk.http.async.service.impl=" + FisSdkAsyncHttpService.class.getName()));
        assertThat(results).containsEntry("autoInstrument", "false")
                .containsEntry("sync", "ok")
                .containsEntry("async", "ok")
                .containsEntry("injected", "0")
                .containsEntry("serverAfterFaults", "2");
    }

    @Test
    void inThisJvmTheSwitchIsOffAndPlainClientsAreUntouched() {
        assertThat(FisSdk.autoInstrumentEnabled()).isFalse();
        try (LoopbackAwsServer server = new LoopbackAwsServer(); TestRuntime runtime = new TestRuntime("default")) {
            FisSdk.setDefaultRuntime(runtime);
            try (DynamoDbClient plain = new SdkFixture(server.endpoint()).build(DynamoDbClient.builder());
                 ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                         .fault(ApiFault.throttle()).build())) {
                assertThat(FisSdk.defaultRuntime()).isSameAs(runtime);
                Probe.DYNAMODB.call(plain);
                assertThat(armed.matchedCalls()).isZero();
                assertThat(server.count("GetItem")).isEqualTo(1);
            } finally {
                FisSdk.setDefaultRuntime(null);
            }
        }
    }

    private static Map<String, String> runZeroCodeMain(List<String> flags) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ZeroCodeMain.class.getName());
        Path log = java.nio.file.Files.createTempFile("zero-code-child", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS); // a real timeout: nothing here reads until it exits
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String output = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
        java.nio.file.Files.deleteIfExists(log);
        assertThat(finished).as("child JVM finished within 60 s; output:%n%s", output).isTrue();
        assertThat(p.exitValue()).as("child JVM exit code; output:%n%s", output).isZero();
        Map<String, String> results = new LinkedHashMap<>();
        results.put("_output", output);
        output.lines().filter(l -> l.startsWith("RESULT ")).forEach(l -> {
            String kv = l.substring(7);
            results.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        });
        return results;
    }
}
