package dev.fisengine.aws.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.aws.catalog.AwsActionCatalog;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationMode;
import dev.fisengine.testkit.FisTestkit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad parameters of the API-fault actions are validation findings when the template is created, before anything
 * runs: the descriptors carry the bounds and patterns the validator checks.
 */
class ApiFaultActionValidationTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/app";
    private final FisEngine engine = FisTestkit.engineBuilder(FisTestkit.manualClock()).slf4jLog(false).build();

    @AfterEach
    void close() {
        engine.close();
    }

    /** A one-action template named {@code Fault}; {@code parameters} override the valid defaults ("" removes). */
    static String template(String actionId, Map<String, String> parameters, boolean roles) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("service", "dynamodb");
        p.put("operations", "PutItem,GetItem");
        p.put("percentage", "50");
        p.put("duration", "PT5M");
        if (actionId.equals(ApiFaultActions.INJECT_API_LATENCY)) {
            p.put("delayMilliseconds", "200");
        } else if (actionId.equals(ApiFaultActions.INJECT_API_ERROR)) {
            p.put("statusCode", "400");
            p.put("errorCode", "ProvisionedThroughputExceededException");
        }
        p.putAll(parameters);
        p.values().removeIf(String::isEmpty);
        String params = p.entrySet().stream().map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", "));
        String targets = roles ? "{\"App\": {\"resourceType\": \"aws:iam:role\", \"resourceArns\": [\"" + ROLE
                + "\"], \"selectionMode\": \"ALL\"}}" : "{}";
        return "{\"description\": \"t\", \"targets\": " + targets + ", \"actions\": {\"Fault\": {\"actionId\": \""
                + actionId + "\", \"parameters\": {" + params + "}" + (roles ? ", \"targets\": {\"Roles\": \"App\"}"
                : "") + "}}, \"stopConditions\": [{\"source\": \"none\"}], \"roleArn\": "
                + "\"arn:aws:iam::123456789012:role/fis\"}";
    }

    private List<Finding> rejected(String json) {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> engine.createExperimentTemplate(json));
        assertThat(e).as("createExperimentTemplate rejects it").isNotNull();
        return e.findings();
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @CsvSource({
        "aws:fis:inject-api-throttle-error,       percentage,        0,          parameter.out-of-range",
        "aws:fis:inject-api-throttle-error,       percentage,        101,        parameter.out-of-range",
        "aws:fis:inject-api-internal-error,       percentage,        half,       parameter.not-an-integer",
        "aws:fis:inject-api-unavailable-error,    service,           DynamoDB,   parameter.pattern-mismatch",
        "aws:fis:inject-api-throttle-error,       service,           dynamo db,  parameter.pattern-mismatch",
        "aws:fis:inject-api-throttle-error,       operations,        putItem,    parameter.pattern-mismatch",
        "aws:fis:inject-api-throttle-error,       duration,          PT5X,       parameter.not-a-duration",
        "fisengine:sdk:inject-api-error,          statusCode,        200,        parameter.out-of-range",
        "fisengine:sdk:inject-api-error,          statusCode,        600,        parameter.out-of-range",
        "fisengine:sdk:inject-api-error,          errorCode,         Bad Code,   parameter.pattern-mismatch",
        "fisengine:sdk:inject-api-error,          errorCode,         A;B,        parameter.pattern-mismatch",
        "fisengine:sdk:inject-api-error,          percentage,        0,          parameter.out-of-range",
        "fisengine:sdk:inject-api-latency,        delayMilliseconds, 0,          parameter.out-of-range",
        "fisengine:sdk:inject-api-latency,        jitterMilliseconds, -1,        parameter.out-of-range",
        "fisengine:sdk:inject-api-latency,        service,           s3!,        parameter.pattern-mismatch",
        "fisengine:sdk:inject-connection-failure, percentage,        101,        parameter.out-of-range",
        "fisengine:sdk:inject-connection-failure, maxFaults,         0,          parameter.out-of-range",
        "fisengine:sdk:inject-api-error,          firstAttempts,     1000000001, parameter.out-of-range",
        "fisengine:sdk:inject-api-latency,        everyNthAttempt,   0,          parameter.out-of-range"})
    void aBadParameterIsAFindingAtItsPath(String actionId, String parameter, String value, String code) {
        List<Finding> findings = rejected(template(actionId, Map.of(parameter, value), true));
        assertThat(findings).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(code, "/actions/Fault/parameters/" + parameter));
        assertThat(findings.get(0).message()).contains(value);
    }

    @Test
    void everyBadParameterIsReportedAtOnce() {
        List<Finding> findings = rejected(template(ApiFaultActions.INJECT_API_ERROR,
                Map.of("percentage", "0", "statusCode", "200", "service", "Not A Service", "errorCode", ""), false));
        assertThat(findings).extracting(Finding::code, Finding::path).containsExactlyInAnyOrder(
                tuple("parameter.out-of-range", "/actions/Fault/parameters/percentage"),
                tuple("parameter.out-of-range", "/actions/Fault/parameters/statusCode"),
                tuple("parameter.pattern-mismatch", "/actions/Fault/parameters/service"),
                tuple("action.missing-parameter", "/actions/Fault/parameters"));
    }

    @Test
    void theAwsActionsRequireRolesAsAwsFisDoes() {
        for (String id : List.of(AwsActionCatalog.INJECT_API_INTERNAL_ERROR, AwsActionCatalog.INJECT_API_THROTTLE_ERROR,
                AwsActionCatalog.INJECT_API_UNAVAILABLE_ERROR)) {
            assertThat(rejected(template(id, Map.of(), false))).as(id)
                    .extracting(Finding::code, Finding::path)
                    .containsExactly(tuple("action.missing-target", "/actions/Fault/targets"));
        }
    }

    @Test
    void theExtensionActionsAreValidWithOrWithoutRoles() {
        for (String id : List.of(ApiFaultActions.INJECT_API_LATENCY, ApiFaultActions.INJECT_API_ERROR,
                ApiFaultActions.INJECT_CONNECTION_FAILURE)) {
            assertThat(engine.createExperimentTemplate(template(id, Map.of(), false)).actions()).as(id)
                    .containsKey("Fault");
            assertThat(engine.createExperimentTemplate(template(id, Map.of("duration", "PT5S"), true)).targets())
                    .as(id).containsKey("App");
        }
    }

    @Test
    void theLatencyActionRequiresItsDelay() {
        assertThat(rejected(template(ApiFaultActions.INJECT_API_LATENCY, Map.of("delayMilliseconds", ""), true)))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.code()).isEqualTo("action.missing-parameter");
                    assertThat(f.message()).contains("delayMilliseconds");
                });
    }

    @Test
    void strictAwsModeRejectsTheExtensionsAsNotInAwsAndNothingElse() {
        TemplateValidator strict = TemplateValidator.create(Plugins.discovered(), ValidationMode.STRICT_AWS);
        for (String id : List.of(ApiFaultActions.INJECT_API_LATENCY, ApiFaultActions.INJECT_API_ERROR,
                ApiFaultActions.INJECT_CONNECTION_FAILURE)) {
            String json = template(id, Map.of("service", "ec2", "operations", "DescribeInstances",
                    "duration", "PT5S"), true);
            assertThat(strict.validateJson(json).errors()).as(id).extracting(Finding::code, Finding::path)
                    .containsExactly(tuple("action.not-in-aws", "/actions/Fault/actionId"));
        }
        assertThat(strict.validateJson(template(AwsActionCatalog.INJECT_API_THROTTLE_ERROR,
                Map.of("service", "ec2", "operations", "DescribeInstances"), true)).errors())
                .as("the AWS action as AWS FIS takes it").isEmpty();
    }

    @Test
    void getActionShowsTheExtensionsParameters() {
        assertThat(engine.getAction(ApiFaultActions.INJECT_API_LATENCY).parameters().keySet())
                .containsExactlyInAnyOrder("service", "operations", "percentage", "duration", "firstAttempts",
                        "everyNthAttempt", "maxFaults", "delayMilliseconds", "jitterMilliseconds");
        assertThat(engine.getAction(ApiFaultActions.INJECT_API_ERROR).parameters().keySet())
                .containsExactlyInAnyOrder("service", "operations", "percentage", "duration", "firstAttempts",
                        "everyNthAttempt", "maxFaults", "statusCode", "errorCode", "queryErrorCode", "message");
        assertThat(engine.getAction(ApiFaultActions.INJECT_API_ERROR).targets().keySet()).containsExactly("Roles");
        assertThatThrownBy(() -> engine.getAction("fisengine:sdk:inject-api-nothing"))
                .hasMessageContaining("fisengine:sdk:inject-api-nothing");
    }
}
