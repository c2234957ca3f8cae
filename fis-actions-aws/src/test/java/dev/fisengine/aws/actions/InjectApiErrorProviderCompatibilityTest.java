package dev.fisengine.aws.actions;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.aws.sdk.ApiFault;
import java.util.Map;

/**
 * {@link InjectApiErrorProvider} passes the testkit's
 * {@link dev.fisengine.testkit.ActionProviderCompatibilityKit}.
 */
class InjectApiErrorProviderCompatibilityTest extends ApiFaultProviderKit {

    @Override
    protected ActionProvider provider() {
        return new InjectApiErrorProvider();
    }

    @Override
    ApiFault.Kind kind() {
        return ApiFault.Kind.CUSTOM;
    }

    @Override
    Map<String, String> extraParameters() {
        return Map.of("statusCode", "400", "errorCode", "ValidationException");
    }
}
