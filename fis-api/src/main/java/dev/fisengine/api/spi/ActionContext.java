package dev.fisengine.api.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What an action may touch while it runs. Narrow on purpose: plugins never see the engine itself. */
public interface ActionContext {
    String experimentId();

    /** The action's name in the template. */
    String actionName();

    String actionId();

    Clock clock();

    FisRuntime runtime();

    /** The action's parameters, with the descriptor's defaults filled in for absent optional ones. */
    Map<String, String> parameters();

    /** A parameter's value, or {@code null}. */
    default String parameter(String name) {
        return parameters().get(name);
    }

    /** A duration parameter, parsed; {@code null} when absent. Validation already checked its format. */
    default Duration durationParameter(String name) {
        String v = parameter(name);
        return v == null ? null : Duration.parse(v);
    }

    /** The resolved resources under each of the action's target keys (e.g. {@code Roles}). */
    Map<String, List<TargetResource>> targets();

    /** Registers a step that undoes what the action armed; see {@link RevertStep}. */
    void onRevert(RevertStep step);

    ActionLog log();

    /**
     * Adds {@code key: value} to the details of this action's {@code action-end} record in the experiment log (FIS
     * log schema v2), e.g. how many attempts a fault matched. Keys are snake_case like FIS's own; a later value for a
     * key replaces the earlier one. Details added after the action ended are ignored. Thread-safe.
     */
    default void detail(String key, Object value) {}

    /**
     * Makes this action's state follow {@code monitor}: while the action runs, the engine calls it every
     * {@code interval} on its clock (see {@link ActionMonitor}). Call from {@link ActionProvider#start}; a later call
     * replaces the monitor. An engine that does not support monitors ignores it (the action then runs until its
     * duration elapses).
     */
    default void monitor(Duration interval, ActionMonitor monitor) {}

    /**
     * This experiment's fault gate: open while the experiment may inject faults; the engine closes it the moment the
     * experiment starts stopping (or the safety lever, the kill switch or {@code close()} acts), before any revert
     * step runs. A fault-injecting action arms its faults with this gate and checks it before each injection, so
     * stopping never waits for the action's cooperation.
     */
    default FaultGate faultGate() {
        return runtime().faultGate();
    }

    /**
     * The experiment's IAM role (the template's {@code roleArn}), which AWS FIS assumes to act on AWS resources; a
     * plugin that calls AWS may assume it to act as FIS would. Empty when the engine does not know one.
     */
    default Optional<String> experimentRoleArn() {
        return Optional.empty();
    }
}
