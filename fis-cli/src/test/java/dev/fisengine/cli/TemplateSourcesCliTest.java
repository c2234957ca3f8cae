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
 * {@code fis validate} and {@code fis run} on real public CloudFormation, CDK and Terraform files (see
 * {@code src/test/resources/sources/README.md}): findings point into the file (line, resource, path).
 */
class TemplateSourcesCliTest {
    private static final Path SOURCES = Path.of("src/test/resources/sources");

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

    @Test
    void cdkSynthesizedCloudFormationYaml() {
        Path f = SOURCES.resolve("cfn_fis_demos.yaml");
        assertThat(run("validate", f.toString())).isZero();
        assertThat(out()).startsWith(f + ": CloudFormation YAML, 1 experiment template (fistemplatedemostopinstance)")
                .contains(f + ":130:9: fistemplatedemostopinstance /Properties/RoleArn: info: RoleArn is "
                        + "!GetAtt fisrole33E76559.Arn")
                .contains(f + ":146:15: fistemplatedemostopinstance /Properties/Targets/instanceTargets/ResourceArns/0:"
                        + " info: ")
                .contains("(\"arn:aws:ec2:us-east-1:111122223333:instance/instance0B661231D\")")
                .doesNotContain("warning: aws:ec2:stop-instances") // it runs here now (fis-actions-aws-infra)
                .endsWith("1 template checked: 1 valid, 0 invalid (0 errors, 0 warnings)\n");
    }

    @Test
    void cdkOutputJson() {
        Path f = SOURCES.resolve("cdk.out/FisExampleStack.template.json");
        assertThat(run("validate", f.toString())).isZero();
        assertThat(out()).startsWith(f + ": CDK output (CloudFormation JSON), 1 experiment template")
                .contains(f + ":222:16: fistemplatedemostopinstance /Properties/RoleArn: info:")
                .contains("CDK construct FisExampleStack/fis-template-demo-stop-instance [cdk.path]");
    }

    @Test
    void shortFormIntrinsicsAndADeployTimeValueThatIsNeverAFalseError() {
        Path f = SOURCES.resolve("cfnChaos-excerpt.yml");
        assertThat(run("validate", "--json", f.toString())).isZero();
        JsonNode report = json(out()).get(0);
        assertThat(report.get("format").asText()).isEqualTo("CLOUDFORMATION_YAML");
        assertThat(report.get("template").asText()).isEqualTo("ExperimentTemplate");
        assertThat(report.get("valid").asBoolean()).isTrue();
        JsonNode placeholder = null;
        for (JsonNode finding : report.get("findings")) {
            if (finding.get("code").asText().equals("value.placeholder")) {
                placeholder = finding;
            }
        }
        assertThat(placeholder).as("the <FUNCTION_NAME> default inside a value known only at deploy time")
                .isNotNull();
        assertThat(placeholder.get("severity").asText()).isEqualTo("INFO");
        assertThat(placeholder.get("sourcePath").asText())
                .isEqualTo("/Properties/Actions/InjectChaos/Parameters/documentParameters");
        assertThat(placeholder.get("path").asText()).isEqualTo("/actions/InjectChaos/parameters/documentParameters");
        assertThat(placeholder.get("line").asInt()).isEqualTo(57);
    }

    @Test
    void terraformPlanCatchesWhatOnlyApplyWouldFail() {
        Path f = SOURCES.resolve("provider-example.plan.json");
        assertThat(run("validate", f.toString())).isEqualTo(1);
        assertThat(out()).startsWith(f + ": Terraform plan (terraform show -json), 1 experiment template "
                        + "(aws_fis_experiment_template.example)")
                .contains(f + ":4:13: aws_fis_experiment_template.example /role_arn: info: role_arn of "
                        + "aws_fis_experiment_template.example is known only after apply (aws_iam_role.example.arn)")
                .contains(f + ":4:37: aws_fis_experiment_template.example /action/0/action_id: error: Unknown "
                        + "actionId \"aws:ec2:terminate-instance\"")
                .endsWith("1 template checked: 0 valid, 1 invalid (1 error, 0 warnings)\n");
    }

    @Test
    void terraformPlanWithAChildModuleAndAState() {
        Path plan = SOURCES.resolve("asg_test_cpu.plan.json");
        Path state = SOURCES.resolve("provider-example.state.json");
        assertThat(run("validate", plan.toString(), state.toString())).isZero();
        assertThat(out()).contains(plan + ": Terraform plan (terraform show -json), 1 experiment template "
                        + "(module.asg_test_cpu.aws_fis_experiment_template.test_asg_termination)")
                .contains(state + ": Terraform state (terraform show -json), 1 experiment template")
                .endsWith("2 templates checked: 2 valid, 0 invalid (0 errors, 0 warnings)\n"); // their actions run
    }

    @Test
    void aFolderScanReadsYamlAndSkipsFilesThatAreNoTemplates() throws IOException {
        Files.writeString(dir.resolve("workflow.yml"), "on: push\njobs: {build: {runs-on: ubuntu-latest}}\n");
        Files.writeString(dir.resolve("bucket.yaml"), "Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
        Files.copy(SOURCES.resolve("cfnChaos-excerpt.yml"), dir.resolve("chaos.yml"));
        Files.writeString(dir.resolve("t.yaml"), "description: d\nroleArn: arn:aws:iam::111122223333:role/r\n"
                + "stopConditions: [{source: none}]\nactions: {W: {actionId: 'aws:fis:wait', parameters: "
                + "{duration: PT5X}}}\n");
        assertThat(run("validate", dir.toString())).isEqualTo(1);
        assertThat(out()).contains(dir.resolve("t.yaml") + ": FIS create-experiment-template YAML, 1 experiment "
                        + "template")
                .contains(dir.resolve("t.yaml") + ":4:64: /actions/W/parameters/duration: error: \"PT5X\"")
                .doesNotContain("workflow.yml").doesNotContain("bucket.yaml")
                .endsWith("2 templates checked: 1 valid, 1 invalid (1 error, 0 warnings); 2 other files skipped\n");
    }

    @Test
    void aCloudFormationFileWithoutFisResourcesNamedOnTheCommandLineIsAnError() throws IOException {
        Path f = dir.resolve("bucket.yaml");
        Files.writeString(f, "Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
        assertThat(run("validate", f.toString())).isEqualTo(1);
        assertThat(out()).contains(f + ": /: error: This CloudFormation YAML file declares no "
                + "AWS::FIS::ExperimentTemplate resource").contains("[source.no-templates]");
    }

    @Test
    void runPicksATemplateByNameAndReportsPlaceholders() throws IOException {
        Path f = dir.resolve("stack.yaml");
        Files.writeString(f, """
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                  One:
                    Type: AWS::FIS::ExperimentTemplate
                    Properties:
                      Description: one
                      RoleArn: !GetAtt Role.Arn
                      StopConditions: [{Source: none}]
                      Actions: {W: {ActionId: 'aws:fis:wait', Parameters: {duration: PT0.1S}}}
                  Two:
                    Type: AWS::FIS::ExperimentTemplate
                    Properties:
                      Description: two
                      RoleArn: !GetAtt Role.Arn
                      StopConditions: [{Source: none}]
                      Actions: {W: {ActionId: 'aws:fis:wait', Parameters: {duration: PT0.1X}}}
                """);
        assertThat(run("run", f.toString())).isEqualTo(2);
        assertThat(err()).contains("declares 2 experiment templates (One, Two); name one (--template NAME)");
        err.reset();
        assertThat(run("run", "--template", "Two", f.toString())).isEqualTo(1);
        assertThat(err()).contains(f + ":17:70: Two /Properties/Actions/W/Parameters/duration: error:");
        err.reset();
        out.reset();
        assertThat(run("run", "--template", "One", f.toString())).isZero();
        assertThat(err()).contains(f + ":8:16: One /Properties/RoleArn: info: RoleArn is !GetAtt Role.Arn");
        assertThat(out()).contains("completed: Experiment completed.");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
