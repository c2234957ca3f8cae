package dev.fisengine.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.api.model.StopConditionSpec;
import dev.fisengine.api.validation.Finding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TemplateValidator#validate(CreateExperimentTemplateRequest)}: templates built in code. */
class EngineApiTest extends RuleAssertions {

    private static CreateExperimentTemplateRequest request(String description, Map<String, String> parameters) {
        return new CreateExperimentTemplateRequest(null, description, Map.of(),
                Map.of("Wait", new ExperimentTemplateAction("aws:fis:wait", null, parameters, null, null)),
                List.of(new StopConditionSpec("none", null)), "arn:aws:iam::111122223333:role/fis", null, null, null,
                null);
    }

    @Test
    void aValidRequestIsValidAndReturnedAsIs() {
        CreateExperimentTemplateRequest req = request("wait", Map.of("duration", "PT5S"));
        ValidationResult r = EMBEDDED.validate(req);
        assertClean(r);
        assertThat(r.template()).isSameAs(req);
    }

    @Test
    void modelConstraintsApplyToRequestsToo() {
        ValidationResult r = EMBEDDED.validate(request("d".repeat(600), Map.of("duration", "PT5X")));
        assertFinding(r, ValidationCode.TEMPLATE_LENGTH, "/description", "600 characters");
        assertFinding(r, ValidationCode.PARAMETER_NOT_A_DURATION, "/actions/Wait/parameters/duration", "\"PT5X\"");
        assertThat(r.template()).isNotNull();
    }

    @Test
    void nullsInsideARequestAreFindingsNotExceptions() {
        Map<String, String> params = new HashMap<>();
        params.put("duration", null);
        ValidationResult r = EMBEDDED.validate(request(null, params));
        assertFinding(r, ValidationCode.TEMPLATE_MISSING_MEMBER, "/description");
        assertFinding(r, ValidationCode.TEMPLATE_WRONG_TYPE, "/actions/Wait/parameters/duration", "got null");
        assertThat(r.findings()).extracting(Finding::code).doesNotContain(ValidationCode.INTERNAL.code());
    }

    @Test
    void anEmptyRequestListsEveryMissingMember() {
        ValidationResult r = EMBEDDED.validate(
                new CreateExperimentTemplateRequest(null, null, null, null, null, null, null, null, null, null));
        assertThat(r.findings()).extracting(Finding::path)
                .containsExactlyInAnyOrder("/description", "/stopConditions", "/actions", "/roleArn");
        assertThat(r.valid()).isFalse();
    }

    @Test
    void findingsAndErrorsAreImmutableViews() {
        ValidationResult r = EMBEDDED.validate(request("d", Map.of()));
        assertThat(r.errors()).hasSize(1);
        assertThat(r.warnings()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.findings().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
