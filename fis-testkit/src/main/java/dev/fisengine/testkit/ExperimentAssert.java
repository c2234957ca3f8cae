package dev.fisengine.testkit;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentAction;
import dev.fisengine.api.model.ExperimentStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an {@link Experiment} as {@code GetExperiment} returns it: its {@code state} (status, reason, error)
 * and its actions' states. A snapshot: fetch the experiment again to assert on later states.
 */
public final class ExperimentAssert extends AbstractAssert<ExperimentAssert, Experiment> {

    ExperimentAssert(Experiment actual) {
        super(actual, ExperimentAssert.class);
    }

    /** {@code state.status} is {@code status}. */
    public ExperimentAssert hasStatus(ExperimentStatus status) {
        isNotNull();
        Objects.requireNonNull(status, "status");
        ExperimentStatus s = actual.state().status();
        if (s != status) {
            failWithMessage("Expecting experiment %s to be %s but was %s (%s)%n%s", actual.id(), status.wireName(),
                    s.wireName(), actual.state().reason(), describe());
        }
        return this;
    }

    /** {@code state.status} is {@code status} (FIS's lower-case name, e.g. {@code completed}). */
    public ExperimentAssert hasStatus(String status) {
        return hasStatus(ExperimentStatus.valueOf(status.toUpperCase(Locale.ROOT)));
    }

    public ExperimentAssert isCompleted() {
        return hasStatus(ExperimentStatus.COMPLETED);
    }

    public ExperimentAssert isStopped() {
        return hasStatus(ExperimentStatus.STOPPED);
    }

    public ExperimentAssert isFailed() {
        return hasStatus(ExperimentStatus.FAILED);
    }

    public ExperimentAssert isCancelled() {
        return hasStatus(ExperimentStatus.CANCELLED);
    }

    public ExperimentAssert isRunning() {
        return hasStatus(ExperimentStatus.RUNNING);
    }

    /** The experiment has ended: completed, stopped, failed or cancelled. */
    public ExperimentAssert hasEnded() {
        isNotNull();
        if (!actual.state().status().isTerminal()) {
            failWithMessage("Expecting experiment %s to have ended but it is %s%n%s", actual.id(),
                    actual.state().status().wireName(), describe());
        }
        return this;
    }

    /** {@code state.reason} is exactly {@code reason}. */
    public ExperimentAssert hasReason(String reason) {
        isNotNull();
        if (!Objects.equals(actual.state().reason(), reason)) {
            failWithMessage("Expecting experiment %s's reason to be%n  \"%s\"%nbut was%n  \"%s\"", actual.id(), reason,
                    actual.state().reason());
        }
        return this;
    }

    /** {@code state.reason} contains {@code text}. */
    public ExperimentAssert hasReasonContaining(String text) {
        isNotNull();
        String reason = actual.state().reason();
        if (reason == null || !reason.contains(text)) {
            failWithMessage("Expecting experiment %s's reason to contain%n  \"%s\"%nbut was%n  \"%s\"", actual.id(),
                    text, reason);
        }
        return this;
    }

    /** {@code state.error} has {@code code} (e.g. {@code ActionFailed}) and {@code location} (e.g. the action name). */
    public ExperimentAssert hasError(String code, String location) {
        isNotNull();
        var error = actual.state().error();
        if (error == null || !Objects.equals(error.code(), code) || !Objects.equals(error.location(), location)) {
            failWithMessage("Expecting experiment %s's error to be {code=%s, location=%s} but was %s", actual.id(), code,
                    location, error == null ? "none" : "{code=" + error.code() + ", location=" + error.location() + "}");
        }
        return this;
    }

    /** Action {@code actionName}'s {@code state.status} is {@code status}. */
    public ExperimentAssert hasActionState(String actionName, ActionStatus status) {
        isNotNull();
        Objects.requireNonNull(status, "status");
        ExperimentAction action = action(actionName);
        ActionStatus s = action.state() == null ? null : action.state().status();
        if (s != status) {
            failWithMessage("Expecting action \"%s\" of experiment %s to be %s but was %s (%s)%n%s", actionName,
                    actual.id(), status.wireName(), s == null ? "unknown" : s.wireName(),
                    action.state() == null ? null : action.state().reason(), describe());
        }
        return this;
    }

    /** Action {@code actionName}'s {@code state.status} is {@code status} (lower-case, e.g. {@code completed}). */
    public ExperimentAssert hasActionState(String actionName, String status) {
        return hasActionState(actionName, ActionStatus.valueOf(status.toUpperCase(Locale.ROOT)));
    }

    /** Action {@code actionName}'s {@code state.reason} contains {@code text}. */
    public ExperimentAssert hasActionReasonContaining(String actionName, String text) {
        isNotNull();
        ExperimentAction action = action(actionName);
        String reason = action.state() == null ? null : action.state().reason();
        if (reason == null || !reason.contains(text)) {
            failWithMessage("Expecting the reason of action \"%s\" to contain%n  \"%s\"%nbut was%n  \"%s\"", actionName,
                    text, reason);
        }
        return this;
    }

    /** Every action's {@code state.status} is {@code status}. */
    public ExperimentAssert hasAllActionsInState(ActionStatus status) {
        isNotNull();
        for (String name : actions().keySet()) {
            hasActionState(name, status);
        }
        return this;
    }

    private ExperimentAction action(String actionName) {
        ExperimentAction action = actions().get(actionName);
        if (action == null) {
            failWithMessage("Expecting experiment %s to have an action \"%s\", but its actions are %s", actual.id(),
                    actionName, actions().keySet());
        }
        return action;
    }

    private Map<String, ExperimentAction> actions() {
        return actual.actions() == null ? Map.of() : actual.actions();
    }

    private String describe() {
        Map<String, String> actions = new TreeMap<>();
        actions().forEach((name, a) -> actions.put(name, a.state() == null ? "?"
                : a.state().status().wireName() + (a.state().reason() == null ? "" : " (" + a.state().reason() + ")")));
        return "actions: " + actions;
    }
}
