package dev.fisengine.engine.internal;

import dev.fisengine.api.event.ExperimentLogRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds records of the FIS experiment log, schema version 2 (field names as in the FIS user guide). */
final class LogRecords {
    static final String VERSION = "2";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private LogRecords() {}

    static String time(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    static ExperimentLogRecord record(String experimentId, String type, Instant at, Map<String, Object> details) {
        return new ExperimentLogRecord(experimentId, type, time(at), VERSION, details);
    }

    static Map<String, Object> state(String status, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("reason", reason);
        return m;
    }

    static ExperimentLogRecord experimentStart(String id, String templateId, Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("experiment_template_id", templateId);
        d.put("experiment_start_time", time(at));
        return record(id, "experiment-start", at, d);
    }

    static ExperimentLogRecord experimentEnd(String id, Instant at, String status, String reason) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("experiment_end_time", time(at));
        d.put("experiment_state", state(status, reason));
        return record(id, "experiment-end", at, d);
    }

    static ExperimentLogRecord targetResolutionStart(String id, String targetName, Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("target_resolution_start_time", time(at));
        d.put("target_name", targetName);
        return record(id, "target-resolution-start", at, d);
    }

    static ExperimentLogRecord targetResolutionDetail(String id, String targetName, String type, String accountId,
            int count, boolean ok, String error, Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("target_resolution_end_time", time(at));
        d.put("target_name", targetName);
        d.put("target_type", type);
        d.put("account_id", accountId);
        d.put("resolved_targets_count", count);
        d.put("status", ok ? "completed" : "failed");
        if (error != null) {
            d.put("error_information", error);
        }
        return record(id, "target-resolution-detail", at, d);
    }

    static ExperimentLogRecord targetResolutionEnd(String id, String targetName, String type,
            List<Map<String, String>> resolved, String error, Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("target_resolution_end_time", time(at));
        d.put("target_name", targetName);
        d.put("target_type", type);
        d.put("resolved_targets", resolved);
        d.put("page", 1);
        d.put("total_pages", 1);
        if (error != null) {
            d.put("error_information", error);
        }
        return record(id, "target-resolution-end", at, d);
    }

    static ExperimentLogRecord actionStart(String id, String name, String actionId, Map<String, String> targets,
            Map<String, String> parameters, Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("action_name", name);
        d.put("action_id", actionId);
        d.put("action_start_time", time(at));
        d.put("action_targets", targets == null ? Map.of() : targets);
        if (parameters != null && !parameters.isEmpty()) {
            d.put("parameters", parameters);
        }
        return record(id, "action-start", at, d);
    }

    static ExperimentLogRecord actionError(String id, String name, String actionId, String accountId, String reason,
            Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("action_name", name);
        d.put("action_id", actionId);
        d.put("account_id", accountId);
        d.put("action_state", state("failed", reason));
        return record(id, "action-error", at, d);
    }

    static ExperimentLogRecord actionEnd(String id, String name, String actionId, String status, String reason,
            Instant at) {
        return actionEnd(id, name, actionId, status, reason, at, Map.of());
    }

    /** With the details the action's plugin added ({@code ActionContext.detail}), after FIS's own. */
    static ExperimentLogRecord actionEnd(String id, String name, String actionId, String status, String reason,
            Instant at, Map<String, Object> pluginDetails) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("action_name", name);
        d.put("action_id", actionId);
        d.put("action_end_time", time(at));
        d.put("action_state", state(status, reason));
        pluginDetails.forEach(d::putIfAbsent);
        return record(id, "action-end", at, d);
    }
}
