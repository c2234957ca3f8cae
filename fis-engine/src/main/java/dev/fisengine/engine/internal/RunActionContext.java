package dev.fisengine.engine.internal;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionLog;
import dev.fisengine.api.spi.ActionMonitor;
import dev.fisengine.api.spi.FaultGate;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.RevertStep;
import dev.fisengine.api.spi.TargetResource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The narrow context an action's plugin sees: its parameters and targets, the engine as a {@link FisRuntime}, the
 * experiment's fault gate, a log, and the way to register revert steps (into the run's {@link RevertLedger}) and to
 * add details to its {@code action-end} record. Called from plugin threads; touches nothing of the run's state but
 * the thread-safe ledger and the action's details map.
 */
final class RunActionContext implements ActionContext {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");
    private static final Logger ACTION_LOG = LoggerFactory.getLogger("dev.fisengine.action");

    private final EngineContext ctx;
    private final String experimentId;
    private final ActionRun action;
    private final Map<String, String> parameters;
    private final Map<String, List<TargetResource>> targets;
    private final FaultGate gate;
    private final RevertLedger ledger;
    private final ActionLog log;
    private final String roleArn;

    RunActionContext(EngineContext ctx, String experimentId, ActionRun action, Map<String, String> parameters,
            Map<String, List<TargetResource>> targets, FaultGate gate, RevertLedger ledger, String roleArn) {
        this.ctx = ctx;
        this.experimentId = experimentId;
        this.action = action;
        this.parameters = parameters;
        this.targets = targets;
        this.gate = gate;
        this.ledger = ledger;
        this.log = new Log(experimentId, action.name);
        this.roleArn = roleArn;
    }

    @Override
    public String experimentId() {
        return experimentId;
    }

    @Override
    public String actionName() {
        return action.name;
    }

    @Override
    public String actionId() {
        return action.actionId();
    }

    @Override
    public Clock clock() {
        return ctx.clock;
    }

    @Override
    public FisRuntime runtime() {
        return ctx.runtime;
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
    public FaultGate faultGate() {
        return gate;
    }

    @Override
    public void onRevert(RevertStep step) {
        Objects.requireNonNull(step, "step");
        if (ledger.register(action, step)) {
            return;
        }
        LOG.warn("Experiment {}: action '{}' registered a revert step after its reverts ran; running it now",
                experimentId, action.name);
        try {
            step.revert();
        } catch (Exception e) {
            LOG.warn("Experiment {}: a late revert step of action '{}' failed", experimentId, action.name, e);
        }
    }

    @Override
    public ActionLog log() {
        return log;
    }

    @Override
    public Optional<String> experimentRoleArn() {
        return Optional.ofNullable(roleArn).filter(r -> !r.isBlank());
    }

    @Override
    public void detail(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        action.details.put(key, value);
    }

    @Override
    public void monitor(Duration interval, ActionMonitor monitor) {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ActionContext.monitor: the interval must be positive: " + interval);
        }
        action.requestedMonitorInterval = interval;
        action.requestedMonitor = monitor;
    }

    /** An action's log: SLF4J logger {@code dev.fisengine.action} with the experiment and action in the MDC. */
    private record Log(String experimentId, String actionName) implements ActionLog {
        @Override
        public void info(String message) {
            write(false, message);
        }

        @Override
        public void warn(String message) {
            write(true, message);
        }

        private void write(boolean warn, String message) {
            MDC.put("fisExperimentId", experimentId);
            MDC.put("fisActionName", actionName);
            try {
                if (warn) {
                    ACTION_LOG.warn("[{} {}] {}", experimentId, actionName, message);
                } else {
                    ACTION_LOG.info("[{} {}] {}", experimentId, actionName, message);
                }
            } finally {
                MDC.remove("fisExperimentId");
                MDC.remove("fisActionName");
            }
        }
    }
}
