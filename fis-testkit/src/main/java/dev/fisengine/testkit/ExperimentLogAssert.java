package dev.fisengine.testkit;

import dev.fisengine.api.model.ExperimentStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an {@link ExperimentLog}: the FIS experiment log records (schema v2) and state-change events. Action
 * names are the template's action names; statuses are FIS's lower-case ones ({@code completed}, {@code stopped}...).
 * Failure messages show the whole log.
 */
public final class ExperimentLogAssert extends AbstractAssert<ExperimentLogAssert, ExperimentLog> {

    ExperimentLogAssert(ExperimentLog actual) {
        super(actual, ExperimentLogAssert.class);
    }

    /** Narrows the assertions to experiment {@code experimentId}. */
    public ExperimentLogAssert forExperiment(String experimentId) {
        isNotNull();
        return new ExperimentLogAssert(actual.forExperiment(experimentId));
    }

    /** The records' {@code log_type}s are exactly {@code logTypes}, in this order. */
    public ExperimentLogAssert hasLogTypes(String... logTypes) {
        isNotNull();
        List<String> expected = Arrays.asList(logTypes);
        if (!actual.logTypes().equals(expected)) {
            failWithMessage("Expecting the experiment log types to be%n  %s%nbut were%n  %s%nlog:%n%s", expected,
                    actual.logTypes(), actual.describe());
        }
        return this;
    }

    /** {@code logTypes} appear in this order, possibly with other records between them. */
    public ExperimentLogAssert containsLogTypesInOrder(String... logTypes) {
        isNotNull();
        List<String> types = actual.logTypes();
        int i = 0;
        for (String t : types) {
            if (i < logTypes.length && t.equals(logTypes[i])) {
                i++;
            }
        }
        if (i < logTypes.length) {
            failWithMessage("Expecting the experiment log to contain the log types%n  %s%nin this order, but "
                    + "\"%s\" (#%d) did not follow; the log types were%n  %s%nlog:%n%s", Arrays.asList(logTypes),
                    logTypes[i], i + 1, types, actual.describe());
        }
        return this;
    }

    /** At least one record of {@code logType}. */
    public ExperimentLogAssert hasRecord(String logType) {
        isNotNull();
        if (actual.records(logType).isEmpty()) {
            failWithMessage("Expecting a \"%s\" record in the experiment log, but there was none; log:%n%s", logType,
                    actual.describe());
        }
        return this;
    }

    /** No record of {@code logType}. */
    public ExperimentLogAssert hasNoRecord(String logType) {
        isNotNull();
        if (!actual.records(logType).isEmpty()) {
            failWithMessage("Expecting no \"%s\" record in the experiment log, but there were %d; log:%n%s", logType,
                    actual.records(logType).size(), actual.describe());
        }
        return this;
    }

    /** Action {@code actionName} has an {@code action-start} record. */
    public ExperimentLogAssert hasActionStarted(String actionName) {
        isNotNull();
        if (actual.actionStart(actionName).isEmpty()) {
            failWithMessage("Expecting action \"%s\" to have started, but the log has no action-start for it; "
                    + "log:%n%s", actionName, actual.describe());
        }
        return this;
    }

    /** Action {@code actionName} has no {@code action-start} record. */
    public ExperimentLogAssert hasNoActionStarted(String actionName) {
        isNotNull();
        if (actual.actionStart(actionName).isPresent()) {
            failWithMessage("Expecting action \"%s\" not to have started, but the log has an action-start for it; "
                    + "log:%n%s", actionName, actual.describe());
        }
        return this;
    }

    /** The actions started in exactly this order ({@code action-start} records). */
    public ExperimentLogAssert hasActionStartOrder(String... actionNames) {
        isNotNull();
        List<String> expected = Arrays.asList(actionNames);
        if (!actual.startedActions().equals(expected)) {
            failWithMessage("Expecting the actions to start in the order%n  %s%nbut they started in the order%n  %s%n"
                    + "log:%n%s", expected, actual.startedActions(), actual.describe());
        }
        return this;
    }

    /** Action {@code actionName} has an {@code action-end} record with {@code action_state.status} {@code status}. */
    public ExperimentLogAssert hasActionEnded(String actionName, String status) {
        isNotNull();
        Objects.requireNonNull(status, "status");
        Optional<String> s = actual.actionEndStatus(actionName);
        if (s.isEmpty()) {
            failWithMessage("Expecting action \"%s\" to have ended %s, but the log has no action-end for it; log:%n%s",
                    actionName, status, actual.describe());
        } else if (!status.equals(s.get())) {
            failWithMessage("Expecting action \"%s\" to have ended %s, but it ended %s (%s); log:%n%s", actionName,
                    status, s.get(), actual.actionEndReason(actionName).orElse(""), actual.describe());
        }
        return this;
    }

    /** Action {@code actionName} has an {@code action-end} record whose reason contains {@code text}. */
    public ExperimentLogAssert hasActionEndReasonContaining(String actionName, String text) {
        isNotNull();
        Optional<String> reason = actual.actionEndReason(actionName);
        if (reason.isEmpty() || !reason.get().contains(text)) {
            failWithMessage("Expecting the action-end reason of action \"%s\" to contain%n  \"%s\"%nbut it was%n  %s%n"
                    + "log:%n%s", actionName, text, reason.map(r -> "\"" + r + "\"").orElse("(no action-end)"),
                    actual.describe());
        }
        return this;
    }

    /** Action {@code actionName} has an {@code action-error} record whose reason contains {@code text}. */
    public ExperimentLogAssert hasActionError(String actionName, String text) {
        isNotNull();
        Optional<String> reason = actual.actionError(actionName).map(r -> {
            Object state = r.details().get("action_state");
            return state instanceof java.util.Map<?, ?> m ? String.valueOf(m.get("reason")) : null;
        });
        if (reason.isEmpty() || reason.get() == null || !reason.get().contains(text)) {
            failWithMessage("Expecting an action-error for action \"%s\" with a reason containing%n  \"%s\"%nbut it was"
                    + "%n  %s%nlog:%n%s", actionName, text, reason.map(r -> "\"" + r + "\"").orElse("(no action-error)"),
                    actual.describe());
        }
        return this;
    }

    /** The {@code experiment-end} record says {@code status} (e.g. {@code completed}). */
    public ExperimentLogAssert experimentEndedWith(String status) {
        isNotNull();
        Objects.requireNonNull(status, "status");
        Optional<String> s = actual.experimentEndStatus();
        if (s.isEmpty()) {
            failWithMessage("Expecting the experiment to have ended %s, but the log has no experiment-end; log:%n%s",
                    status, actual.describe());
        } else if (!status.equals(s.get())) {
            failWithMessage("Expecting the experiment to have ended %s, but it ended %s (%s); log:%n%s", status,
                    s.get(), actual.experimentEndReason().orElse(""), actual.describe());
        }
        return this;
    }

    /** The {@code experiment-end} record says {@code status}. */
    public ExperimentLogAssert experimentEndedWith(ExperimentStatus status) {
        return experimentEndedWith(status.wireName());
    }

    /** The {@code experiment-end} reason contains {@code text}. */
    public ExperimentLogAssert experimentEndReasonContains(String text) {
        isNotNull();
        Optional<String> reason = actual.experimentEndReason();
        if (reason.isEmpty() || !reason.get().contains(text)) {
            failWithMessage("Expecting the experiment-end reason to contain%n  \"%s\"%nbut it was%n  %s%nlog:%n%s",
                    text, reason.map(r -> "\"" + r + "\"").orElse("(no experiment-end)"), actual.describe());
        }
        return this;
    }

    /** The state-change events' new statuses are exactly {@code statuses}, in order (e.g. pending, initiating...). */
    public ExperimentLogAssert hasStateChanges(String... statuses) {
        isNotNull();
        List<String> expected = Arrays.asList(statuses);
        if (!actual.statuses().equals(expected)) {
            failWithMessage("Expecting the experiment's state changes to be%n  %s%nbut were%n  %s", expected,
                    actual.statuses());
        }
        return this;
    }

    /** Target {@code targetName} resolved {@code count} resources ({@code target-resolution-detail}). */
    public ExperimentLogAssert hasResolvedTargets(String targetName, int count) {
        isNotNull();
        Optional<Integer> n = actual.resolvedTargetsCount(targetName);
        if (n.isEmpty() || n.get() != count) {
            failWithMessage("Expecting target \"%s\" to have resolved %d resources, but %s; log:%n%s", targetName,
                    count, n.map(v -> "it resolved " + v).orElse("the log has no target-resolution-detail for it"),
                    actual.describe());
        }
        return this;
    }
}
