package dev.fisengine.testkit;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.api.spi.TargetResource;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test action ({@code fisengine:test:arm}) that "arms" a fault per target resource for {@code duration} and
 * registers one revert step per resource. {@code mode} selects deliberate bugs for the kit's own tests.
 */
final class ArmingAction implements ActionProvider {
    static final String ID = "fisengine:test:arm";
    static final String TYPE = "fisengine:test:thing";

    /** Deliberate misbehaviour. */
    enum Mode { CORRECT, FORGETS_TO_REVERT, REJECTS_LEVEL_13 }

    final Set<String> armed = ConcurrentHashMap.newKeySet();
    private final Mode mode;

    ArmingAction(Mode mode) {
        this.mode = mode;
    }

    static final ActionDescriptor DESCRIPTOR = ActionDescriptor.builder(ID)
            .description("Arms a test fault on each thing for the duration.")
            .parameter(ParameterDescriptor.builder("duration", ParameterFormat.DURATION)
                    .description("How long the fault stays armed.").required()
                    .durations(Duration.ZERO, Duration.ofHours(1)).build())
            .parameter(ParameterDescriptor.builder("level", ParameterFormat.INTEGER)
                    .description("How hard.").defaultValue("7").range(0, 100).build())
            .target(TargetKeyDescriptor.of("Things", TYPE))
            .durationParameter("duration")
            .build();

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ActionContext context) {
        if (mode == Mode.REJECTS_LEVEL_13 && "13".equals(context.parameter("level"))) {
            throw new IllegalArgumentException("actions." + context.actionName() + ".parameters.level: 13 is unlucky");
        }
        for (TargetResource thing : context.targets().get("Things")) {
            armed.add(thing.arn());
            if (mode != Mode.FORGETS_TO_REVERT) {
                context.onRevert(() -> armed.remove(thing.arn()));
            }
        }
    }
}
