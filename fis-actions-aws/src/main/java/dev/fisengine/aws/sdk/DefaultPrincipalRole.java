package dev.fisengine.aws.sdk;

import dev.fisengine.api.spi.FisRuntime;
import java.util.Objects;

/**
 * The principal role ARN an engine gives to instrumented clients that were not given one: an engine component (the
 * engine registers one at build time; absent that, {@link #FALLBACK}). API-fault rules with a non-empty
 * {@link ApiFaultRule#roleArns()} (the FIS {@code Roles} target) hit only clients whose role is in that set.
 */
public record DefaultPrincipalRole(String roleArn) {
    /** The role of clients when neither the client nor the engine names one. */
    public static final DefaultPrincipalRole FALLBACK =
            new DefaultPrincipalRole("arn:aws:iam::000000000000:role/default");

    public DefaultPrincipalRole {
        Objects.requireNonNull(roleArn, "roleArn");
        if (!roleArn.startsWith("arn:")) {
            throw new IllegalArgumentException("roleArn: \"" + roleArn + "\" is not an ARN");
        }
    }

    /** {@code runtime}'s default principal role: its registered component, else {@link #FALLBACK}. */
    public static DefaultPrincipalRole of(FisRuntime runtime) {
        return runtime.component(DefaultPrincipalRole.class, r -> FALLBACK);
    }
}
