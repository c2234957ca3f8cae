package dev.fisengine.cloudwatch.functional;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Zero-code instrumentation wraps every SDK client of the JVM, the stop condition's own CloudWatch client included
 * (docs/sdk-faults.md). The switch and the SDK's default HTTP implementation are fixed for the life of a JVM, so
 * {@link ZeroCodeStopConditionMain} runs in a JVM of its own started with the flags (as fis-actions-aws's
 * ZeroCodeInstrumentationTest does): an experiment throttling {@code cloudwatch} at 100 % throttles the application's
 * plain client, while the stop condition, on the same fault-injecting HTTP client, keeps reading its alarm (its
 * requests carry the exemption marker) and stops the experiment when the alarm flips.
 */
class ZeroCodeStopConditionTest {

    @Test
    void underZeroCodeInstrumentationAThrottleOfCloudWatchDoesNotBlindTheStopCondition() throws Exception {
        Map<String, String> results = runMain(List.of(
                "-Dfisengine.sdk.autoInstrument=true",
                "-Dsoftware.amazon.awssdk.http.service.impl=dev.fisengine.aws.sdk.FisSdkHttpService",
                "-Dsoftware.amazon.awssdk.http.async.service.impl=dev.fisengine.aws.sdk.FisSdkAsyncHttpService"));

        assertThat(results).containsEntry("autoInstrument", "true")
                .containsEntry("application", "CloudWatchException/400/Throttling")
                .containsEntry("applicationHttpClient", "FaultInjectingHttpClient")
                .containsEntry("stopConditionHttpClient", "FaultInjectingHttpClient")
                .containsEntry("stopConditionReadsWhileThrottled", "ok")
                .containsEntry("statusWhileThrottled", "RUNNING")
                .containsEntry("status", "STOPPED")
                .containsEntry("ruleArmed", "false")
                .containsEntry("matched", "1")
                .containsEntry("injected", "1");
        assertThat(results.get("reason")).startsWith("Experiment stopped by stop condition aws:cloudwatch:alarm (")
                .endsWith("flipped under a zero-code throttle");
    }

    private static Map<String, String> runMain(List<String> flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ZeroCodeStopConditionMain.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        assertThat(p.exitValue()).as("child JVM exit code; output:%n%s", output).isZero();
        Map<String, String> results = new LinkedHashMap<>();
        output.lines().filter(l -> l.startsWith("RESULT ")).forEach(l -> {
            String kv = l.substring(7);
            results.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        });
        assertThat(results).as("child JVM output:%n%s", output).isNotEmpty();
        return results;
    }
}
