package dev.fisengine.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.source.SourceFinding.Level;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateSourcesTest {
    private static final TemplateValidator VALIDATOR =
            TemplateValidator.create(Plugins.discovered(), ValidationMode.EMBEDDED);

    private static final String FIS_JSON = """
            {
              "description": "wait",
              "roleArn": "arn:aws:iam::111122223333:role/fis",
              "stopConditions": [{"source": "none"}],
              "actions": {"Wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT1M"}}}
            }
            """;

    private static final String CFN_YAML = """
            AWSTemplateFormatVersion: '2010-09-09'
            Parameters:
              WaitFor:
                Type: String
                Default: PT2M
              Stage:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              Always: !Equals [a, a]
            Resources:
              FisRole:
                Type: AWS::IAM::Role
              Alarm:
                Type: AWS::CloudWatch::Alarm
              WaitTemplate:
                Type: AWS::FIS::ExperimentTemplate
                Properties:
                  Description: !Sub 'wait ${WaitFor} in ${AWS::Region}'
                  RoleArn: !GetAtt FisRole.Arn
                  StopConditions:
                    - Source: aws:cloudwatch:alarm
                      Value: !GetAtt [Alarm, Arn]
                  Tags:
                    Stage: !If [Always, fixed, other]
                  Actions:
                    Wait:
                      ActionId: aws:fis:wait
                      Parameters:
                        duration: !Ref WaitFor
                    Later:
                      ActionId: aws:fis:wait
                      StartAfter: [Wait]
                      Parameters:
                        duration: PT5X
              Second:
                Type: AWS::FIS::ExperimentTemplate
                Properties:
                  Description: second
                  RoleArn: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/fis
                  StopConditions: [{Source: none}]
                  Actions:
                    W:
                      actionId: aws:fis:wait
            """;

    @Test
    void createExperimentTemplateJsonIsReadAsToday() {
        SourceDocument doc = TemplateSources.read("t.json", FIS_JSON);
        assertThat(doc.format()).isEqualTo(SourceFormat.FIS_JSON);
        SourceValidation v = doc.template(null).validate(VALIDATOR);
        assertThat(v.valid()).isTrue();
        assertThat(v.result().findings()).isEqualTo(VALIDATOR.validateJson(FIS_JSON).findings());
    }

    @Test
    void findingsOfAJsonDocumentCarryTheLine() {
        String bad = FIS_JSON.replace("PT1M", "soon");
        SourceValidation v = TemplateSources.read("t.json", bad).template(null).validate(VALIDATOR);
        SourceFinding f = v.errors().get(0);
        assertThat(f.sourcePath()).isEqualTo("/actions/Wait/parameters/duration");
        assertThat(f.line()).isEqualTo(5);
        assertThat(f.toString()).startsWith("t.json:5:");
    }

    @Test
    void theSameDocumentInYamlGivesTheSameFindingsWithLines() {
        String yaml = """
                description: wait
                roleArn: arn:aws:iam::111122223333:role/fis
                stopConditions:
                  - source: none
                actions:
                  Wait:
                    actionId: aws:fis:wait
                    parameters:
                      duration: soon
                """;
        SourceDocument doc = TemplateSources.read("t.yaml", yaml);
        assertThat(doc.format()).isEqualTo(SourceFormat.FIS_YAML);
        SourceValidation v = doc.template(null).validate(VALIDATOR);
        assertThat(v.errors()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("parameter.not-a-duration");
            assertThat(f.sourcePath()).isEqualTo("/actions/Wait/parameters/duration");
            assertThat(f.line()).isEqualTo(9);
            assertThat(f.column()).isEqualTo(17);
        });
        assertThat(v.result().findings()).isEqualTo(
                VALIDATOR.validateJson(FIS_JSON.replace("PT1M", "soon")).findings());
    }

    @Test
    void cloudFormationYamlMapsEveryFisResourceAndPointsIntoIt() {
        SourceDocument doc = TemplateSources.read("stack.yaml", CFN_YAML);
        assertThat(doc.format()).isEqualTo(SourceFormat.CLOUDFORMATION_YAML);
        assertThat(doc.templates()).extracting(SourceTemplate::name).containsExactly("WaitTemplate", "Second");

        SourceValidation first = doc.template("WaitTemplate").validate(VALIDATOR);
        assertThat(first.template().description()).isEqualTo("wait PT2M in us-east-1");
        assertThat(first.template().actions().get("Wait").parameters()).containsEntry("duration", "PT2M");
        assertThat(first.template().tags()).containsEntry("Stage", "fixed");
        assertThat(first.template().roleArn()).isEqualTo("arn:aws:iam::111122223333:role/fisengine-placeholder");
        // fis-stop-cloudwatch is not on this module's classpath: its source is unknown here
        assertThat(first.errors()).extracting(SourceFinding::code)
                .containsExactly("parameter.not-a-duration", "stop-condition.unknown-source");
        assertThat(first.errors().get(0)).satisfies(f -> {
            assertThat(f.resource()).isEqualTo("WaitTemplate");
            assertThat(f.sourcePath()).isEqualTo("/Properties/Actions/Later/Parameters/duration");
            assertThat(f.templatePath()).isEqualTo("/actions/Later/parameters/duration");
            assertThat(f.line()).isEqualTo(35);
            assertThat(f.column()).isEqualTo(23);
        });
        List<SourceFinding> infos = first.findings().stream().filter(f -> f.level() == Level.INFO).toList();
        assertThat(infos).extracting(SourceFinding::sourcePath)
                .contains("/Properties/RoleArn", "/Properties/StopConditions/0/Value", "/Properties/Description");
        assertThat(infos).filteredOn(f -> f.sourcePath().equals("/Properties/RoleArn")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("!GetAtt FisRole.Arn").contains("IAM role ARN"));

        SourceValidation second = doc.template("Second").validate(VALIDATOR);
        assertThat(second.errors()).extracting(SourceFinding::code)
                .contains("cloudformation.unknown-property", "template.missing-member");
        assertThat(second.errors()).filteredOn(f -> f.code().equals("cloudformation.unknown-property")).singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("did you mean \"ActionId\"");
                    assertThat(f.line()).isEqualTo(44);
                });
        assertThat(second.template().roleArn()).isEqualTo("arn:aws:iam::111122223333:role/fis");
    }

    @Test
    void unresolvedValuesAreNeverErrors() {
        String cfn = """
                {"Parameters": {"Role": {"Type": "String"}, "Arns": {"Type": "CommaDelimitedList"}},
                 "Resources": {"T": {"Type": "AWS::FIS::ExperimentTemplate", "Properties": {
                   "Description": {"Fn::ImportValue": "desc"},
                   "RoleArn": {"Ref": "Role"},
                   "StopConditions": [{"Source": "none"}],
                   "Targets": {"Roles": {"ResourceType": "aws:iam:role", "SelectionMode": "ALL",
                                         "ResourceArns": {"Ref": "Arns"}}},
                   "Actions": {"W": {"ActionId": "aws:fis:wait",
                                     "Parameters": {"duration": {"Fn::Join": ["", ["PT", {"Ref": "Role"}]]}}}}}}}}
                """;
        SourceDocument doc = TemplateSources.read("t.json", cfn);
        assertThat(doc.format()).isEqualTo(SourceFormat.CLOUDFORMATION_JSON);
        SourceValidation v = doc.template(null).validate(VALIDATOR);
        assertThat(v.errors()).extracting(SourceFinding::code)
                .doesNotContain("parameter.not-a-duration", "template.pattern");
        assertThat(v.findings()).filteredOn(f -> f.code().equals("parameter.not-a-duration")).singleElement()
                .satisfies(f -> assertThat(f.level()).isEqualTo(Level.INFO));
        assertThat(v.findings()).filteredOn(f -> f.code().equals("source.unresolved"))
                .extracting(SourceFinding::sourcePath)
                .contains("/Properties/Description", "/Properties/RoleArn",
                        "/Properties/Actions/W/Parameters/duration");
    }

    @Test
    void tagsAsAKeyValueListIsAnErrorCloudFormationWouldGiveToo() {
        String cfn = """
                Resources:
                  T:
                    Type: AWS::FIS::ExperimentTemplate
                    Properties:
                      Description: d
                      RoleArn: arn:aws:iam::111122223333:role/fis
                      StopConditions: [{Source: none}]
                      Actions: {W: {ActionId: aws:fis:wait, Parameters: {duration: PT1M}}}
                      Tags:
                        - Key: Name
                          Value: x
                """;
        SourceValidation v = TemplateSources.read("t.yml", cfn).template("T").validate(VALIDATOR);
        assertThat(v.errors()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("cloudformation.wrong-shape");
            assertThat(f.sourcePath()).isEqualTo("/Properties/Tags");
            assertThat(f.line()).isEqualTo(10);
        });
    }

    @Test
    void aRefToNothingIsAnError() {
        String cfn = """
                Resources:
                  T:
                    Type: AWS::FIS::ExperimentTemplate
                    Properties:
                      Description: d
                      RoleArn: !GetAtt Missing.Arn
                      StopConditions: [{Source: none}]
                      Actions: {W: {ActionId: aws:fis:wait, Parameters: {duration: PT1M}}}
                """;
        SourceValidation v = TemplateSources.read("t.yaml", cfn).template(null).validate(VALIDATOR);
        assertThat(v.errors()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("cloudformation.intrinsic");
            assertThat(f.message()).contains("Missing");
            assertThat(f.line()).isEqualTo(6);
        });
    }

    @Test
    void terraformPlanWithUnknownValuesAndAModule() {
        String plan = """
                {"format_version": "1.2", "terraform_version": "1.9.8",
                 "planned_values": {"root_module": {"child_modules": [{"address": "module.chaos", "resources": [
                   {"address": "module.chaos.aws_fis_experiment_template.wait", "mode": "managed",
                    "type": "aws_fis_experiment_template", "name": "wait",
                    "values": {"description": "wait", "tags": null,
                      "action": [{"name": "w", "action_id": "aws:fis:wait", "description": "",
                                  "parameter": [{"key": "duration", "value": "PT1X"}], "start_after": [],
                                  "target": []},
                                 {"name": "w", "action_id": "aws:fis:wait", "description": "",
                                  "parameter": [], "start_after": [], "target": []}],
                      "stop_condition": [{"source": "none", "value": ""}],
                      "target": [], "log_configuration": [], "experiment_options": [],
                      "timeouts": null}}]}]}},
                 "resource_changes": [{"address": "module.chaos.aws_fis_experiment_template.wait",
                   "type": "aws_fis_experiment_template", "mode": "managed",
                   "change": {"actions": ["create"], "after_unknown": {"role_arn": true, "id": true}}}]}
                """;
        SourceDocument doc = TemplateSources.read("plan.json", plan);
        assertThat(doc.format()).isEqualTo(SourceFormat.TERRAFORM_PLAN);
        SourceValidation v = doc.template("wait").validate(VALIDATOR);
        assertThat(v.source().name()).isEqualTo("module.chaos.aws_fis_experiment_template.wait");
        assertThat(v.errors()).extracting(SourceFinding::code, SourceFinding::sourcePath).containsExactly(
                org.assertj.core.groups.Tuple.tuple("terraform.duplicate-name", "/action/1/name"),
                org.assertj.core.groups.Tuple.tuple("parameter.not-a-duration", "/action/0/parameter/0/value"));
        assertThat(v.findings()).filteredOn(f -> f.code().equals("source.unresolved")).singleElement()
                .satisfies(f -> assertThat(f.sourcePath()).isEqualTo("/role_arn"));
        assertThat(v.errors()).allSatisfy(f -> assertThat(f.line()).isPositive());
    }

    @Test
    void terraformStateWithoutFisResourcesSaysSo() {
        String state = """
                {"format_version": "1.0", "terraform_version": "1.9.8",
                 "values": {"root_module": {"resources": [{"address": "aws_s3_bucket.b", "type": "aws_s3_bucket",
                   "mode": "managed", "values": {}}]}}}
                """;
        SourceDocument doc = TemplateSources.read("state.json", state);
        assertThat(doc.format()).isEqualTo(SourceFormat.TERRAFORM_STATE);
        assertThat(doc.templates()).isEmpty();
        assertThat(doc.findings()).extracting(SourceFinding::code).containsExactly("source.no-templates");
    }

    @Test
    void malformedYamlIsAFindingWithItsLine() {
        SourceDocument doc = TemplateSources.read("t.yaml", "Resources:\n  T:\n    Type: [unclosed\n");
        assertThat(doc.templates()).isEmpty();
        assertThat(doc.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("source.malformed");
            assertThat(f.line()).isPositive();
        });
    }

    @Test
    void yamlAliasesAndDuplicateKeysAreReported() {
        String yaml = """
                description: &d wait
                description: again
                roleArn: *d
                """;
        SourceDocument doc = TemplateSources.read("t.yaml", yaml);
        assertThat(doc.findings()).extracting(SourceFinding::code, SourceFinding::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("source.duplicate-key", 2),
                org.assertj.core.groups.Tuple.tuple("source.yaml-alias", 3));
        assertThat(doc.templates()).isEmpty();
    }

    @Test
    void aDuplicateKeyInCloudFormationJsonIsReportedAndTheTemplateStillRead() {
        String cfn = """
                {"Resources": {"T": {"Type": "AWS::FIS::ExperimentTemplate", "Properties": {
                  "Description": "d", "Description": "again", "RoleArn": "arn:aws:iam::111122223333:role/r",
                  "StopConditions": [{"Source": "none"}],
                  "Actions": {"W": {"ActionId": "aws:fis:wait", "Parameters": {"duration": "PT1M"}}}}}}}
                """;
        SourceDocument doc = TemplateSources.read("t.json", cfn);
        assertThat(doc.format()).isEqualTo(SourceFormat.CLOUDFORMATION_JSON);
        assertThat(doc.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("source.duplicate-key");
            assertThat(f.sourcePath()).isEqualTo("/Resources/T/Properties/Description");
            assertThat(f.line()).isEqualTo(2);
        });
        assertThat(doc.template("T").validate(VALIDATOR).template().description()).isEqualTo("again");
    }

    @Test
    void cdkOutputIsRecognisedByItsMetadata() {
        String cdk = """
                {"Resources": {"Exp": {"Type": "AWS::FIS::ExperimentTemplate",
                   "Properties": {"Description": "d", "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
                     "StopConditions": [{"Source": "none"}],
                     "Actions": {"W": {"ActionId": "aws:fis:wait", "Parameters": {"duration": "PT1M"}}}},
                   "Metadata": {"aws:cdk:path": "Stack/Exp"}},
                  "Role": {"Type": "AWS::IAM::Role"}}}
                """;
        SourceDocument doc = TemplateSources.read("cdk.out/Stack.template.json",
                cdk.getBytes(StandardCharsets.UTF_8));
        assertThat(doc.format()).isEqualTo(SourceFormat.CDK);
        SourceValidation v = doc.template(null).validate(VALIDATOR);
        assertThat(v.valid()).isTrue();
        assertThat(v.findings()).extracting(SourceFinding::message).anyMatch(m -> m.contains("Stack/Exp"));
    }

    @Test
    void exceptionNamesFileLineAndResource() {
        SourceValidation v = TemplateSources.read("stack.yaml", CFN_YAML).template("WaitTemplate")
                .validate(VALIDATOR);
        assertThat(v.toException().getMessage())
                .contains("stack.yaml:35:23:").contains("WaitTemplate").contains("/Properties/Actions/Later");
    }
}
