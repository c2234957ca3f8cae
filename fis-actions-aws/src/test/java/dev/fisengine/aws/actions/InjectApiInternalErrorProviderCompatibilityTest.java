package dev.fisengine.aws.actions;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.aws.sdk.ApiFault;

/**
 * {@link InjectApiInternalErrorProvider} passes the testkit's
 * {@link dev.fisengine.testkit.ActionProviderCompatibilityKit}.
 */
class InjectApiInternalErrorProviderCompatibilityTest extends ApiFaultProviderKit {

    @Override
    protected ActionProvider provider() {
        return new InjectApiInternalErrorProvider();
    }

    @Override
    ApiFault.Kind kind() {
        return ApiFault.Kind.INTERNAL_ERROR;
    }
}
