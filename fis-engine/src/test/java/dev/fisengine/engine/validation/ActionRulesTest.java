package dev.fisengine.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.validation.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules on actions: ids, target keys, resource types, identification, parameters, startAfter, quotas. */
class ActionRulesTest extends RuleAssertions {

    private static Templates throttle() {
        return Templates.valid()
                .set("/targets/role", "{\"resourceType\": \"aws:iam:role\", \"resourceArns\": "
                        + "[\"arn:aws:iam::111122223333:role/app\"], \"selectionMode\": \"ALL\"}")
                .set("/actions/Throttle", "{\"actionId\": \"aws:fis:inject-api-throttle-error\", "
                        + "\"targets\": {\"Roles\": \"role\"}, \"parameters\": {\"duration\": \"PT2M\", "
                        + "\"service\": \"ec2\", \"operations\": \"DescribeInstances\", \"percentage\": \"50\"}}");
    }

    @Test
    void theThrottleTemplateIsClean() {
        assertClean(validate(throttle()));
        assertClean(strict(throttle()));
    }

    @Test
    void unknownActionIdWithSuggestion() {
        ValidationResult r = validate(Templates.valid().str("/actions/Stop/actionId", "aws:ec2:stop-instance"));
        assertOnly(r, ValidationCode.ACTION_UNKNOWN, "/actions/Stop/actionId", "\"aws:ec2:stop-instance\"",
                "did you mean \"aws:ec2:stop-instances\"?");
        assertThat(r.valid()).isFalse();
    }

    @Test
    void unexpectedTargetKeyUsesAwsWording() {
        ValidationResult r = validate(Templates.valid().set("/actions/Stop/targets",
                "{\"Instances\": \"web\", \"SpotInstances\": \"web\"}"));
        assertOnly(r, ValidationCode.ACTION_UNKNOWN_TARGET_KEY, "/actions/Stop/targets/SpotInstances",
                "Unexpected target \"SpotInstances\" found in action \"Stop\".", "takes Instances");
        ValidationResult wait = validate(Templates.valid().set("/actions/Wait/targets", "{\"Instances\": \"web\"}"));
        assertOnly(wait, ValidationCode.ACTION_UNKNOWN_TARGET_KEY, "/actions/Wait/targets/Instances",
                "aws:fis:wait takes no targets");
    }

    @Test
    void aRequiredTargetKeyMustBeGiven() {
        ValidationResult r = validate(Templates.valid().remove("/actions/Stop/targets"));
        assertFinding(r, ValidationCode.ACTION_MISSING_TARGET, "/actions/Stop/targets", "\"Instances\"",
                "aws:ec2:instance");
        assertFinding(r, ValidationCode.TARGET_UNUSED, "/targets/web");
        assertThat(r.findings()).hasSize(2);
    }

    @Test
    void anOptionalTargetKeyMayBeLeftOut() {
        Templates t = Templates.valid().set("/actions/Latency",
                "{\"actionId\": \"fisengine:inject-api-latency\", \"parameters\": {\"duration\": \"PT1M\"}}");
        assertClean(validate(t));
    }

    @Test
    void unknownTargetName() {
        ValidationResult r = validate(Templates.valid().str("/actions/Stop/targets/Instances", "webb"));
        assertFinding(r, ValidationCode.ACTION_UNKNOWN_TARGET, "/actions/Stop/targets/Instances", "\"webb\"",
                "did you mean \"web\"?", "not defined in targets");
    }

    @Test
    void resourceTypeMismatch() {
        ValidationResult r = validate(throttle().str("/actions/Throttle/targets/Roles", "web"));
        assertFinding(r, ValidationCode.ACTION_RESOURCE_TYPE_MISMATCH, "/actions/Throttle/targets/Roles",
                "resourceType aws:ec2:instance", "takes aws:iam:role");
    }

    @Test
    void identificationTheActionForbids() {
        Templates t = throttle().str("/actions/Throttle/actionId", "aws:ec2:api-insufficient-instance-capacity-error")
                .set("/actions/Throttle/parameters", "{\"duration\": \"PT2M\", \"availabilityZoneIdentifiers\": "
                        + "\"use1-az1\", \"percentage\": \"100\"}");
        assertClean(validate(t));
        t.remove("/targets/role/resourceArns").set("/targets/role/resourceTags", "{\"chaos\": \"ready\"}");
        assertOnly(validate(t), ValidationCode.ACTION_IDENTIFICATION, "/actions/Throttle/targets/Roles",
                "does not support targets defined by resourceTags", "it supports resourceArns");
    }

    @Test
    void unknownParameterWithSuggestionAndTheList() {
        ValidationResult r = validate(Templates.valid().set("/actions/Auto", "{\"actionId\": "
                + "\"aws:ssm:start-automation-execution\", \"parameters\": {\"documentArn\": "
                + "\"arn:aws:ssm:us-east-1:111122223333:document/Run\", \"duration\": \"PT3M\"}}"));
        assertFinding(r, ValidationCode.ACTION_UNKNOWN_PARAMETER, "/actions/Auto/parameters/duration",
                "does not take parameter \"duration\"", "documentArn, documentParameters, maxDuration");
        assertFinding(r, ValidationCode.ACTION_MISSING_PARAMETER, "/actions/Auto/parameters",
                "requires parameter \"maxDuration\"");
        assertThat(r.findings()).hasSize(2);
    }

    @Test
    void anActionWithoutParametersTakesNone() {
        Templates t = Templates.valid().set("/actions/Reboot", "{\"actionId\": \"aws:ec2:reboot-instances\", "
                + "\"targets\": {\"Instances\": \"web\"}, \"parameters\": {\"force\": \"true\"}}");
        assertFinding(validate(t), ValidationCode.ACTION_UNKNOWN_PARAMETER, "/actions/Reboot/parameters/force",
                "it takes no parameters");
    }

    @Test
    void missingRequiredParameter() {
        assertOnly(validate(Templates.valid().set("/actions/Wait/parameters", "{}")),
                ValidationCode.ACTION_MISSING_PARAMETER, "/actions/Wait/parameters", "\"duration\"");
        assertOnly(validate(Templates.valid().remove("/actions/Wait/parameters")),
                ValidationCode.ACTION_MISSING_PARAMETER, "/actions/Wait/parameters", "\"duration\"");
    }

    @ParameterizedTest
    @CsvSource({"PT5X", "5m", "P1W", "PT-5M", "-PT5M", "PT", "P", "P1Y", "PT1,5S", "PT99999999999999999999H"})
    void invalidDurations(String value) {
        assertOnly(validate(Templates.valid().str("/actions/Wait/parameters/duration", value)),
                ValidationCode.PARAMETER_NOT_A_DURATION, "/actions/Wait/parameters/duration",
                "\"" + value + "\" is not an ISO-8601 duration");
    }

    @ParameterizedTest
    @CsvSource({"PT5S", "PT1M", "PT1M30S", "PT0.5S", "PT12H", "P0DT1H", "PT720M"})
    void validEmbeddedDurations(String value) {
        assertClean(validate(Templates.valid().str("/actions/Wait/parameters/duration", value)));
    }

    @Test
    void durationBoundsInEmbeddedMode() {
        assertOnly(validate(throttle().str("/actions/Throttle/parameters/duration", "PT0.5S")),
                ValidationCode.PARAMETER_DURATION_OUT_OF_RANGE, "/actions/Throttle/parameters/duration",
                "shorter than PT1S");
        assertOnly(validate(throttle().str("/actions/Throttle/parameters/duration", "PT12H1S")),
                ValidationCode.PARAMETER_DURATION_OUT_OF_RANGE, "/actions/Throttle/parameters/duration",
                "longer than PT12H");
        assertOnly(validate(Templates.valid().str("/actions/Stop/parameters/startInstancesAfterDuration", "P1D")),
                ValidationCode.PARAMETER_DURATION_OUT_OF_RANGE,
                "/actions/Stop/parameters/startInstancesAfterDuration", "P1D is longer than PT12H");
    }

    @Test
    void integersAndTheirRange() {
        assertOnly(validate(throttle().str("/actions/Throttle/parameters/percentage", "fifty")),
                ValidationCode.PARAMETER_NOT_AN_INTEGER, "/actions/Throttle/parameters/percentage",
                "\"fifty\" is not a whole number");
        assertOnly(validate(throttle().str("/actions/Throttle/parameters/percentage", "50.5")),
                ValidationCode.PARAMETER_NOT_AN_INTEGER, "/actions/Throttle/parameters/percentage");
        assertOnly(validate(throttle().str("/actions/Throttle/parameters/percentage", "9".repeat(40))),
                ValidationCode.PARAMETER_NOT_AN_INTEGER, "/actions/Throttle/parameters/percentage", "too large");
        assertOnly(validate(throttle().str("/actions/Throttle/parameters/percentage", "0")),
                ValidationCode.PARAMETER_OUT_OF_RANGE, "/actions/Throttle/parameters/percentage",
                "must be from 1 to 100");
        assertOnly(validate(throttle().str("/actions/Throttle/parameters/percentage", "101")),
                ValidationCode.PARAMETER_OUT_OF_RANGE, "/actions/Throttle/parameters/percentage", "\"101\"");
        assertClean(validate(throttle().str("/actions/Throttle/parameters/percentage", "100")));
    }

    @Test
    void parameterPatterns() {
        assertOnly(validate(throttle().str("/actions/Throttle/parameters/service", "DynamoDB")),
                ValidationCode.PARAMETER_PATTERN_MISMATCH, "/actions/Throttle/parameters/service", "\"DynamoDB\"",
                "[a-z][a-z0-9-]*");
        assertOnly(validate(throttle().str("/actions/Throttle/parameters/operations", "GetItem, putItem")),
                ValidationCode.PARAMETER_PATTERN_MISMATCH, "/actions/Throttle/parameters/operations",
                "Item \"putItem\"");
        assertClean(validate(throttle().str("/actions/Throttle/parameters/operations", "GetItem, PutItem")));
        // a placeholder is reported as such, not as a pattern mismatch
        assertOnly(validate(throttle().str("/actions/Throttle/parameters/service", "${SERVICE}")),
                ValidationCode.VALUE_PLACEHOLDER, "/actions/Throttle/parameters/service");
    }

    private static Templates volumes(String readPercentage) {
        return Templates.valid()
                .set("/targets/vol", "{\"resourceType\": \"aws:ec2:ebs-volume\", \"resourceTags\": {\"a\": \"b\"},"
                        + " \"selectionMode\": \"ALL\"}")
                .set("/actions/Lat", "{\"actionId\": \"aws:ebs:volume-io-latency\", \"targets\": {\"Volumes\": "
                        + "\"vol\"}, \"parameters\": {\"duration\": \"PT1M\", \"readIOPercentage\": \""
                        + readPercentage + "\"}}");
    }

    @Test
    void decimalNumbersAndTheirRange() {
        assertClean(validate(volumes("0.1")));
        assertClean(validate(volumes("100")));
        assertOnly(validate(volumes("0.05")), ValidationCode.PARAMETER_OUT_OF_RANGE,
                "/actions/Lat/parameters/readIOPercentage", "must be from 0.1 to 100");
        assertOnly(validate(volumes("NaN")), ValidationCode.PARAMETER_NOT_A_NUMBER,
                "/actions/Lat/parameters/readIOPercentage", "\"NaN\"");
        assertOnly(validate(volumes("1e999")), ValidationCode.PARAMETER_OUT_OF_RANGE,
                "/actions/Lat/parameters/readIOPercentage");
        assertOnly(validate(volumes("0x10")), ValidationCode.PARAMETER_NOT_A_NUMBER,
                "/actions/Lat/parameters/readIOPercentage");
    }

    @Test
    void booleansAcceptAnyCase() {
        assertClean(validate(Templates.valid().str("/actions/Stop/parameters/completeIfInstancesTerminated", "True")));
        assertOnly(validate(Templates.valid().str("/actions/Stop/parameters/completeIfInstancesTerminated", "yes")),
                ValidationCode.PARAMETER_NOT_A_BOOLEAN, "/actions/Stop/parameters/completeIfInstancesTerminated",
                "\"yes\" is not true or false");
    }

    private static Templates pods() {
        return Templates.valid()
                .set("/targets/pods", "{\"resourceType\": \"aws:eks:pod\", \"selectionMode\": \"ALL\", \"parameters\": "
                        + "{\"clusterIdentifier\": \"prod\", \"namespace\": \"default\", \"selectorType\": "
                        + "\"labelSelector\", \"selectorValue\": \"app=web\"}}")
                .set("/actions/Delete", "{\"actionId\": \"aws:eks:pod-delete\", \"targets\": {\"Pods\": \"pods\"}, "
                        + "\"parameters\": {\"kubernetesServiceAccount\": \"fis-sa\"}}");
    }

    @Test
    void enumerationParameters() {
        assertClean(validate(pods().str("/actions/Delete/parameters/fisPodSecurityPolicy", "baseline")));
        assertOnly(validate(pods().str("/actions/Delete/parameters/fisPodSecurityPolicy", "Baseline")),
                ValidationCode.PARAMETER_NOT_ALLOWED, "/actions/Delete/parameters/fisPodSecurityPolicy",
                "\"Baseline\"", "did you mean \"baseline\"?", "privileged, baseline, restricted");
        assertOnly(validate(pods().str("/actions/Delete/parameters/gracePeriodSeconds", "-1")),
                ValidationCode.PARAMETER_OUT_OF_RANGE, "/actions/Delete/parameters/gracePeriodSeconds",
                "at least 0");
    }

    private static Templates assertAlarms(String arns, String states) {
        return Templates.valid().set("/actions/Check", "{\"actionId\": \"aws:cloudwatch:assert-alarm-state\", "
                + "\"parameters\": {\"alarmArns\": \"" + arns + "\", \"alarmStates\": \"" + states + "\"}}");
    }

    @Test
    void listsAndArnLists() {
        String alarm = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:high-errors";
        assertClean(validate(assertAlarms(alarm + ", " + alarm, "OK,ALARM")));
        assertOnly(validate(assertAlarms(alarm, "OK,Alarm")), ValidationCode.PARAMETER_NOT_ALLOWED,
                "/actions/Check/parameters/alarmStates", "Item \"Alarm\"", "OK, ALARM, INSUFFICIENT_DATA");
        assertOnly(validate(assertAlarms(String.join(",", java.util.Collections.nCopies(6, alarm)), "OK")),
                ValidationCode.PARAMETER_TOO_MANY_ITEMS, "/actions/Check/parameters/alarmArns", "6 items",
                "at most 5");
        assertOnly(validate(assertAlarms(alarm + ",high-errors", "OK")), ValidationCode.ARN_MALFORMED,
                "/actions/Check/parameters/alarmArns", "\"high-errors\" is not an ARN");
    }

    @Test
    void listMaxItems() {
        Templates t = throttle().str("/actions/Throttle/actionId", "aws:ec2:api-insufficient-instance-capacity-error")
                .set("/actions/Throttle/parameters", "{\"duration\": \"PT2M\", \"availabilityZoneIdentifiers\": "
                        + "\"a,b,c,d\", \"percentage\": \"100\"}");
        assertOnly(validate(t), ValidationCode.PARAMETER_TOO_MANY_ITEMS,
                "/actions/Throttle/parameters/availabilityZoneIdentifiers", "4 items");
    }

    private static Templates automation(String documentArn, String documentParameters) {
        return Templates.valid().set("/actions/Auto", "{\"actionId\": \"aws:ssm:start-automation-execution\", "
                + "\"parameters\": {\"documentArn\": \"" + documentArn + "\", \"maxDuration\": \"PT3M\", "
                + "\"documentParameters\": " + new com.fasterxml.jackson.databind.node.TextNode(documentParameters)
                + "}}");
    }

    @Test
    void jsonAndArnParameters() {
        String doc = "arn:aws:ssm:us-east-1:111122223333:document/Run";
        assertClean(validate(automation(doc, "{\"a\": [\"b\"], \"n\": 1}")));
        assertOnly(validate(automation(doc, "{\"a\": ")), ValidationCode.PARAMETER_NOT_JSON,
                "/actions/Auto/parameters/documentParameters", "not a JSON document");
        assertOnly(validate(automation(doc, "{} {}")), ValidationCode.PARAMETER_NOT_JSON,
                "/actions/Auto/parameters/documentParameters", "after the end");
        assertOnly(validate(automation("ssm:document/Run", "{}")), ValidationCode.ARN_MALFORMED,
                "/actions/Auto/parameters/documentArn", "\"ssm:document/Run\" is not an ARN");
        assertOnly(validate(automation("arn:aws:ssm:us-east-1:<ACCOUNT_ID>:document/Run", "{}")),
                ValidationCode.ARN_PLACEHOLDER, "/actions/Auto/parameters/documentArn", "\"<ACCOUNT_ID>\"");
        assertOnly(validate(automation(doc, "{\"table\": \"<YOUR TABLE NAME>\"}")), ValidationCode.VALUE_PLACEHOLDER,
                "/actions/Auto/parameters/documentParameters", "\"<YOUR TABLE NAME>\"");
    }

    @Test
    void startAfterUnknownAction() {
        ValidationResult r = validate(Templates.valid().set("/actions/Wait/startAfter", "[\"Stop\", \"Stopp\"]"));
        assertOnly(r, ValidationCode.ACTION_START_AFTER_UNKNOWN, "/actions/Wait/startAfter/1", "\"Stopp\"",
                "did you mean \"Stop\"?");
    }

    @Test
    void startAfterCycles() {
        ValidationResult r = validate(Templates.valid().set("/actions/Stop/startAfter", "[\"Wait\"]"));
        Finding f = assertOnly(r, ValidationCode.ACTION_START_AFTER_CYCLE, "/actions/Stop/startAfter",
                "\"Stop\" → \"Wait\" → \"Stop\"");
        assertThat(f.message()).contains("none of these actions can start");
        assertOnly(validate(Templates.valid().set("/actions/Wait/startAfter", "[\"Wait\"]")),
                ValidationCode.ACTION_START_AFTER_CYCLE, "/actions/Wait/startAfter", "starts after itself");
    }

    @Test
    void aLongStartAfterChainIsCheckedWithoutRecursion() {
        Templates t = Templates.valid().remove("/actions/Stop").remove("/targets/web").set("/actions", "{}");
        StringBuilder actions = new StringBuilder("{");
        for (int i = 0; i < 5000; i++) {
            actions.append(i == 0 ? "" : ",").append("\"a").append(i).append("\": {\"actionId\": \"aws:fis:wait\", "
                    + "\"parameters\": {\"duration\": \"PT1M\"}, \"startAfter\": [\"a").append((i + 1) % 5000)
                    .append("\"]}");
        }
        ValidationResult r = validate(t.set("/actions", actions.append("}").toString()));
        assertFinding(r, ValidationCode.QUOTA_ACTIONS, "/actions", "5000 actions");
        Finding cycle = assertFinding(r, ValidationCode.ACTION_START_AFTER_CYCLE, "/actions/a0/startAfter",
                "more) → \"a0\"");
        assertThat(cycle.message().length()).isLessThan(400);
    }

    @Test
    void atMostTwentyActionsAndAtLeastOne() {
        Templates t = Templates.valid();
        for (int i = 0; i < 19; i++) {
            t.set("/actions/W" + i, "{\"actionId\": \"aws:fis:wait\", \"parameters\": {\"duration\": \"PT1M\"}}");
        }
        assertOnly(validate(t), ValidationCode.QUOTA_ACTIONS, "/actions", "21 actions", "at most 20");
        assertClean(validate(t.remove("/actions/W0")));
        ValidationResult none = validate(Templates.valid().set("/actions", "{}"));
        assertFinding(none, ValidationCode.TEMPLATE_NO_ACTIONS, "/actions", "at least one");
    }

    @Test
    void deprecatedAndNotExecutableActionsAreWarnings() {
        Templates t = Templates.valid()
                .set("/targets/rg", "{\"resourceType\": \"aws:elasticache:redis-replicationgroup\", "
                        + "\"resourceTags\": {\"a\": \"b\"}, \"selectionMode\": \"ALL\"}")
                .set("/actions/Power", "{\"actionId\": \"aws:elasticache:interrupt-cluster-az-power\", "
                        + "\"targets\": {\"ReplicationGroups\": \"rg\"}, \"parameters\": {\"duration\": \"PT1M\"}}");
        ValidationResult r = validate(t);
        assertFinding(r, ValidationCode.ACTION_DEPRECATED, "/actions/Power/actionId",
                "use aws:elasticache:replicationgroup-interrupt-az-power");
        assertFinding(r, ValidationCode.ACTION_NOT_EXECUTABLE, "/actions/Power/actionId", "cannot run it in-process");
        assertFinding(r, ValidationCode.TARGET_DEPRECATED_RESOURCE_TYPE, "/targets/rg/resourceType",
                "use aws:elasticache:replicationgroup");
        assertThat(r.findings()).hasSize(3);
        assertThat(r.valid()).isTrue();
    }
}
