package dev.fisengine.engine.internal;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.ExperimentAction;
import dev.fisengine.api.model.ExperimentActionState;
import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.api.spi.ActionMonitor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.engine.time.ScheduledTask;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** One action of an experiment: its state and what the run keeps about it. Confined to the run's mailbox. */
final class ActionRun {
    static final String PENDING = "Initial state";
    static final String INITIATING = "Action is initiating.";
    static final String RUNNING = "Action is running.";
    static final String COMPLETED = "Action was completed.";
    static final String CANCELLED = "Action was cancelled because the experiment ended before it started.";
    static final String CANCELLED_LEVER = "Action was cancelled because the safety lever is engaged.";
    static final String STOPPING = "Action is stopping.";
    static final String STOPPED = "Action was stopped.";
    static final String SKIPPED_MODE = "Action was skipped because the experiment's actionsMode is skip-all.";

    final String name;
    final ExperimentTemplateAction spec;
    final ActionProvider provider;
    final List<String> startAfter;
    ActionStatus status = ActionStatus.PENDING;
    String reason = PENDING;
    Instant startTime;
    Instant endTime;
    Duration duration;
    ScheduledTask timer;
    long startOrder;
    /** What the action's plugin added to its action-end record ({@code ActionContext.detail}); plugin threads write. */
    final java.util.Map<String, Object> details = new java.util.concurrent.ConcurrentHashMap<>();
    /** The action's start call while it is in flight. */
    BoundedCalls.Call startCall;
    /** What the plugin's start asked to follow ({@code ActionContext.monitor}); plugin threads write. */
    volatile ActionMonitor requestedMonitor;
    volatile Duration requestedMonitorInterval;
    /** The monitor being checked while the action runs, its interval and its next check. */
    ActionMonitor monitor;
    Duration monitorInterval;
    ScheduledTask monitorTimer;
    private ExperimentAction view;

    ActionRun(String name, ExperimentTemplateAction spec, ActionProvider provider) {
        this.name = name;
        this.spec = spec;
        this.provider = provider;
        this.startAfter = spec.startAfter() == null ? List.of() : List.copyOf(new LinkedHashSet<>(spec.startAfter()));
        refresh();
    }

    String actionId() {
        return spec.actionId();
    }

    void set(ActionStatus s, String why) {
        status = s;
        reason = why;
        refresh();
    }

    boolean isActive() {
        return status == ActionStatus.INITIATING || status == ActionStatus.RUNNING;
    }

    boolean isDone() {
        return status == ActionStatus.COMPLETED || status == ActionStatus.SKIPPED;
    }

    private void refresh() {
        view = new ExperimentAction(spec.actionId(), spec.description(),
                spec.parameters() == null ? Map.of() : spec.parameters(), spec.targets(), spec.startAfter(),
                new ExperimentActionState(status, reason), startTime, endTime);
    }

    ExperimentAction view() {
        return view;
    }
}
