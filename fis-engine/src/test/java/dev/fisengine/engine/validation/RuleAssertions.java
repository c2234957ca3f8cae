package dev.fisengine.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.validation.Finding;
import dev.fisengine.api.validation.Severity;
import java.util.List;

/** Shared validators and assertions for the rule-by-rule tests. */
abstract class RuleAssertions {
    static final TemplateValidator EMBEDDED = TemplateValidator.create(TestPlugins.PLUGINS, ValidationMode.EMBEDDED);
    static final TemplateValidator STRICT = TemplateValidator.create(TestPlugins.PLUGINS, ValidationMode.STRICT_AWS);

    static ValidationResult validate(Templates t) {
        return EMBEDDED.validateJson(t.json());
    }

    static ValidationResult strict(Templates t) {
        return STRICT.validateJson(t.json());
    }

    /** Asserts exactly one finding with this code at this path, whose message contains every fragment. */
    static Finding assertFinding(ValidationResult r, ValidationCode code, String path, String... fragments) {
        List<Finding> matching = r.findings().stream()
                .filter(f -> f.code().equals(code.code()) && f.path().equals(path)).toList();
        assertThat(matching).as("findings %s at %s among %s", code.code(), path, r.findings()).hasSize(1);
        Finding f = matching.get(0);
        assertThat(f.severity()).isEqualTo(code.severity());
        for (String fragment : fragments) {
            assertThat(f.message()).contains(fragment);
        }
        assertThat(r.valid()).isEqualTo(r.findings().stream().noneMatch(x -> x.severity() == Severity.ERROR));
        return f;
    }

    /** Asserts that this is the only finding (so the rule fires alone, without collateral findings). */
    static Finding assertOnly(ValidationResult r, ValidationCode code, String path, String... fragments) {
        assertThat(r.findings()).as("findings").hasSize(1);
        return assertFinding(r, code, path, fragments);
    }

    static void assertNoFinding(ValidationResult r, ValidationCode code) {
        assertThat(r.findings()).extracting(Finding::code).doesNotContain(code.code());
    }

    static void assertClean(ValidationResult r) {
        assertThat(r.findings()).as("findings").isEmpty();
        assertThat(r.valid()).isTrue();
        assertThat(r.template()).isNotNull();
    }
}
