package dev.fisengine.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.validation.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The FIS API model's shapes: members, types, lengths, patterns, enumerations, counts. */
class StructuralRulesTest extends RuleAssertions {

    @Test
    void unknownMembersAreFindingsWithASuggestion() {
        ValidationResult r = validate(Templates.valid().str("/actions/Wait/startAfterDelay", "PT1M"));
        assertOnly(r, ValidationCode.TEMPLATE_UNKNOWN_MEMBER, "/actions/Wait/startAfterDelay",
                "\"startAfterDelay\"", "must be one of actionId, description, parameters, targets, startAfter");
        assertThat(r.template()).as("still bound").isNotNull();
        assertOnly(validate(Templates.valid().set("/targets/web/resourceArn", "[]")),
                ValidationCode.TEMPLATE_UNKNOWN_MEMBER, "/targets/web/resourceArn",
                "did you mean \"resourceArns\"?");
        assertOnly(validate(Templates.valid().str("/experimentOption", "x")),
                ValidationCode.TEMPLATE_UNKNOWN_MEMBER, "/experimentOption", "did you mean \"experimentOptions\"?");
    }

    @Test
    void aGetExperimentTemplateWrapperMustBeUnwrapped() {
        String wrapped = "{\"experimentTemplate\": " + Templates.valid().str("/id", "EXTabc").json() + "}";
        ValidationResult r = EMBEDDED.validateJson(wrapped);
        assertFinding(r, ValidationCode.TEMPLATE_WRAPPED, "/experimentTemplate", "unwrap it");
        assertFinding(r, ValidationCode.TEMPLATE_UNKNOWN_MEMBER, "/experimentTemplate/id", "read-only");
        assertThat(r.findings()).hasSize(2);
        assertThat(r.valid()).isFalse();
        assertThat(r.template().description()).isEqualTo("Stop one web instance, then wait");
    }

    @Test
    void wrappedContentIsValidatedUnderItsPath() {
        String wrapped = "{\"experimentTemplate\": "
                + Templates.valid().str("/actions/Wait/parameters/duration", "soon").json() + "}";
        ValidationResult r = EMBEDDED.validateJson(wrapped);
        assertFinding(r, ValidationCode.PARAMETER_NOT_A_DURATION, "/experimentTemplate/actions/Wait/parameters/duration",
                "\"soon\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"description", "roleArn", "stopConditions", "actions"})
    void requiredTopLevelMembers(String member) {
        ValidationResult r = validate(Templates.valid().remove("/" + member));
        assertFinding(r, ValidationCode.TEMPLATE_MISSING_MEMBER, "/" + member, "\"" + member + "\"");
        assertThat(r.valid()).isFalse();
    }

    @Test
    void clientTokenIsOptionalButCheckedWhenGiven() {
        assertClean(validate(Templates.valid().remove("/clientToken")));
        assertClean(validate(Templates.valid().str("/clientToken", "0b6d1d3c-8c0e-4f57-9c5e-3a1f2a6b7c8d")));
        assertOnly(validate(Templates.valid().str("/clientToken", "")), ValidationCode.TEMPLATE_LENGTH,
                "/clientToken", "must be 1 to 1024");
    }

    @Test
    void targetsMayBeAbsentOrEmpty() {
        Templates noTargets = Templates.valid().remove("/targets").remove("/actions/Stop")
                .set("/actions/Wait/startAfter", "[]");
        assertClean(validate(noTargets));
        assertClean(validate(noTargets.set("/targets", "{}")));
    }

    @Test
    void requiredNestedMembers() {
        assertOnly(validate(Templates.valid().remove("/actions/Wait/actionId")),
                ValidationCode.TEMPLATE_MISSING_MEMBER, "/actions/Wait/actionId", "\"actionId\"");
        assertFinding(validate(Templates.valid().remove("/targets/web/resourceType")),
                ValidationCode.TEMPLATE_MISSING_MEMBER, "/targets/web/resourceType");
        assertOnly(validate(Templates.valid().remove("/targets/web/selectionMode")),
                ValidationCode.TEMPLATE_MISSING_MEMBER, "/targets/web/selectionMode");
        assertOnly(validate(Templates.valid().set("/stopConditions/0", "{}")),
                ValidationCode.TEMPLATE_MISSING_MEMBER, "/stopConditions/0/source");
        assertOnly(validate(Templates.valid().set("/targets/web/filters", "[{\"path\": \"State.Name\"}]")),
                ValidationCode.TEMPLATE_MISSING_MEMBER, "/targets/web/filters/0/values");
        assertOnly(validate(Templates.valid().set("/logConfiguration",
                "{\"s3Configuration\": {\"bucketName\": \"fis-logs\"}}")),
                ValidationCode.TEMPLATE_MISSING_MEMBER, "/logConfiguration/logSchemaVersion");
    }

    @Test
    void parameterValuesMustBeStrings() {
        ValidationResult r = validate(Templates.valid().set("/actions/Wait/parameters/duration", "60"));
        assertFinding(r, ValidationCode.TEMPLATE_WRONG_TYPE, "/actions/Wait/parameters/duration",
                "expected a string, got the number 60");
        // the wrong-typed value is left out of the bound template, so the required parameter is also missing
        assertFinding(r, ValidationCode.ACTION_MISSING_PARAMETER, "/actions/Wait/parameters", "\"duration\"");
        assertThat(r.template().actions().get("Wait").parameters()).isEmpty();
    }

    @Test
    void wrongTypesEverywhereAreFindingsNotExceptions() {
        assertOnly(validate(Templates.valid().set("/description", "null")), ValidationCode.TEMPLATE_WRONG_TYPE,
                "/description", "got null");
        assertFinding(validate(Templates.valid().set("/actions", "[]")), ValidationCode.TEMPLATE_WRONG_TYPE,
                "/actions", "expected an object");
        assertFinding(validate(Templates.valid().set("/stopConditions", "{}")), ValidationCode.TEMPLATE_WRONG_TYPE,
                "/stopConditions", "expected an array");
        assertOnly(validate(Templates.valid().set("/tags/team", "true")), ValidationCode.TEMPLATE_WRONG_TYPE,
                "/tags/team", "the boolean true");
        assertFinding(validate(Templates.valid().set("/actions/Wait/startAfter/0", "1.5e300")),
                ValidationCode.TEMPLATE_WRONG_TYPE, "/actions/Wait/startAfter/0", "the number");
        ValidationResult r = validate(Templates.valid().set("/logConfiguration",
                "{\"logSchemaVersion\": \"2\", \"s3Configuration\": {\"bucketName\": \"fis-logs\"}}"));
        assertFinding(r, ValidationCode.TEMPLATE_WRONG_TYPE, "/logConfiguration/logSchemaVersion",
                "expected an integer, got the string \"2\"");
        assertFinding(validate(Templates.valid().set("/logConfiguration",
                "{\"logSchemaVersion\": 99999999999, \"s3Configuration\": {\"bucketName\": \"fis-logs\"}}")),
                ValidationCode.TEMPLATE_WRONG_TYPE, "/logConfiguration/logSchemaVersion", "out of range");
    }

    @Test
    void lengths() {
        assertOnly(validate(Templates.valid().str("/description", "d".repeat(513))), ValidationCode.TEMPLATE_LENGTH,
                "/description", "513 characters long", "at most 512");
        assertClean(validate(Templates.valid().str("/description", "d".repeat(512))));
        assertOnly(validate(Templates.valid().str("/description", "")), ValidationCode.TEMPLATE_LENGTH,
                "/description", "empty");
        assertOnly(validate(Templates.valid().str("/roleArn", "arn:aws:iam::1:r")), ValidationCode.TEMPLATE_LENGTH,
                "/roleArn", "must be 20 to 2048");
        assertOnly(validate(Templates.valid().str("/actions/Wait/description", "x".repeat(513))),
                ValidationCode.TEMPLATE_LENGTH, "/actions/Wait/description");
        assertOnly(validate(Templates.valid().str("/tags/" + "k".repeat(129), "v")), ValidationCode.TEMPLATE_LENGTH,
                "/tags/" + "k".repeat(129), "TagKey");
        assertOnly(validate(Templates.valid().str("/tags/team", "v".repeat(257))), ValidationCode.TEMPLATE_LENGTH,
                "/tags/team", "TagValue");
        assertClean(validate(Templates.valid().str("/tags/team", "")));
        assertOnly(validate(Templates.valid().str("/stopConditions/0/value", "short")),
                ValidationCode.TEMPLATE_LENGTH, "/stopConditions/0/value", "20 to 2048");
    }

    @Test
    void lengthsCountCodePointsNotUtf16Units() {
        String emoji = "\uD83D\uDE00".repeat(512);
        assertClean(validate(Templates.valid().str("/description", emoji)));
    }

    @Test
    void aLongActionNameIsReportedAtTheName() {
        String name = "A".repeat(65);
        Templates t = Templates.valid().set("/actions/" + name, "{\"actionId\": \"aws:fis:wait\", "
                + "\"parameters\": {\"duration\": \"PT1M\"}}");
        assertOnly(validate(t), ValidationCode.TEMPLATE_LENGTH, "/actions/" + name, "ExperimentTemplateActionName");
    }

    @Test
    void parameterValuesAreAtMost1024Characters() {
        ValidationResult r = validate(Templates.valid().str("/actions/Wait/parameters/duration", "P".repeat(1025)));
        assertOnly(r, ValidationCode.TEMPLATE_LENGTH, "/actions/Wait/parameters/duration", "1025 characters",
                "at most 1024");
    }

    @Test
    void unanchoredPatternsNeedOneNonWhitespaceCharacter() {
        assertOnly(validate(Templates.valid().str("/actions/Wait/parameters/duration", "   ")),
                ValidationCode.TEMPLATE_PATTERN, "/actions/Wait/parameters/duration", "no non-whitespace");
        // AWS patterns are not anchored: a value with a space still matches [\S]+
        ValidationResult r = validate(Templates.valid().str("/roleArn", "arn:aws:iam::111122223333:role/my role"));
        assertClean(r);
    }

    @Test
    void targetParameterValuesHaveAnAnchoredPattern() {
        Templates t = Templates.valid()
                .set("/targets/vol", "{\"resourceType\": \"aws:ec2:ebs-volume\", \"resourceTags\": {\"a\": \"b\"},"
                        + " \"selectionMode\": \"ALL\", \"parameters\": {\"availabilityZoneIdentifier\": "
                        + "\"<YOUR AVAILABILITY ZONE>\"}}")
                .set("/actions/Lat", "{\"actionId\": \"aws:ebs:volume-io-latency\", \"targets\": {\"Volumes\": \"vol\"},"
                        + " \"parameters\": {\"duration\": \"PT1M\"}}");
        ValidationResult r = validate(t);
        assertOnly(r, ValidationCode.TEMPLATE_PATTERN, "/targets/vol/parameters/availabilityZoneIdentifier",
                "\"<YOUR AVAILABILITY ZONE>\"", "only letters, digits");
        assertClean(validate(t.str("/targets/vol/parameters/availabilityZoneIdentifier", "use1-az1")));
    }

    @Test
    void enumerations() {
        ValidationResult r = validate(Templates.valid().set("/experimentOptions",
                "{\"accountTargeting\": \"single\", \"emptyTargetResolutionMode\": \"Skip\"}"));
        assertFinding(r, ValidationCode.TEMPLATE_ENUM, "/experimentOptions/accountTargeting", "\"single\"",
                "single-account, multi-account");
        assertFinding(r, ValidationCode.TEMPLATE_ENUM, "/experimentOptions/emptyTargetResolutionMode",
                "did you mean \"skip\"?");
        assertThat(r.findings()).hasSize(2);
        assertOnly(validate(Templates.valid().set("/experimentOptions", "{\"actionsMode\": \"skip-all\"}")),
                ValidationCode.TEMPLATE_UNKNOWN_MEMBER, "/experimentOptions/actionsMode");
    }

    @Test
    void atMostFiveArnsAndFiftyTags() {
        StringBuilder arns = new StringBuilder("[");
        for (int i = 0; i < 6; i++) {
            arns.append(i == 0 ? "" : ",").append("\"arn:aws:ec2:us-east-1:111122223333:instance/i-").append(i)
                    .append("\"");
        }
        Templates t = Templates.valid().remove("/targets/web/resourceTags").set("/targets/web/resourceArns",
                arns.append("]").toString()).str("/targets/web/selectionMode", "COUNT(1)");
        assertOnly(validate(t), ValidationCode.TEMPLATE_TOO_MANY, "/targets/web/resourceArns", "6 items",
                "at most 5");
        StringBuilder tags = new StringBuilder("{");
        for (int i = 0; i < 51; i++) {
            tags.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": \"v\"");
        }
        assertOnly(validate(Templates.valid().set("/tags", tags.append("}").toString())),
                ValidationCode.TEMPLATE_TOO_MANY, "/tags", "51 entries", "at most 50");
    }

    @Test
    void pointersEscapeSlashAndTilde() {
        ValidationResult r = validate(Templates.valid().set("/tags", "{\"a~b/c\": \"" + "v".repeat(300) + "\"}"));
        Finding f = assertOnly(r, ValidationCode.TEMPLATE_LENGTH, "/tags/a~0b~1c");
        assertThat(f.toString()).startsWith("/tags/a~0b~1c: ");
    }
}
