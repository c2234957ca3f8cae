package dev.fisengine.aws.actions;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.aws.sdk.ApiFault;
import java.util.Map;

/**
 * {@link InjectApiLatencyProvider} passes the testkit's
 * {@link dev.fisengine.testkit.ActionProviderCompatibilityKit}.
 */
class InjectApiLatencyProviderCompatibilityTest extends ApiFaultProviderKit {

    @Override
    protected ActionProvider provider() {
        return new InjectApiLatencyProvider();
    }

    @Override
    ApiFault.Kind kind() {
        return ApiFault.Kind.LATENCY;
    }

    @Override
    Map<String, String> extraParameters() {
        return Map.of("delayMilliseconds", "200", "jitterMilliseconds", "20");
    }

    /** Without a Roles target, which only the fisengine: actions allow. */
    @Override
    boolean withRoles() {
        return false;
    }
}
