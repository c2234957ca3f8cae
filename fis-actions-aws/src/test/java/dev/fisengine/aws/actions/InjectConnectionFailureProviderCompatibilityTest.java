package dev.fisengine.aws.actions;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.aws.sdk.ApiFault;

/**
 * {@link InjectConnectionFailureProvider} passes the testkit's
 * {@link dev.fisengine.testkit.ActionProviderCompatibilityKit}.
 */
class InjectConnectionFailureProviderCompatibilityTest extends ApiFaultProviderKit {

    @Override
    protected ActionProvider provider() {
        return new InjectConnectionFailureProvider();
    }

    @Override
    ApiFault.Kind kind() {
        return ApiFault.Kind.CONNECTION_FAILURE;
    }

    /** Without a Roles target, which only the fisengine: actions allow. */
    @Override
    boolean withRoles() {
        return false;
    }
}
