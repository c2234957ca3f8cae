package dev.fisengine.aws.sdk.internal;

import java.util.Objects;

/** An instrumented client's binding to one engine's registry, with the client's principal role. */
public record ClientBinding(FaultRegistry registry, String roleArn) implements FaultSource {
    public ClientBinding {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(roleArn, "roleArn");
    }

    @Override
    public FaultIndex current() {
        return registry.current();
    }
}
