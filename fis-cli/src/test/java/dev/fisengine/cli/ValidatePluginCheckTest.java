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

/**
 * {@code fis validate} reports an API-fault action's operation that the service does not have as a warning at the
 * parameter's JSON path, with the closest real operation names (the action's own plugin check,
 * {@code action.plugin-check}); a template whose operations are all real has no such finding.
 */
class ValidatePluginCheckTest {
    private static final String TEMPLATE = """
            {"description": "Throttle EC2 describe calls", "roleArn": "arn:aws:iam::111122223333:role/fis",
             "stopConditions": [{"source": "none"}],
             "targets": {"app": {"resourceType": "aws:iam:role", "selectionMode": "ALL",
                                 "resourceArns": ["arn:aws:iam::111122223333:role/app"]}},
             "actions": {"throttle": {"actionId": "aws:fis:inject-api-throttle-error", "targets": {"Roles": "app"},
                                      "parameters": {"service": "ec2", "operations": "OPERATIONS",
                                                     "percentage": "50", "duration": "PT5M"}}}}
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path write(String operations) throws IOException {
        return Files.writeString(dir.resolve("t.json"), TEMPLATE.replace("OPERATIONS", operations));
    }

    @Test
    void aMisspelledOperationIsAWarningWithTheClosestRealOnes() throws IOException {
        Path f = write("DescribeInstance,RunInstances");
        assertThat(FisCli.execute(new String[] {"validate", f.toString()}, out, err)).as("warnings only").isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains(f + ": /actions/throttle/parameters/operations: warning: Action \"throttle\" "
                + "(aws:fis:inject-api-throttle-error): operations DescribeInstance are not ec2 operations, so the "
                + "fault can never hit them; did you mean DescribeInstances for DescribeInstance. ec2 has ")
                .contains("[action.plugin-check]")
                .endsWith("1 template checked: 1 valid, 0 invalid (0 errors, 1 warning)\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void jsonCarriesCodeAndPath() throws IOException {
        Path f = write("DescribeInstance");
        assertThat(FisCli.execute(new String[] {"validate", "--json", f.toString()}, out, err)).isZero();
        JsonNode finding = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get(0).get("findings")
                .get(0);
        assertThat(finding.get("severity").asText()).isEqualTo("WARNING");
        assertThat(finding.get("code").asText()).isEqualTo("action.plugin-check");
        assertThat(finding.get("path").asText()).isEqualTo("/actions/throttle/parameters/operations");
        assertThat(finding.get("message").asText()).contains("did you mean DescribeInstances");
    }

    @Test
    void realOperationsGiveNoFinding() throws IOException {
        Path f = write("DescribeInstances, RunInstances");
        assertThat(FisCli.execute(new String[] {"validate", f.toString()}, out, err)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("1 template checked: 1 valid, 0 invalid (0 errors, 0 warnings)\n");
    }
}
