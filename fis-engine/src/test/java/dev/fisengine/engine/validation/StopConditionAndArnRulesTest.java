package dev.fisengine.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stop conditions, roleArn, ARN placeholders, log and report configuration. */
class StopConditionAndArnRulesTest extends RuleAssertions {

    private static final String ALARM = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:high-errors";

    private static Templates alarm(String value) {
        return Templates.valid().set("/stopConditions", "[{\"source\": \"aws:cloudwatch:alarm\", \"value\": \""
                + value + "\"}]");
    }

    @Test
    void alarmStopConditions() {
        assertClean(validate(alarm(ALARM)));
        assertOnly(validate(alarm("arn:aws:sns:us-east-1:111122223333:topic")), ValidationCode.STOP_CONDITION_INVALID_VALUE,
                "/stopConditions/0/value", "is not a CloudWatch alarm ARN");
        assertOnly(validate(alarm("arn:aws:cloudwatch:us-east-1:<ACCOUNT_ID>:alarm:<CLOUDWATCH_ALARM>")),
                ValidationCode.ARN_PLACEHOLDER, "/stopConditions/0/value", "\"<ACCOUNT_ID>\"");
        assertOnly(validate(Templates.valid().set("/stopConditions", "[{\"source\": \"aws:cloudwatch:alarm\"}]")),
                ValidationCode.STOP_CONDITION_MISSING_VALUE, "/stopConditions/0", "needs a value");
    }

    @Test
    void atLeastOneAndAtMostFiveStopConditions() {
        assertOnly(validate(Templates.valid().set("/stopConditions", "[]")), ValidationCode.STOP_CONDITION_EMPTY,
                "/stopConditions", "[{\"source\": \"none\"}]");
        StringBuilder six = new StringBuilder("[");
        for (int i = 0; i < 6; i++) {
            six.append(i == 0 ? "" : ",").append("{\"source\": \"aws:cloudwatch:alarm\", \"value\": \"").append(ALARM)
                    .append(i).append("\"}");
        }
        assertOnly(validate(Templates.valid().set("/stopConditions", six.append("]").toString())),
                ValidationCode.QUOTA_STOP_CONDITIONS, "/stopConditions", "6 stop conditions", "at most 5");
    }

    @Test
    void unknownSources() {
        assertOnly(validate(Templates.valid().str("/stopConditions/0/source", "aws:cloudwatch:alarms")),
                ValidationCode.STOP_CONDITION_UNKNOWN_SOURCE, "/stopConditions/0/source",
                "did you mean \"aws:cloudwatch:alarm\"?", "aws:cloudwatch:alarm, none, test:flag");
        TemplateValidator bare = TemplateValidator.create(dev.fisengine.engine.plugins.Plugins.discovered(),
                ValidationMode.EMBEDDED);
        assertOnly(bare.validateJson(alarm(ALARM).remove("/actions/Stop").remove("/targets").set("/actions/Wait/startAfter", "[]").json()), ValidationCode.STOP_CONDITION_UNKNOWN_SOURCE,
                "/stopConditions/0/source", "add fis-stop-cloudwatch to the classpath");
    }

    @Test
    void aPluginSourceUsesItsOwnPattern() {
        Templates t = Templates.valid().set("/stopConditions", "[{\"source\": \"test:flag\", \"value\": "
                + "\"abcdefghijklmnopqrstuvwxyz\"}]");
        assertClean(validate(t));
        assertOnly(validate(t.str("/stopConditions/0/value", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
                ValidationCode.STOP_CONDITION_INVALID_VALUE, "/stopConditions/0/value", "a lower-case flag name");
    }

    @Test
    void noneTakesNoValue() {
        ValidationResult r = validate(Templates.valid().str("/stopConditions/0/value", ALARM));
        assertOnly(r, ValidationCode.STOP_CONDITION_VALUE_IGNORED, "/stopConditions/0/value", "takes no value");
        assertThat(r.valid()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "arn:aws:iam::<ACCOUNT_ID>:role/<IAM_ROLE>|\"<ACCOUNT_ID>\"",
        "arn:aws:iam::${AWS::AccountId}:role/fis|\"${AWS::AccountId}\"",
        "arn:aws:iam::{{ account }}:role/fis|\"{{ account }}\"",
        "arn:aws:iam::your_aws_account:role/fis|account id \"your_aws_account\"",
        "arn:aws:iam::<YOUR AWS ACCOUNT>:role/<YOUR ROLE NAME>|\"<YOUR AWS ACCOUNT>\""})
    void placeholdersInTheRoleArnAreWarnings(String role, String fragment) {
        ValidationResult r = validate(Templates.valid().str("/roleArn", role));
        assertOnly(r, ValidationCode.ARN_PLACEHOLDER, "/roleArn", fragment);
        assertThat(r.valid()).isTrue();
    }

    @Test
    void aPlaceholderRegionIsAWarning() {
        ValidationResult r = validate(Templates.valid().set("/logConfiguration", "{\"logSchemaVersion\": 2, "
                + "\"cloudWatchLogsConfiguration\": {\"logGroupArn\": "
                + "\"arn:aws:logs:YOUR_REGION_HERE:111122223333:log-group:fis:*\"}}"));
        assertOnly(r, ValidationCode.ARN_PLACEHOLDER, "/logConfiguration/cloudWatchLogsConfiguration/logGroupArn",
                "region \"YOUR_REGION_HERE\"");
    }

    @Test
    void strictAwsRejectsARoleArnThatIsNotAnIamRole() {
        assertOnly(strict(Templates.valid().str("/roleArn", "arn:aws:iam::111122223333:user/alice")),
                ValidationCode.ARN_NOT_A_ROLE, "/roleArn", "is not an IAM role ARN");
        assertOnly(strict(Templates.valid().str("/roleArn", "arn:aws:iam:::role/WindowsFisDemo")),
                ValidationCode.ARN_NOT_A_ROLE, "/roleArn", "has no account id");
        assertOnly(strict(Templates.valid().str("/roleArn", "FisWorkshopServiceRole-1234")),
                ValidationCode.ARN_MALFORMED, "/roleArn", "is not an ARN");
        assertOnly(strict(Templates.valid().str("/roleArn", "arn:aws:iam:123456789012:role/ExperimentRole")),
                ValidationCode.ARN_MALFORMED, "/roleArn", "is not an ARN");
    }

    @Test
    void embeddedModeOnlyWarnsAboutARoleArnItNeverAssumes() {
        for (String role : List.of("arn:aws:iam::111122223333:user/alice", "arn:aws:iam:::role/WindowsFisDemo",
                "FisWorkshopServiceRole-1234", "arn:aws:iam:123456789012:role/ExperimentRole")) {
            ValidationResult r = validate(Templates.valid().str("/roleArn", role));
            assertOnly(r, ValidationCode.ROLE_ARN_UNUSED, "/roleArn", "does not assume roleArn");
            assertThat(r.valid()).as(role).isTrue();
        }
        assertClean(validate(Templates.valid().str("/roleArn",
                "arn:aws-us-gov:iam::111122223333:role/service-role/fis")));
    }

    @Test
    void logConfiguration() {
        assertClean(validate(Templates.valid().set("/logConfiguration", "{\"logSchemaVersion\": 2, "
                + "\"s3Configuration\": {\"bucketName\": \"fis-logs\", \"prefix\": \"exp/\"}}")));
        assertOnly(validate(Templates.valid().set("/logConfiguration", "{\"logSchemaVersion\": 3, "
                + "\"s3Configuration\": {\"bucketName\": \"fis-logs\"}}")), ValidationCode.LOG_SCHEMA_VERSION,
                "/logConfiguration/logSchemaVersion", "1 and 2");
        assertOnly(validate(Templates.valid().set("/logConfiguration", "{\"logSchemaVersion\": 2}")),
                ValidationCode.LOG_NO_DESTINATION, "/logConfiguration", "goes nowhere");
        assertOnly(validate(Templates.valid().set("/logConfiguration", "{\"logSchemaVersion\": 2, "
                + "\"s3Configuration\": {\"bucketName\": \"fi\"}}")), ValidationCode.TEMPLATE_LENGTH,
                "/logConfiguration/s3Configuration/bucketName", "3 to 63");
    }

    @Test
    void reportConfiguration() {
        String report = "{\"outputs\": {\"s3Configuration\": {\"bucketName\": \"fis-reports\"}}, "
                + "\"dataSources\": {\"cloudWatchDashboards\": [{\"dashboardIdentifier\": "
                + "\"arn:aws:cloudwatch::111122223333:dashboard/app\"}]}, "
                + "\"preExperimentDuration\": \"PT20M\", \"postExperimentDuration\": \"PT20M\"}";
        assertClean(validate(Templates.valid().set("/experimentReportConfiguration", report)));
        assertOnly(validate(Templates.valid().set("/experimentReportConfiguration", report)
                .str("/experimentReportConfiguration/preExperimentDuration", "20 minutes")),
                ValidationCode.REPORT_DURATION, "/experimentReportConfiguration/preExperimentDuration",
                "\"20 minutes\"");
    }
}
