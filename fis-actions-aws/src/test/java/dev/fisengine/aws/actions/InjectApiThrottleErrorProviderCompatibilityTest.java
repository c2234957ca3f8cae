package dev.fisengine.aws.actions;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.aws.sdk.ApiFault;

/**
 * {@link InjectApiThrottleErrorProvider} passes the testkit's
 * {@link dev.fisengine.testkit.ActionProviderCompatibilityKit}.
 */
class InjectApiThrottleErrorProviderCompatibilityTest extends ApiFaultProviderKit {

    @Override
    protected ActionProvider provider() {
        return new InjectApiThrottleErrorProvider();
    }

    @Override
    ApiFault.Kind kind() {
        return ApiFault.Kind.THROTTLE;
    }
}
