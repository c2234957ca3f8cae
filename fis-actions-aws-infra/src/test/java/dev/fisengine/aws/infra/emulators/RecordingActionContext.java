package dev.fisengine.aws.infra.emulators;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionLog;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.RevertStep;
import dev.fisengine.api.spi.TargetResource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An action context for calling a provider directly: the runtime's clients, given targets, recorded reverts. */
public final class RecordingActionContext implements ActionContext {
    public final List<RevertStep> reverts = new ArrayList<>();
    public final List<String> lines = new ArrayList<>();
    private final FisRuntime runtime;
    private final String actionName;
    private final String actionId;
    private final Map<String, String> parameters;
    private final Map<String, List<TargetResource>> targets;
    private String roleArn;

    public RecordingActionContext(FisRuntime runtime, String actionName, String actionId,
            Map<String, String> parameters, Map<String, List<TargetResource>> targets) {
        this.runtime = runtime;
        this.actionName = actionName;
        this.actionId = actionId;
        this.parameters = parameters;
        this.targets = targets;
    }

    /** The experiment's role ({@link #experimentRoleArn()}). */
    public RecordingActionContext role(String roleArn) {
        this.roleArn = roleArn;
        return this;
    }

    @Override
    public Optional<String> experimentRoleArn() {
        return Optional.ofNullable(roleArn);
    }

    @Override
    public String experimentId() {
        return "EXPtest";
    }

    @Override
    public String actionName() {
        return actionName;
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
        return targets;
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
                lines.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                lines.add("WARN " + message);
            }
        };
    }
}
