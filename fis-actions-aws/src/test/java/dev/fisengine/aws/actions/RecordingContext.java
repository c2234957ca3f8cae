package dev.fisengine.aws.actions;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionLog;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.RevertStep;
import dev.fisengine.api.spi.TargetResource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@link ActionContext} for calling a provider's {@code start} directly, as a harness other than the engine
 * would: given parameters and targets (no defaults filled in), a real runtime, and the log lines and revert steps
 * recorded.
 */
final class RecordingContext implements ActionContext {
    final List<String> infos = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<RevertStep> reverts = new ArrayList<>();
    private final FisRuntime runtime;
    private final String actionId;
    private final Map<String, String> parameters;
    private final Map<String, List<TargetResource>> targets;

    RecordingContext(FisRuntime runtime, String actionId, Map<String, String> parameters,
            Map<String, List<TargetResource>> targets) {
        this.runtime = runtime;
        this.actionId = actionId;
        this.parameters = Map.copyOf(parameters);
        this.targets = Map.copyOf(targets);
    }

    /** Runs the recorded revert steps as the engine does: latest first. */
    void revert() throws Exception {
        for (int i = reverts.size() - 1; i >= 0; i--) {
            reverts.get(i).revert();
        }
    }

    @Override
    public String experimentId() {
        return "EXPabcdefghijklmno";
    }

    @Override
    public String actionName() {
        return "Fault";
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
                infos.add(message);
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
    }
}
