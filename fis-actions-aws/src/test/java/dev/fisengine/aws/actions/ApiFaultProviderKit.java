package dev.fisengine.aws.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ArmedApiFault;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.testkit.ActionProviderCompatibilityKit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The testkit's compatibility checks for an API-fault provider: while the action runs exactly one rule of the
 * expected kind is armed on the engine's registry, for the {@code Roles} given (or every client without them), and
 * nothing is armed once it ends however it ends.
 */
abstract class ApiFaultProviderKit extends ActionProviderCompatibilityKit {
    static final String ROLE = "arn:aws:iam::123456789012:role/app";

    /** The fault kind the provider arms. */
    abstract ApiFault.Kind kind();

    /** Parameters beyond service, operations, percentage and duration. */
    Map<String, String> extraParameters() {
        return Map.of();
    }

    /** Whether the kit's template names a Roles target. */
    boolean withRoles() {
        return true;
    }

    @Override
    protected final Map<String, String> validParameters() {
        Map<String, String> p = new HashMap<>(Map.of("service", "dynamodb", "operations", "PutItem,GetItem",
                "percentage", "100", "duration", "PT5M"));
        p.putAll(extraParameters());
        return p;
    }

    @Override
    protected final Map<String, List<TargetResource>> targets() {
        return withRoles() ? Map.of(ApiFaultActions.ROLES, List.of(TargetResource.of(ROLE))) : Map.of();
    }

    @Override
    protected final void assertArmed(FisEngine engine) {
        List<ArmedApiFault> armed = ApiFaultRegistry.of(engine).armed();
        assertThat(armed).hasSize(1);
        assertThat(armed.get(0).rule().fault().kind()).isEqualTo(kind());
        assertThat(armed.get(0).rule().service()).isEqualTo("dynamodb");
        assertThat(armed.get(0).rule().operations()).containsExactlyInAnyOrder("PutItem", "GetItem");
        assertThat(armed.get(0).rule().roleArns()).isEqualTo(withRoles() ? Set.of(ROLE)
                : Set.of());
    }

    @Override
    protected final void assertNothingArmed(FisEngine engine) {
        assertThat(ApiFaultRegistry.of(engine).isIdle()).as("the engine's API fault registry is idle").isTrue();
    }
}
