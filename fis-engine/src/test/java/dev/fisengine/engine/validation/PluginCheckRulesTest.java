package dev.fisengine.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFinding;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.api.validation.Severity;
import dev.fisengine.engine.builtin.NoneStopConditionProvider;
import dev.fisengine.engine.plugins.Plugins;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code ActionProvider.validate}: the action's own plugin's checks become warnings ({@code action.plugin-check}) at
 * the parameter's JSON path, in both modes; they run only on parameters the descriptor's checks passed; a check that
 * throws or hangs is reported, bounded by the deadline, never an exception out of the validator.
 */
class PluginCheckRulesTest {
    private static final AtomicInteger CALLS = new AtomicInteger();

    /** An action whose check reacts to its {@code mode} parameter. */
    private static final class CheckedAction implements ActionProvider {
        private final ActionDescriptor d = ActionDescriptor.builder("test:checked")
                .description("An action with a parameter check of its own.")
                .parameter(ParameterDescriptor.builder("mode", ParameterFormat.STRING).required().build())
                .parameter(ParameterDescriptor.builder("count", ParameterFormat.INTEGER).range(1, 10).build())
                .build();

        @Override
        public ActionDescriptor descriptor() {
            return d;
        }

        @Override
        public void start(ActionContext context) {
            // never run here
        }

        @Override
        public List<ParameterFinding> validate(Map<String, String> parameters) {
            CALLS.incrementAndGet();
            switch (parameters.get("mode")) {
                case "warn" -> {
                    return List.of(new ParameterFinding("mode", "\"warn\" can never match; did you mean \"warm\"?"),
                            new ParameterFinding("absent", "about a parameter the template does not give"));
                }
                case "throw" -> throw new IllegalStateException("broken check");
                case "hang" -> {
                    try {
                        Thread.sleep(Duration.ofMinutes(5).toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return List.of();
                }
                default -> {
                    return List.of();
                }
            }
        }
    }

    private static final Plugins PLUGINS = Plugins.builder().action(new CheckedAction())
            .stopCondition(new NoneStopConditionProvider()).build();

    private static ValidationResult validate(ValidationMode mode, String parameters) {
        return TemplateValidator.create(PLUGINS, mode).validateJson("""
                {"description": "d", "targets": {},
                 "actions": {"Checked": {"actionId": "test:checked", "parameters": %s}},
                 "stopConditions": [{"source": "none"}], "roleArn": "arn:aws:iam::111122223333:role/fis"}"""
                .formatted(parameters));
    }

    private static List<Finding> checks(ValidationResult r) {
        return r.findings().stream().filter(f -> f.code().equals(ValidationCode.ACTION_PLUGIN_CHECK.code()))
                .toList();
    }

    @Test
    void findingsAreWarningsAtTheParametersPath() {
        for (ValidationMode mode : ValidationMode.values()) {
            ValidationResult r = validate(mode, "{\"mode\": \"warn\"}");
            assertThat(r.findings()).as("no error but strict mode's for an extension action").allSatisfy(f ->
                    assertThat(f.severity() == Severity.WARNING || f.code().equals("action.not-in-aws")).isTrue());
            assertThat(checks(r)).extracting(Finding::severity, Finding::path, Finding::message).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Severity.WARNING, "/actions/Checked/parameters/mode",
                            "Action \"Checked\" (test:checked): \"warn\" can never match; did you mean \"warm\"?"),
                    org.assertj.core.groups.Tuple.tuple(Severity.WARNING, "/actions/Checked/parameters",
                            "Action \"Checked\" (test:checked): about a parameter the template does not give"));
        }
        assertThat(checks(validate(ValidationMode.EMBEDDED, "{\"mode\": \"fine\"}"))).isEmpty();
    }

    @Test
    void theCheckRunsOnlyOnParametersTheDescriptorAccepts() {
        int before = CALLS.get();
        ValidationResult r = validate(ValidationMode.EMBEDDED, "{\"mode\": \"warn\", \"count\": \"99\"}");
        assertThat(r.valid()).isFalse();
        assertThat(checks(r)).isEmpty();
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @Test
    void aCheckThatThrowsIsReportedNotThrown() {
        ValidationResult r = validate(ValidationMode.EMBEDDED, "{\"mode\": \"throw\"}");
        assertThat(r.valid()).isTrue();
        assertThat(checks(r)).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("/actions/Checked/parameters");
            assertThat(f.message()).contains("test:checked", "failed: IllegalStateException: broken check");
        });
    }

    @Test
    void aCheckThatHangsIsAbandonedAtTheDeadline() {
        long started = System.nanoTime();
        ValidationResult r;
        System.setProperty("fisengine.validation.pluginCheckDeadlineMillis", "300");
        try {
            r = validate(ValidationMode.EMBEDDED, "{\"mode\": \"hang\"}");
        } finally {
            System.clearProperty("fisengine.validation.pluginCheckDeadlineMillis");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(checks(r)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("did not answer within 300 ms and was abandoned"));
    }
}
