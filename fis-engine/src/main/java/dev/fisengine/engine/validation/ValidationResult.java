package dev.fisengine.engine.validation;

import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.api.validation.Severity;
import java.util.List;

/**
 * The outcome of validating one {@code CreateExperimentTemplate} body: every finding at once, and the bound template.
 *
 * @param findings all findings, errors and warnings, in document order of the checks
 * @param template the bound request when the JSON could be bound (even if there are errors); {@code null} for
 *     malformed or unbindable JSON
 */
public record ValidationResult(List<Finding> findings, CreateExperimentTemplateRequest template) {
    public ValidationResult {
        findings = List.copyOf(findings);
    }

    /** {@code true} when no finding is an {@link Severity#ERROR} (warnings do not make a template invalid). */
    public boolean valid() {
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR) {
                return false;
            }
        }
        return true;
    }

    /** The {@link Severity#ERROR} findings. */
    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    /** The {@link Severity#WARNING} findings. */
    public List<Finding> warnings() {
        return findings.stream().filter(f -> f.severity() == Severity.WARNING).toList();
    }
}
