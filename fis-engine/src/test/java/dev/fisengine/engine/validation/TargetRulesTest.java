package dev.fisengine.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules on targets: resource types, identification, target parameters, selection modes, filters, use. */
class TargetRulesTest extends RuleAssertions {

    private static final String INSTANCE_ARN = "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0";

    @Test
    void arnsAndTagsTogetherUseAwsWording() {
        ValidationResult r = validate(Templates.valid().set("/targets/web/resourceArns", "[\"" + INSTANCE_ARN + "\"]"));
        assertOnly(r, ValidationCode.TARGET_ARNS_AND_TAGS, "/targets/web",
                "You cannot specify both resource ARNs and resource tags for target web.");
    }

    @Test
    void arnsAndFiltersTogether() {
        ValidationResult r = validate(Templates.valid().remove("/targets/web/resourceTags")
                .set("/targets/web/resourceArns", "[\"" + INSTANCE_ARN + "\"]")
                .set("/targets/web/filters", "[{\"path\": \"State.Name\", \"values\": [\"running\"]}]"));
        assertOnly(r, ValidationCode.TARGET_ARNS_AND_FILTERS, "/targets/web",
                "You cannot specify both resource ARNs and filters for target web.");
    }

    @Test
    void tagsWithFiltersAreFine() {
        assertClean(validate(Templates.valid().set("/targets/web/filters",
                "[{\"path\": \"Placement.AvailabilityZone\", \"values\": [\"us-east-1a\", \"us-east-1b\"]}]")));
    }

    @Test
    void aTargetMustIdentifySomething() {
        assertOnly(validate(Templates.valid().remove("/targets/web/resourceTags")),
                ValidationCode.TARGET_NO_IDENTIFICATION, "/targets/web", "give resourceArns or resourceTags");
        assertOnly(validate(Templates.valid().set("/targets/web/resourceTags", "{}")),
                ValidationCode.TARGET_NO_IDENTIFICATION, "/targets/web");
        assertOnly(validate(Templates.valid().remove("/targets/web/resourceTags")
                .set("/targets/web/filters", "[{\"path\": \"State.Name\", \"values\": [\"running\"]}]")),
                ValidationCode.TARGET_NO_IDENTIFICATION, "/targets/web");
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
    void podsAreIdentifiedByParametersOnly() {
        assertClean(validate(pods()));
        ValidationResult r = validate(pods().set("/targets/pods/resourceArns",
                "[\"arn:aws:eks:us-east-1:111122223333:cluster/prod\"]"));
        assertOnly(r, ValidationCode.TARGET_IDENTIFICATION, "/targets/pods/resourceArns",
                "TargetResourceType aws:eks:pod does not support resourceArns.");
        assertOnly(validate(pods().set("/targets/pods/resourceTags", "{\"a\": \"b\"}")),
                ValidationCode.TARGET_IDENTIFICATION, "/targets/pods/resourceTags",
                "TargetResourceType aws:eks:pod does not support resourceTags.");
    }

    @Test
    void targetParameters() {
        assertOnly(validate(pods().remove("/targets/pods/parameters/namespace")),
                ValidationCode.TARGET_MISSING_PARAMETER, "/targets/pods/parameters", "requires parameter \"namespace\"");
        assertOnly(validate(pods().str("/targets/pods/parameters/nameSpace", "x")),
                ValidationCode.TARGET_UNKNOWN_PARAMETER, "/targets/pods/parameters/nameSpace",
                "did you mean \"namespace\"?");
        assertOnly(validate(pods().str("/targets/pods/parameters/selectorType", "label")),
                ValidationCode.PARAMETER_NOT_ALLOWED, "/targets/pods/parameters/selectorType",
                "labelSelector, deploymentName, podName");
        assertOnly(validate(Templates.valid().set("/targets/web/parameters", "{\"cluster\": \"x\"}")),
                ValidationCode.TARGET_IDENTIFICATION, "/targets/web/parameters",
                "TargetResourceType aws:ec2:instance does not support parameters.");
        assertClean(validate(Templates.valid().set("/targets/web/parameters", "{}")));
    }

    @Test
    void parametersThatDoNotIdentifyStillNeedTagsOrArns() {
        Templates t = Templates.valid()
                .set("/targets/vol", "{\"resourceType\": \"aws:ec2:ebs-volume\", \"selectionMode\": \"ALL\", "
                        + "\"parameters\": {\"availabilityZoneIdentifier\": \"us-east-1a\"}}")
                .set("/actions/Lat", "{\"actionId\": \"aws:ebs:volume-io-latency\", \"targets\": {\"Volumes\": "
                        + "\"vol\"}, \"parameters\": {\"duration\": \"PT1M\"}}");
        assertOnly(validate(t), ValidationCode.TARGET_NO_IDENTIFICATION, "/targets/vol");
        assertClean(validate(t.set("/targets/vol/resourceTags", "{\"a\": \"b\"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALL", "COUNT(1)", "COUNT(5)", "PERCENT(1)", "PERCENT(100)", "PERCENT(50)"})
    void validSelectionModes(String mode) {
        assertClean(validate(Templates.valid().str("/targets/web/selectionMode", mode)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "all|did you mean \"ALL\"?",
        "COUNT(0)|COUNT(n) needs n ≥ 1",
        "PERCENT(0)|PERCENT(n) needs n from 1 to 100",
        "PERCENT(101)|PERCENT(n) needs n from 1 to 100",
        "COUNT(-1)|is not ALL, COUNT(n) or PERCENT(n)",
        "COUNT(1.5)|is not ALL, COUNT(n) or PERCENT(n)",
        "COUNT( 2 )|is not ALL, COUNT(n) or PERCENT(n)",
        "RANDOM|is not ALL, COUNT(n) or PERCENT(n)",
        "COUNT(99999999999999999999999)|too large",
        "PERCENT(99999999999999999999999)|PERCENT(n) needs n from 1 to 100"})
    void invalidSelectionModes(String mode, String fragment) {
        assertOnly(validate(Templates.valid().str("/targets/web/selectionMode", mode)),
                ValidationCode.TARGET_SELECTION_MODE, "/targets/web/selectionMode", "\"" + mode + "\"", fragment);
    }

    @Test
    void aCountAboveTheActionQuotaIsAWarning() {
        ValidationResult r = validate(Templates.valid().str("/targets/web/selectionMode", "COUNT(6)"));
        assertOnly(r, ValidationCode.TARGET_EXCEEDS_QUOTA, "/targets/web/selectionMode", "more than 5",
                "Instances of aws:ec2:stop-instances");
        assertThat(r.valid()).isTrue();
    }

    @Test
    void unknownAndDeprecatedResourceTypes() {
        ValidationResult r = validate(Templates.valid().str("/targets/web/resourceType", "aws:ec2:instances"));
        assertFinding(r, ValidationCode.TARGET_UNKNOWN_RESOURCE_TYPE, "/targets/web/resourceType",
                "\"aws:ec2:instances\"", "did you mean \"aws:ec2:instance\"?");
        assertFinding(r, ValidationCode.ACTION_RESOURCE_TYPE_MISMATCH, "/actions/Stop/targets/Instances");
        assertThat(r.findings()).hasSize(2);
    }

    @Test
    void unusedTargetsAreWarnings() {
        ValidationResult r = validate(Templates.valid().set("/targets/spare",
                "{\"resourceType\": \"aws:ec2:instance\", \"resourceTags\": {\"a\": \"b\"}, \"selectionMode\": \"ALL\"}"));
        assertOnly(r, ValidationCode.TARGET_UNUSED, "/targets/spare", "not used by any action");
        assertThat(r.valid()).isTrue();
    }

    @Test
    void filterPathsArePascalCase() {
        ValidationResult r = validate(Templates.valid().set("/targets/web/filters",
                "[{\"path\": \"State.name\", \"values\": [\"running\"]}]"));
        assertOnly(r, ValidationCode.TARGET_FILTER_PATH_CASE, "/targets/web/filters/0/path", "\"name\"",
                "PascalCase");
    }

    @Test
    void placeholdersInTagsAndFilters() {
        ValidationResult r = validate(Templates.valid().str("/targets/web/resourceTags/app", "${APP}")
                .set("/targets/web/filters", "[{\"path\": \"Placement.AvailabilityZone\", "
                        + "\"values\": [\"<YOUR TARGET AZ>\"]}]"));
        assertFinding(r, ValidationCode.VALUE_PLACEHOLDER, "/targets/web/resourceTags/app", "\"${APP}\"");
        assertFinding(r, ValidationCode.VALUE_PLACEHOLDER, "/targets/web/filters/0/values/0", "\"<YOUR TARGET AZ>\"");
        assertThat(r.findings()).hasSize(2);
        assertThat(r.valid()).isTrue();
    }

    @Test
    void resourceArnsAreArns() {
        Templates t = Templates.valid().remove("/targets/web/resourceTags");
        assertClean(validate(t.set("/targets/web/resourceArns", "[\"" + INSTANCE_ARN + "\"]")));
        assertOnly(validate(t.set("/targets/web/resourceArns", "[\"i-0123456789abcdef0123\"]")),
                ValidationCode.ARN_MALFORMED, "/targets/web/resourceArns/0", "is not an ARN");
        assertOnly(validate(t.set("/targets/web/resourceArns",
                "[\"arn:aws:ec2:us-east-1:<ACCOUNT_ID>:instance/<INSTANCE_ID>\"]")),
                ValidationCode.ARN_PLACEHOLDER, "/targets/web/resourceArns/0", "\"<ACCOUNT_ID>\"");
    }
}
