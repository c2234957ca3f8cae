package dev.fisengine.api.spi;

import java.util.Objects;

/**
 * A warning an {@link ActionProvider} raises about one of its action's parameters when a template is validated
 * ({@link ActionProvider#validate}): something its {@link ActionDescriptor} cannot express, such as an operation name
 * the service does not have, so that the fault could never hit. The validator reports it as a warning with the code
 * {@code action.plugin-check} at the parameter's JSON path ({@code /actions/<name>/parameters/<parameter>}); it never
 * makes a template invalid, as AWS FIS would accept the template.
 *
 * @param parameter the parameter's name, as in the template ({@code operations})
 * @param message   what is wrong, naming the bad value, and what to do (e.g. the closest valid values)
 */
public record ParameterFinding(String parameter, String message) {
    public ParameterFinding {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(message, "message");
    }
}
