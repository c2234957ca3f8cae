package dev.fisengine.api.exception;

import dev.fisengine.api.validation.Finding;
import dev.fisengine.api.validation.Severity;
import java.util.List;
import java.util.stream.Collectors;

/** FIS {@code ValidationException} (HTTP 400): the request is invalid. Carries every finding, not just the first. */
public class ValidationException extends FisException {
    private final transient List<Finding> findings;

    public ValidationException(String message) {
        this(message, List.of());
    }

    public ValidationException(String message, List<Finding> findings) {
        super(message);
        this.findings = List.copyOf(findings);
    }

    /** Builds the exception from the findings of a validation; the message lists the errors. */
    public static ValidationException of(List<Finding> findings) {
        String text = findings.stream()
                .filter(f -> f.severity() == Severity.ERROR)
                .map(Finding::toString)
                .collect(Collectors.joining("; "));
        return new ValidationException(text.isEmpty() ? "Invalid request." : text, findings);
    }

    public List<Finding> findings() {
        return findings;
    }

    @Override
    public String errorCode() {
        return "ValidationException";
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
