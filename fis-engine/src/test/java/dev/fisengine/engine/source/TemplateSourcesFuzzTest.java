package dev.fisengine.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated CloudFormation YAML, CDK JSON and Terraform plans (seeded, so any failure repeats): reading and validating
 * never throws, never reports an internal error, and every finding names the file.
 */
class TemplateSourcesFuzzTest {
    private static final TemplateValidator VALIDATOR =
            TemplateValidator.create(Plugins.discovered(), ValidationMode.EMBEDDED);
    private static final String[] SEEDS = {
        """
        Parameters: {D: {Type: String, Default: PT1M}, L: {Type: CommaDelimitedList, Default: "a,b"}}
        Conditions: {C: !Equals [!Ref D, PT1M], N: !Not [!Condition C]}
        Mappings: {M: {k: {v: PT2M}}}
        Resources:
          R: {Type: AWS::IAM::Role}
          T:
            Type: AWS::FIS::ExperimentTemplate
            Properties:
              Description: !Join ['-', [!Ref D, !Select [1, !Ref L], !Select [0, !Split [',', 'x,y']]]]
              RoleArn: !If [N, !GetAtt R.Arn, !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${R}']
              StopConditions: [{Source: none}]
              Tags: {a: !Base64 x, b: !FindInMap [M, k, v]}
              Targets: {X: {ResourceType: aws:iam:role, ResourceArns: !Ref L, SelectionMode: ALL}}
              Actions: {W: {ActionId: aws:fis:wait, Parameters: {duration: !FindInMap [M, k, v]}, Targets: {Roles: X}}}
        """,
        """
        {"Resources": {"E": {"Type": "AWS::FIS::ExperimentTemplate", "Metadata": {"aws:cdk:path": "S/E"},
          "Properties": {"Description": {"Fn::Sub": ["${a}-${!b}", {"a": {"Ref": "AWS::Region"}}]},
            "RoleArn": {"Fn::GetAtt": ["R", "Arn"]}, "StopConditions": [{"Source": "none"}],
            "Actions": {"W": {"ActionId": "aws:fis:wait", "Parameters": {"duration": "PT1M"}}}}},
          "R": {"Type": "AWS::IAM::Role"}}}
        """,
        """
        {"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "a.b",
          "type": "aws_fis_experiment_template", "mode": "managed", "values": {"description": "d",
          "action": [{"name": "w", "action_id": "aws:fis:wait", "parameter": [{"key": "duration", "value": "PT1M"}],
                      "target": [], "start_after": []}],
          "target": [{"name": "t", "resource_type": "aws:iam:role", "resource_arns": ["x"], "selection_mode": "ALL",
                      "resource_tag": [], "filter": [{"path": "p", "values": ["v"]}]}],
          "stop_condition": [{"source": "none"}], "log_configuration": [{"log_schema_version": 2,
            "cloudwatch_logs_configuration": [{"log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:g:*"}],
            "s3_configuration": []}]}}]}},
         "resource_changes": [{"address": "a.b", "type": "aws_fis_experiment_template",
           "change": {"after_unknown": {"role_arn": true, "target": [{"resource_arns": [true]}]}}}]}
        """
    };

    @Test
    void mutatedSourcesNeverBreakTheReader() {
        Random random = new Random(20261206L);
        int documents = 0;
        for (int i = 0; i < 1500; i++) {
            String seed = SEEDS[i % SEEDS.length];
            String text = mutate(seed, random, 1 + random.nextInt(4));
            String name = (i % SEEDS.length == 0 ? "m.yaml" : "m.json");
            SourceDocument doc = TemplateSources.read(name, text);
            List<SourceFinding> all = new ArrayList<>(doc.findings());
            for (SourceTemplate t : doc.templates()) {
                all.addAll(t.validate(VALIDATOR).findings());
                documents++;
            }
            assertThat(all).as(text).allSatisfy(f -> {
                assertThat(f.code()).isNotEqualTo("internal");
                assertThat(f.file()).isEqualTo(name);
                assertThat(f.message()).doesNotContain("Exception:").doesNotContain("\tat ");
            });
        }
        assertThat(documents).as("mutations that still declare a template").isGreaterThan(300);
    }

    private static String mutate(String s, Random random, int edits) {
        StringBuilder b = new StringBuilder(s);
        for (int e = 0; e < edits && b.length() > 1; e++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, "{}[]:,!\"'-# \n\tx0".charAt(random.nextInt(16)));
                case 2 -> b.insert(at, b.charAt(random.nextInt(b.length())));
                default -> {
                    int end = Math.min(b.length(), at + random.nextInt(20));
                    b.insert(random.nextInt(b.length()), b.substring(at, end));
                }
            }
        }
        return b.toString();
    }
}
