package dev.fisengine.guice.functional;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: the engine's JVM shutdown hook disarmed the faults but also closed the SDK clients {@code FisClients}
 * built, which the application's own shutdown hooks (running at the same time) may still use. In a child JVM
 * ({@link ShutdownHookMain}): after the engine's hook has run, the experiment is stopped, no fault is armed, and the
 * injected client still sends, unfaulted.
 */
class ShutdownHookTest {
    @TempDir
    Path dir;

    @Test
    void anApplicationShutdownHookStillUsesItsInjectedClientAfterTheEngineHookDisarmedEverything() throws Exception {
        Path output = dir.resolve("child.out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ShutdownHookMain.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = p.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("child JVM finished; output:%n%s", text).isTrue();
        assertThat(p.exitValue()).as("exit code; output:%n%s", text).isZero();
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : text.lines().filter(l -> l.startsWith("RESULT ")).toList()) {
            String kv = line.substring("RESULT ".length());
            results.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        assertThat(results).as("child output:%n%s", text)
                .containsEntry("throttledBeforeExit", "RequestThrottledException")
                .containsEntry("engineHookFound", "true")
                .containsEntry("engineHookTerminated", "true")
                .containsEntry("engineClosed", "true")
                .containsEntry("status", "stopped")
                .containsEntry("faultsArmed", "false")
                .containsEntry("sendAfterEngineHook", "sent")
                .containsEntry("messages", "1");
        assertThat(List.copyOf(results.keySet())).last().isEqualTo("messages");
    }
}
