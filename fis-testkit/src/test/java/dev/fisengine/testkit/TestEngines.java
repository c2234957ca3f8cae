package dev.fisengine.testkit;

import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.api.model.ExperimentTemplateTarget;
import dev.fisengine.api.model.StopConditionSpec;
import dev.fisengine.api.spi.Identification;
import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.builtin.NoneStopConditionProvider;
import dev.fisengine.engine.builtin.WaitActionProvider;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** An engine on a manual clock with wait, the arming action, things, the switch stop condition and a recorder. */
final class TestEngines implements AutoCloseable {
    static final String ROLE = "arn:aws:iam::123456789012:role/fis";

    final ManualClock clock = FisTestkit.manualClock();
    final InMemoryStopCondition switches = new InMemoryStopCondition();
    final ExperimentLogRecorder recorder = new ExperimentLogRecorder();
    final ArmingAction arming = new ArmingAction(ArmingAction.Mode.REJECTS_LEVEL_13);
    final FisEngine engine;

    TestEngines() {
        Plugins plugins = Plugins.builder().action(new WaitActionProvider()).action(arming).resolver(new Things())
                .stopCondition(new NoneStopConditionProvider()).stopCondition(switches).build();
        engine = recorder.attachTo(FisTestkit.engineBuilder(clock)).plugins(plugins).slf4jLog(false).build();
    }

    /** {@code wait} for {@code duration}, then {@code arm} (level) for one minute on every thing. */
    static CreateExperimentTemplateRequest waitThenArm(String duration, String level, StopConditionSpec stop) {
        return new CreateExperimentTemplateRequest(null, "wait then arm",
                Map.of("Things", new ExperimentTemplateTarget(ArmingAction.TYPE, null, Map.of("env", "test"), null,
                        "ALL", null)),
                Map.of("Wait", new ExperimentTemplateAction("aws:fis:wait", null, Map.of("duration", duration), null,
                                null),
                        "Arm", new ExperimentTemplateAction(ArmingAction.ID, null, Map.of("duration", "PT1M",
                                "level", level), Map.of("Things", "Things"), List.of("Wait"))),
                List.of(stop), ROLE, null, null, null, null);
    }

    String start(CreateExperimentTemplateRequest template) {
        return engine.startExperiment(engine.createExperimentTemplate(template).id()).id();
    }

    @Override
    public void close() {
        engine.close();
    }

    /** Two things tagged env=test. */
    static final class Things implements TargetResolverProvider {
        @Override
        public TargetTypeDescriptor descriptor() {
            return new TargetTypeDescriptor(ArmingAction.TYPE, "Test things.", List.of(),
                    EnumSet.of(Identification.ARNS, Identification.TAGS, Identification.FILTERS), null);
        }

        @Override
        public List<TargetResource> resolve(TargetQuery query) {
            return List.of(TargetResource.of("arn:aws:test:us-east-1:123456789012:thing/a", Map.of("env", "test"),
                    Map.of()), TargetResource.of("arn:aws:test:us-east-1:123456789012:thing/b", Map.of("env", "test"),
                    Map.of()));
        }
    }
}
