package dev.fisengine.testkit;

import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentStateChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of what an {@link ExperimentLogRecorder} saw: the records of the FIS experiment log (schema
 * v2: {@code experiment-start}, {@code target-resolution-*}, {@code action-start}, {@code action-error},
 * {@code action-end}, {@code experiment-end}) and the "FIS Experiment State Change" events, in the order the engine
 * emitted them. Assert on it with {@link FisAssertions#assertThat(ExperimentLog)}.
 *
 * @param records the log records
 * @param stateChanges the state-change events
 */
public record ExperimentLog(List<ExperimentLogRecord> records, List<ExperimentStateChange> stateChanges) {
    public ExperimentLog {
        records = List.copyOf(records);
        stateChanges = List.copyOf(stateChanges);
    }

    /** Only what belongs to experiment {@code experimentId}. */
    public ExperimentLog forExperiment(String experimentId) {
        Objects.requireNonNull(experimentId, "experimentId");
        return new ExperimentLog(
                records.stream().filter(r -> experimentId.equals(r.id())).toList(),
                stateChanges.stream().filter(c -> c.detail() != null
                        && experimentId.equals(c.detail().experimentId())).toList());
    }

    /** The experiments the records and events are about, in order of first appearance. */
    public List<String> experimentIds() {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        records.forEach(r -> ids.add(r.id()));
        stateChanges.forEach(c -> ids.add(c.detail().experimentId()));
        return List.copyOf(ids);
    }

    /** Each record's {@code log_type}, in order. */
    public List<String> logTypes() {
        return records.stream().map(ExperimentLogRecord::logType).toList();
    }

    /** The records of one {@code log_type}, e.g. {@code action-end}. */
    public List<ExperimentLogRecord> records(String logType) {
        return records.stream().filter(r -> r.logType().equals(logType)).toList();
    }

    /** The {@code new-state.status} of each state-change event, in order (e.g. pending, initiating, running...). */
    public List<String> statuses() {
        return stateChanges.stream().map(c -> c.detail().newState().status()).toList();
    }

    /** The names of the actions in the order they started ({@code action-start} records). */
    public List<String> startedActions() {
        return records("action-start").stream().map(r -> String.valueOf(r.details().get("action_name"))).toList();
    }

    /** The {@code action-start} record of action {@code actionName} (its template name), if any. */
    public Optional<ExperimentLogRecord> actionStart(String actionName) {
        return action("action-start", actionName);
    }

    /** The {@code action-end} record of action {@code actionName}, if any. */
    public Optional<ExperimentLogRecord> actionEnd(String actionName) {
        return action("action-end", actionName);
    }

    /** The {@code action-error} record of action {@code actionName}, if any. */
    public Optional<ExperimentLogRecord> actionError(String actionName) {
        return action("action-error", actionName);
    }

    /** The {@code experiment-end} record, if any (the first, when the log holds several experiments). */
    public Optional<ExperimentLogRecord> experimentEnd() {
        return records("experiment-end").stream().findFirst();
    }

    /** The {@code action_state.status} of action {@code actionName}'s {@code action-end} record, if it ended. */
    public Optional<String> actionEndStatus(String actionName) {
        return actionEnd(actionName).map(r -> state(r, "action_state", "status"));
    }

    /** The {@code action_state.reason} of action {@code actionName}'s {@code action-end} record, if it ended. */
    public Optional<String> actionEndReason(String actionName) {
        return actionEnd(actionName).map(r -> state(r, "action_state", "reason"));
    }

    /** The {@code experiment_state.status} of the {@code experiment-end} record, if the experiment ended. */
    public Optional<String> experimentEndStatus() {
        return experimentEnd().map(r -> state(r, "experiment_state", "status"));
    }

    /** The {@code experiment_state.reason} of the {@code experiment-end} record, if the experiment ended. */
    public Optional<String> experimentEndReason() {
        return experimentEnd().map(r -> state(r, "experiment_state", "reason"));
    }

    /** The {@code resolved_targets_count} of target {@code targetName}'s {@code target-resolution-detail} record. */
    public Optional<Integer> resolvedTargetsCount(String targetName) {
        return records("target-resolution-detail").stream()
                .filter(r -> targetName.equals(r.details().get("target_name")))
                .findFirst()
                .map(r -> r.details().get("resolved_targets_count"))
                .map(v -> v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v)));
    }

    private Optional<ExperimentLogRecord> action(String type, String actionName) {
        Objects.requireNonNull(actionName, "actionName");
        return records(type).stream().filter(r -> actionName.equals(r.details().get("action_name"))).findFirst();
    }

    private static String state(ExperimentLogRecord r, String field, String key) {
        Object state = r.details().get(field);
        if (state instanceof Map<?, ?> m) {
            Object v = m.get(key);
            return v == null ? null : String.valueOf(v);
        }
        return null;
    }

    /** One line per record and event, for failure messages: {@code 2026-01-01T00:00:00Z action-end Throttle completed}. */
    public String describe() {
        List<String> lines = new ArrayList<>();
        for (ExperimentLogRecord r : records) {
            StringBuilder b = new StringBuilder("  ").append(r.eventTimestamp()).append(' ').append(r.logType());
            Object name = r.details().containsKey("action_name") ? r.details().get("action_name")
                    : r.details().get("target_name");
            if (name != null) {
                b.append(' ').append(name);
            }
            String status = state(r, r.logType().startsWith("experiment") ? "experiment_state" : "action_state",
                    "status");
            if (status != null) {
                b.append(' ').append(status);
                String reason = state(r, r.logType().startsWith("experiment") ? "experiment_state" : "action_state",
                        "reason");
                if (reason != null) {
                    b.append(" (").append(reason).append(')');
                }
            }
            lines.add(b.toString());
        }
        if (records.isEmpty()) {
            lines.add("  (no log records)");
        }
        lines.add("  state changes: " + statuses());
        return String.join("\n", lines);
    }

    @Override
    public String toString() {
        return "ExperimentLog[\n" + describe() + "\n]";
    }
}
