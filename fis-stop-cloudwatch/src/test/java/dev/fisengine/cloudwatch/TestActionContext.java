package dev.fisengine.cloudwatch;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionLog;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.RevertStep;
import dev.fisengine.api.spi.TargetResource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An {@link ActionContext} for running one action provider outside the engine. */
final class TestActionContext implements ActionContext {
    final List<String> log = new ArrayList<>();
    final List<RevertStep> reverts = new ArrayList<>();
    private final FisRuntime runtime;
    private final String actionId;
    private final Map<String, String> parameters;

    TestActionContext(FisRuntime runtime, String actionId, Map<String, String> parameters) {
        this.runtime = runtime;
        this.actionId = actionId;
        this.parameters = Map.copyOf(parameters);
    }

    @Override
    public String experimentId() {
        return "EXPtest";
    }

    @Override
    public String actionName() {
        return "checkAlarms";
    }

    @Override
    public String actionId() {
        return actionId;
    }

    @Override
    public Clock clock() {
        return runtime.clock();
    }

    @Override
    public FisRuntime runtime() {
        return runtime;
    }

    @Override
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public Map<String, List<TargetResource>> targets() {
        return Map.of();
    }

    @Override
    public void onRevert(RevertStep step) {
        reverts.add(step);
    }

    @Override
    public ActionLog log() {
        return new ActionLog() {
            @Override
            public void info(String message) {
                log.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                log.add("WARN " + message);
            }
        };
    }
}
