package dev.fisengine.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an action provider says about its action: everything {@code GetAction} shows and validation checks.
 *
 * @param id the {@code actionId}, e.g. {@code aws:fis:inject-api-throttle-error}
 * @param description the {@code GetAction} description
 * @param parameters the parameters it takes; any other is an error
 * @param targets the target keys it takes; any other is an error. Empty for target-less actions
 * @param durationParameter the parameter that makes the action last (it completes when that elapses), or {@code null}
 *     when the action completes as soon as it has run
 * @param executable whether this engine can run it in-process; catalog-only actions are validated but fail with a
 *     clear reason when run
 * @param availableInAws whether the managed AWS FIS has this action ({@code false} for {@code fisengine:} extensions)
 * @param deprecatedBy the action id that replaces this deprecated one, or {@code null}
 */
public record ActionDescriptor(
        String id,
        String description,
        List<ParameterDescriptor> parameters,
        List<TargetKeyDescriptor> targets,
        String durationParameter,
        boolean executable,
        boolean availableInAws,
        String deprecatedBy) {
    public ActionDescriptor {
        Objects.requireNonNull(id, "id");
        description = description == null ? "" : description;
        parameters = List.copyOf(parameters);
        targets = List.copyOf(targets);
        if (durationParameter != null && parameter(durationParameter, parameters).isEmpty()) {
            throw new IllegalArgumentException(id + ": durationParameter '" + durationParameter
                    + "' is not one of its parameters");
        }
    }

    public Optional<ParameterDescriptor> parameter(String name) {
        return parameter(name, parameters);
    }

    public Optional<TargetKeyDescriptor> target(String key) {
        return targets.stream().filter(t -> t.key().equals(key)).findFirst();
    }

    private static Optional<ParameterDescriptor> parameter(String name, List<ParameterDescriptor> parameters) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builder for {@link ActionDescriptor}. */
    public static final class Builder {
        private final String id;
        private String description = "";
        private final java.util.ArrayList<ParameterDescriptor> parameters = new java.util.ArrayList<>();
        private final java.util.ArrayList<TargetKeyDescriptor> targets = new java.util.ArrayList<>();
        private String durationParameter;
        private boolean executable = true;
        private boolean availableInAws = true;
        private String deprecatedBy;

        private Builder(String id) {
            this.id = id;
            this.availableInAws = id.startsWith("aws:");
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder parameter(ParameterDescriptor parameter) {
            parameters.add(parameter);
            return this;
        }

        public Builder target(TargetKeyDescriptor target) {
            targets.add(target);
            return this;
        }

        /** Declares the duration parameter (it must also be added with {@link #parameter}). */
        public Builder durationParameter(String name) {
            this.durationParameter = name;
            return this;
        }

        public Builder executable(boolean executable) {
            this.executable = executable;
            return this;
        }

        public Builder availableInAws(boolean availableInAws) {
            this.availableInAws = availableInAws;
            return this;
        }

        public Builder deprecatedBy(String replacement) {
            this.deprecatedBy = replacement;
            return this;
        }

        public ActionDescriptor build() {
            return new ActionDescriptor(id, description, parameters, targets, durationParameter, executable,
                    availableInAws, deprecatedBy);
        }
    }
}
