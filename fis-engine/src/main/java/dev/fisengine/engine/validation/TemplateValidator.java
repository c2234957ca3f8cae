package dev.fisengine.engine.validation;

import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.engine.plugins.Plugins;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Validates a {@code CreateExperimentTemplate} body offline, the way AWS FIS would. Placeholder body; see below.
 */
public final class TemplateValidator {
    private final Plugins plugins;
    private final ValidationMode mode;

    private TemplateValidator(Plugins plugins, ValidationMode mode) {
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    public static TemplateValidator create(Plugins plugins, ValidationMode mode) {
        return new TemplateValidator(plugins, mode);
    }

    public ValidationResult validateJson(String json) {
        return new ValidationResult(List.of(), null);
    }

    public ValidationResult validateJson(InputStream in) {
        return new ValidationResult(List.of(), null);
    }

    public ValidationResult validate(CreateExperimentTemplateRequest request) {
        return new ValidationResult(List.of(), request);
    }

    public Plugins plugins() {
        return plugins;
    }

    public ValidationMode mode() {
        return mode;
    }
}
