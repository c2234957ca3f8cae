package dev.fisengine.aws.actions;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.aws.sdk.ApiFault;

/**
 * {@link InjectApiUnavailableErrorProvider} passes the testkit's
 * {@link dev.fisengine.testkit.ActionProviderCompatibilityKit}.
 */
class InjectApiUnavailableErrorProviderCompatibilityTest extends ApiFaultProviderKit {

    @Override
    protected ActionProvider provider() {
        return new InjectApiUnavailableErrorProvider();
    }

    @Override
    ApiFault.Kind kind() {
        return ApiFault.Kind.UNAVAILABLE;
    }
}
