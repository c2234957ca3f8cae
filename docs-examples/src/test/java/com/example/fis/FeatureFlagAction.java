package com.example.fis;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.api.spi.TargetResource;
import java.time.Duration;
import java.util.List;

/**
 * {@code myapp:feature-flag:enable}: switches a feature flag on for the targeted tenants for the action's
 * {@code duration}, and off again when the duration ends or the experiment stops.
 */
public final class FeatureFlagAction implements ActionProvider {
    public static final String ACTION_ID = "myapp:feature-flag:enable";

    private static final ActionDescriptor DESCRIPTOR = ActionDescriptor.builder(ACTION_ID)
            .description("Switches a feature flag on for the targeted tenants for a duration.")
            .parameter(ParameterDescriptor.builder("flag", ParameterFormat.STRING).required()
                    .pattern("[a-z0-9-]{1,64}").description("The flag's name.").build())
            .parameter(ParameterDescriptor.builder("duration", ParameterFormat.DURATION).required()
                    .durations(Duration.ZERO, Duration.ofHours(12)).description("How long it stays on.").build())
            .target(TargetKeyDescriptor.of("Tenants", TenantResolver.RESOURCE_TYPE))
            .durationParameter("duration")
            .build();

    /** ServiceLoader needs a public class with a public no-argument constructor. */
    public FeatureFlagAction() {}

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ActionContext context) {
        // The application registers its FeatureFlags on the engine: FisEngine.builder().component(...).
        FeatureFlags flags = context.runtime().component(FeatureFlags.class, runtime -> new FeatureFlags());
        String flag = context.parameter("flag");
        for (TargetResource tenant : context.targets().getOrDefault("Tenants", List.of())) {
            context.onRevert(() -> flags.disable(flag, tenant.arn())); // record the undo before the do
            flags.enable(flag, tenant.arn());
            context.log().info("enabled " + flag + " for " + tenant.arn());
        }
    }
}
