package dev.fisengine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * boto3 on the machine's {@code python3} (or {@code $FIS_TEST_PYTHON}) against the server: botocore's own request
 * serialisation, response parsing (timestamps to datetimes), paginators and modeled errors, through templates,
 * experiments, tags, target account configurations, the catalog and the lever; and the boto3 snippet of
 * {@code docs/server.md}, run as written (only its endpoint replaced). Without python3 or boto3 the test fails, saying so.
 */
@Tag("emulator")
class Boto3Test {
    static final String PYTHON = System.getenv().getOrDefault("FIS_TEST_PYTHON", "python3");
    static final ObjectMapper JSON = new ObjectMapper();

    FisEngine engine;
    FisServer server;
    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        engine = FisEngine.builder().plugins(Plugins.discovered()).options(EngineOptions.builder()
                .shutdownHook(false).safetyLeverSwitch(false).build()).build();
        server = FisServer.builder(engine).port(0).start();
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    /** Runs {@code python3 script args...} (bounded), returns its output; fails with the output if it fails. */
    private static String python(Path script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("This emulator-profile test needs " + PYTHON + " (set FIS_TEST_PYTHON to "
                    + "another interpreter) with boto3 installed: " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("python finished in 120 s").isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(text).as("boto3 is needed for this emulator-profile test (pip install 'boto3>=1.34'); %s said:%n%s",
                PYTHON, text).doesNotContain("No module named 'boto3'");
        assertThat(p.exitValue()).as("%s %s exited with:%n%s", PYTHON, script.getFileName(), text).isZero();
        return text;
    }

    private Path resource(String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/boto3/" + name)) {
            assertThat(in).as("test resource boto3/" + name).isNotNull();
            Files.copy(in, target);
        }
        return target;
    }

    @Test
    void theWholeFlowThroughBoto3() throws Exception {
        String out = python(resource("fis_flow.py"), server.endpoint().toString());
        assertThat(out).contains("boto3 flow: ok");
        JsonNode seen = JSON.readTree(out.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(seen.get("templatePages").asInt()).isEqualTo(4);
        // what boto3 created is what the engine holds
        List<String> ids = new ArrayList<>();
        seen.get("templates").forEach(n -> ids.add(n.asText()));
        assertThat(engine.listExperimentTemplates(100, null).items()).extracting(t -> t.id()).startsWith(
                ids.toArray(new String[0]));
        assertThat(seen.get("modeledClass").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(seen.get("errors").get("multiAccountStart").get(2).asText()).contains("multi-account");
        assertThat(seen.get("actions").asInt()).isEqualTo(engine.listActions(100, null).items().size());
    }

    private static final Pattern SNIPPET = Pattern.compile("## boto3\\R+```python\\R(.*?)```", Pattern.DOTALL);

    @Test
    void theBoto3SnippetOfTheDocsWorksAsWritten() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "server.md"));
        Matcher m = SNIPPET.matcher(doc);
        assertThat(m.find()).as("docs/server.md has a python block under '## boto3'").isTrue();
        String snippet = m.group(1);
        assertThat(snippet).contains("http://127.0.0.1:8900");
        Path script = Files.writeString(dir.resolve("snippet.py"),
                snippet.replace("http://127.0.0.1:8900", server.endpoint().toString()));
        String out = python(script);
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).matches("initiating \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.*");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("'aws:fis:wait'"));
        assertThat(lines.get(lines.size() - 1)).startsWith("ResourceNotFoundException Experiment 'EXPnope' not found");
        assertThat(engine.listExperiments().items()).singleElement()
                .satisfies(e -> assertThat(e.state().status().wireName()).isEqualTo("stopped"));
    }
}
