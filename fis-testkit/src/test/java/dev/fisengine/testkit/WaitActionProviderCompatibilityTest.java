package dev.fisengine.testkit;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.builtin.WaitActionProvider;
import java.util.Map;

/** The engine's built-in {@code aws:fis:wait} passes the compatibility kit. */
class WaitActionProviderCompatibilityTest extends ActionProviderCompatibilityKit {
    @Override
    protected ActionProvider provider() {
        return new WaitActionProvider();
    }

    @Override
    protected Map<String, String> validParameters() {
        return Map.of("duration", "PT5M");
    }

    @Override
    protected void assertNothingArmed(FisEngine engine) {
        // aws:fis:wait arms nothing; the kit's checks of its revert steps (none) and states still apply
    }
}
