package dev.fisengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FisCliTest {
    private static final String VALID = """
            {"description": "Throttle DynamoDB calls for a minute",
             "roleArn": "arn:aws:iam::111122223333:role/fis",
             "stopConditions": [{"source": "none"}],
             "targets": {},
             "actions": {"Wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT5S"}}}}
            """;
    private static final String INVALID = VALID.replace("\"PT5S\"", "\"PT5X\"").replace("\"targets\": {}",
            "\"targets\": {}, \"startAfterDelay\": \"PT1M\"");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return FisCli.execute(args, out, err);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    void aValidTemplateExitsZero() throws IOException {
        Path f = write("ok.json", VALID);
        assertThat(run("validate", f.toString())).isZero();
        assertThat(out()).isEqualTo("1 template checked: 1 valid, 0 invalid (0 errors, 0 warnings)\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void findingsExitOneWithOneLinePerFinding() throws IOException {
        Path f = write("bad.json", INVALID);
        assertThat(run("validate", f.toString())).isEqualTo(1);
        String[] lines = out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo(f + ": /startAfterDelay: error: Unknown parameter \"startAfterDelay\" in "
                + "CreateExperimentTemplateRequest: must be one of clientToken, description, stopConditions, targets, "
                + "actions, roleArn, tags, logConfiguration, experimentOptions, experimentReportConfiguration "
                + "[template.unknown-member]");
        assertThat(lines[1]).startsWith(f + ": /actions/Wait/parameters/duration: error: \"PT5X\" is not an ISO-8601 "
                + "duration").endsWith("[parameter.not-a-duration]");
        assertThat(lines[2]).isEqualTo("1 template checked: 0 valid, 1 invalid (2 errors, 0 warnings)");
    }

    @Test
    void warningsAloneDoNotFail() throws IOException {
        Path f = write("warn.json", VALID.replace("111122223333", "<ACCOUNT_ID>"));
        assertThat(run("validate", f.toString())).isZero();
        assertThat(out()).contains(": /roleArn: warning: ").contains("[arn.placeholder]");
    }

    @Test
    void jsonOutput() throws IOException {
        Path ok = write("a/ok.json", VALID);
        Path bad = write("b/bad.json", INVALID);
        assertThat(run("validate", "--json", ok.toString(), bad.toString())).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out());
        assertThat(report.isArray()).isTrue();
        assertThat(report).hasSize(2);
        assertThat(report.get(0).get("file").asText()).isEqualTo(ok.toString());
        assertThat(report.get(0).get("valid").asBoolean()).isTrue();
        assertThat(report.get(0).get("findings")).isEmpty();
        JsonNode finding = report.get(1).get("findings").get(1);
        assertThat(report.get(1).get("valid").asBoolean()).isFalse();
        assertThat(finding.get("severity").asText()).isEqualTo("ERROR");
        assertThat(finding.get("code").asText()).isEqualTo("parameter.not-a-duration");
        assertThat(finding.get("path").asText()).isEqualTo("/actions/Wait/parameters/duration");
        assertThat(finding.get("message").asText()).contains("\"PT5X\"");
        assertThat(report.get(1).fieldNames()).toIterable().containsExactly("file", "valid", "findings");
        assertThat(finding.fieldNames()).toIterable()
                .containsExactly("severity", "code", "path", "message", "line", "column");
    }

    @Test
    void foldersAreSearchedRecursivelyInSortedOrder() throws IOException {
        write("t/z.json", INVALID);
        write("t/a/b.json", INVALID);
        write("t/a/notes.txt", "not a template");
        write("t/m.JSON", INVALID);
        assertThat(run("validate", dir.resolve("t").toString())).isEqualTo(1);
        assertThat(out().lines().filter(l -> l.contains("[template.unknown-member]")).map(l -> l.substring(
                dir.resolve("t").toString().length() + 1, l.indexOf(": ")))).containsExactly("a/b.json", "m.JSON",
                "z.json");
    }

    @Test
    void strictAwsMode() throws IOException {
        Path f = write("ok.json", VALID);
        assertThat(run("validate", "--strict-aws", f.toString())).isEqualTo(1);
        assertThat(out()).contains("/actions/Wait/parameters/duration: error: PT5S is shorter than PT1M")
                .contains("[strict-aws]");
    }

    @Test
    void usageErrorsExitTwoWithoutAStackTrace() throws IOException {
        assertThat(run("validate")).isEqualTo(2);
        assertThat(err()).contains("Missing required parameter").doesNotContain("Exception").doesNotContain("\tat ");
        err.reset();
        assertThat(run("validate", "--nope", "x.json")).isEqualTo(2);
        assertThat(err()).contains("Unknown option: '--nope'");
        err.reset();
        assertThat(run("validate", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err()).contains("no such file or folder: " + dir.resolve("missing.json"));
        err.reset();
        Files.createDirectories(dir.resolve("empty"));
        assertThat(run("validate", dir.resolve("empty").toString())).isEqualTo(2);
        assertThat(err()).contains("no *.json files");
        err.reset();
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("missing command").contains("Usage: fis");
        err.reset();
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(out()).isEmpty();
    }

    @Test
    void aMissingFileAmongGoodOnesIsStillAUsageError() throws IOException {
        Path f = write("ok.json", VALID);
        assertThat(run("validate", f.toString(), dir.resolve("nope.json").toString())).isEqualTo(2);
        assertThat(out()).as("nothing validated").isEmpty();
    }

    @Test
    void aTenMegabyteFileIsOneFinding() throws IOException {
        Path f = dir.resolve("big.json");
        Files.write(f, ("{\"description\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(run("validate", f.toString())).isEqualTo(1);
        assertThat(out().lines()).hasSize(2);
        assertThat(out()).contains(f + ": /: error: The document is too large").contains("[json.too-large]");
    }

    @Test
    void malformedJsonShowsLineAndColumn() throws IOException {
        Path f = write("broken.json", "{\n  \"description\": \"x\"\n  \"roleArn\": \"y\"\n}");
        assertThat(run("validate", f.toString())).isEqualTo(1);
        assertThat(out()).contains(f + ": /: error: Malformed JSON at line 3, column 3").contains("[json.malformed]");
    }

    @Test
    void helpAndVersion() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("validate").contains("actions");
        out.reset();
        assertThat(run("validate", "--help")).isZero();
        assertThat(out()).contains("--strict-aws").contains("--json");
        out.reset();
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("fis ");
    }

    @Test
    void actionsListsThePluginsActions() throws IOException {
        assertThat(run("actions")).isZero();
        assertThat(out().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith("ACTION"));
        assertThat(out()).containsPattern("aws:fis:wait +yes +Wait for the specified duration")
                .containsPattern("aws:ec2:stop-instances +yes ")
                .containsPattern("aws:ec2:send-spot-instance-interruptions +no ");
        out.reset();
        assertThat(run("actions", "--json")).isZero();
        JsonNode actions = new ObjectMapper().readTree(out());
        assertThat(actions.findValuesAsText("id")).contains("aws:fis:wait", "aws:ec2:stop-instances",
                "aws:cloudwatch:assert-alarm-state");
    }
}
