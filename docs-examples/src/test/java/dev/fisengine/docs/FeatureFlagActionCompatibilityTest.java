package dev.fisengine.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.fis.FeatureFlagAction;
import com.example.fis.FeatureFlags;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.testkit.ActionProviderCompatibilityKit;
import java.util.List;
import java.util.Map;

/** The plugin page's example action (docs/writing-plugins.md) passes the compatibility kit. */
public class FeatureFlagActionCompatibilityTest extends ActionProviderCompatibilityKit {
    private static final String ACME = "arn:aws:myapp:eu-west-1:123456789012:tenant/acme";

    @Override
    protected ActionProvider provider() {
        return new FeatureFlagAction();
    }

    @Override
    protected Map<String, String> validParameters() {
        return Map.of("flag", "new-checkout", "duration", "PT5M");
    }

    @Override
    protected Map<String, List<TargetResource>> targets() {
        return Map.of("Tenants", List.of(TargetResource.of(ACME)));
    }

    private static FeatureFlags flags(FisEngine engine) {
        return engine.component(FeatureFlags.class, runtime -> new FeatureFlags());
    }

    @Override
    protected void assertArmed(FisEngine engine) {
        assertThat(flags(engine).isEnabled("new-checkout", ACME)).as("flag on for acme").isTrue();
    }

    @Override
    protected void assertNothingArmed(FisEngine engine) {
        assertThat(flags(engine).noneEnabled()).as("every flag off").isTrue();
    }
}
