package dev.fisengine.engine.source;

import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.engine.validation.ValidationResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of validating one {@link SourceTemplate}.
 *
 * @param source the template
 * @param result the validator's result without the findings on placeholders (those are {@code INFO} findings here)
 * @param findings every finding, pointing into the source file: the reader's, then the validator's
 */
public record SourceValidation(SourceTemplate source, ValidationResult result, List<SourceFinding> findings) {
    public SourceValidation {
        findings = List.copyOf(findings);
    }

    /** {@code true} when no finding is an error. */
    public boolean valid() {
        return findings.stream().noneMatch(f -> f.level() == SourceFinding.Level.ERROR);
    }

    /** The bound template, or {@code null} when it could not be bound. */
    public CreateExperimentTemplateRequest template() {
        return result.template();
    }

    /** The error findings. */
    public List<SourceFinding> errors() {
        return findings.stream().filter(f -> f.level() == SourceFinding.Level.ERROR).toList();
    }

    /**
     * A FIS {@link ValidationException} listing the errors, each {@link Finding} with the path inside the resource and
     * a message starting with the file, line and resource.
     */
    public ValidationException toException() {
        List<Finding> list = errors().stream()
                .map(f -> Finding.error(f.code(), f.sourcePath(), f.where() + (f.resource() == null ? "" : " "
                        + f.resource()) + ": " + f.message()))
                .toList();
        String text = errors().stream().map(SourceFinding::toString).collect(Collectors.joining("; "));
        return new ValidationException(text.isEmpty() ? "The template could not be read: " + source : text, list);
    }
}
