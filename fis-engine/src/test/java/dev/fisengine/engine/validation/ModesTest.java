package dev.fisengine.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What differs between embedded (what this engine runs) and strict-aws (what AWS FIS accepts). */
class ModesTest extends RuleAssertions {

    private static Templates throttle(String service, String duration) {
        return Templates.valid()
                .set("/targets/role", "{\"resourceType\": \"aws:iam:role\", \"resourceArns\": "
                        + "[\"arn:aws:iam::111122223333:role/app\"], \"selectionMode\": \"ALL\"}")
                .set("/actions/Throttle", "{\"actionId\": \"aws:fis:inject-api-throttle-error\", "
                        + "\"targets\": {\"Roles\": \"role\"}, \"parameters\": {\"duration\": \"" + duration + "\", "
                        + "\"service\": \"" + service + "\", \"operations\": \"GetItem\", \"percentage\": \"50\"}}");
    }

    @Test
    void anyServiceIsFineEmbeddedButOnlyEc2AndKinesisInAws() {
        assertClean(validate(throttle("dynamodb", "PT1M")));
        assertOnly(strict(throttle("dynamodb", "PT1M")), ValidationCode.PARAMETER_NOT_ALLOWED,
                "/actions/Throttle/parameters/service", "\"dynamodb\" is not accepted by AWS FIS", "ec2, kinesis");
        assertClean(strict(throttle("kinesis", "PT1M")));
    }

    @Test
    void subMinuteDurationsAreFineEmbeddedButNotInAws() {
        assertClean(validate(throttle("ec2", "PT5S")));
        assertOnly(strict(throttle("ec2", "PT5S")), ValidationCode.PARAMETER_DURATION_OUT_OF_RANGE,
                "/actions/Throttle/parameters/duration", "shorter than PT1M", "strict-aws");
        assertClean(validate(Templates.valid().str("/actions/Wait/parameters/duration", "PT5S")));
        assertOnly(strict(Templates.valid().str("/actions/Wait/parameters/duration", "PT5S")),
                ValidationCode.PARAMETER_DURATION_OUT_OF_RANGE, "/actions/Wait/parameters/duration", "PT1M");
    }

    @Test
    void extensionsAreErrorsInStrictMode() {
        Templates t = Templates.valid().set("/actions/Latency",
                "{\"actionId\": \"fisengine:inject-api-latency\", \"parameters\": {\"duration\": \"PT1M\"}}");
        assertClean(validate(t));
        assertOnly(strict(t), ValidationCode.ACTION_NOT_IN_AWS, "/actions/Latency/actionId",
                "AWS FIS does not have it");
    }

    @Test
    void catalogOnlyActionsWarnOnlyInEmbeddedMode() {
        Templates t = Templates.valid().set("/actions/Reboot",
                "{\"actionId\": \"aws:ec2:reboot-instances\", \"targets\": {\"Instances\": \"web\"}}");
        ValidationResult r = validate(t);
        assertOnly(r, ValidationCode.ACTION_NOT_EXECUTABLE, "/actions/Reboot/actionId", "aws:ec2:reboot-instances");
        assertThat(r.valid()).isTrue();
        assertClean(strict(t));
    }

    @Test
    void theExampleAccountWarnsOnlyInStrictMode() {
        Templates t = Templates.valid().str("/roleArn", "arn:aws:iam::123456789012:role/fis");
        assertClean(validate(t));
        ValidationResult r = strict(t);
        assertOnly(r, ValidationCode.ARN_EXAMPLE_ACCOUNT, "/roleArn", "123456789012");
        assertThat(r.valid()).isTrue();
    }

    @Test
    void pluginStopSourcesAreNotInAws() {
        Templates t = Templates.valid().set("/stopConditions", "[{\"source\": \"test:flag\", \"value\": "
                + "\"abcdefghijklmnopqrstuvwxyz\"}]");
        assertClean(validate(t));
        assertOnly(strict(t), ValidationCode.STOP_CONDITION_NOT_IN_AWS, "/stopConditions/0/source",
                "none or aws:cloudwatch:alarm");
    }

    @Test
    void strictModeKnowsTheAlarmSourceWithoutThePlugin() {
        TemplateValidator bare = TemplateValidator.create(dev.fisengine.engine.plugins.Plugins.discovered(),
                ValidationMode.STRICT_AWS);
        Templates t = Templates.of("{\"description\": \"d\", \"roleArn\": \"arn:aws:iam::111122223333:role/r\", "
                + "\"stopConditions\": [{\"source\": \"aws:cloudwatch:alarm\", \"value\": "
                + "\"arn:aws:cloudwatch:us-east-1:111122223333:alarm:a\"}], \"targets\": {}, "
                + "\"actions\": {\"W\": {\"actionId\": \"aws:fis:wait\", \"parameters\": {\"duration\": \"PT1M\"}}}}");
        assertClean(bare.validateJson(t.json()));
        assertOnly(bare.validateJson(t.str("/stopConditions/0/value", "arn:aws:cloudwatch:us-east-1:111122223333:alarm").json()),
                ValidationCode.STOP_CONDITION_INVALID_VALUE, "/stopConditions/0/value");
    }

    @Test
    void theModeIsReported() {
        assertThat(EMBEDDED.mode()).isEqualTo(ValidationMode.EMBEDDED);
        assertThat(STRICT.mode()).isEqualTo(ValidationMode.STRICT_AWS);
    }
}
