package dev.fisengine.aws.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.validation.Finding;
import dev.fisengine.api.validation.Severity;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.validation.ValidationResult;
import dev.fisengine.testkit.FisTestkit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Template validation through the engine reports operations the service does not have (an API-fault rule that can
 * never match) as a warning at {@code /actions/<name>/parameters/operations}, naming the closest real operations;
 * the template is still created, as AWS FIS would create it.
 */
class OperationsValidationTest {
    private FisEngine engine;

    @BeforeEach
    void engine() {
        engine = FisTestkit.engineBuilder(FisTestkit.manualClock()).slf4jLog(false).build();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static String template(String service, String operations) {
        return """
                {"description": "d", "targets": {}, "stopConditions": [{"source": "none"}],
                 "roleArn": "arn:aws:iam::111122223333:role/fis",
                 "actions": {"throttle": {"actionId": "fisengine:sdk:inject-api-error", "parameters": {
                   "service": "%s", "operations": "%s", "percentage": "100", "duration": "PT1M",
                   "statusCode": "400", "errorCode": "Boom"}}}}""".formatted(service, operations);
    }

    @Test
    void aMisspelledOperationIsAValidationWarningWithSuggestions() {
        String json = template("sqs", "SendMesage, ReceiveMessage");
        ValidationResult r = engine.validator().validateJson(json);
        assertThat(r.valid()).isTrue();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.code()).isEqualTo("action.plugin-check");
            assertThat(f.path()).isEqualTo("/actions/throttle/parameters/operations");
            assertThat(f.message()).startsWith("Action \"throttle\" (fisengine:sdk:inject-api-error): operations "
                    + "SendMesage are not sqs operations, so the fault can never hit them; did you mean SendMessage "
                    + "for SendMesage. sqs has ").contains("ReceiveMessage, ");
        });
        assertThat(engine.createExperimentTemplate(json).actions()).containsKey("throttle");
    }

    @Test
    void realOperationsAndUnknownServicesGiveNoFinding() {
        assertThat(engine.validator().validateJson(template("sqs", "SendMessage,ReceiveMessage")).findings())
                .isEmpty();
        assertThat(engine.validator().validateJson(template("dynamodb", "GetItem")).findings()).isEmpty();
        // no SDK module for this service on the classpath: nothing can be said
        assertThat(engine.validator().validateJson(template("appflow", "Nope")).findings())
                .extracting(Finding::code).doesNotContain("action.plugin-check");
    }
}
