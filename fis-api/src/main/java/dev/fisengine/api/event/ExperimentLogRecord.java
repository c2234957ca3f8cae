package dev.fisengine.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fisengine.api.internal.Copies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One record of the FIS experiment log, schema version 2:
 * {@code {"id":"EXP…","log_type":"action-start","event_timestamp":"2026-01-01T00:00:00Z","version":"2","details":{…}}}.
 * {@code log_type} is one of experiment-start, target-resolution-start, target-resolution-detail,
 * target-resolution-end, action-start, action-error, action-end, experiment-end.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentLogRecord(
        String id,
        @JsonProperty("log_type") String logType,
        @JsonProperty("event_timestamp") String eventTimestamp,
        String version,
        Map<String, Object> details) {
    public ExperimentLogRecord {
        details = Copies.mapOrEmpty(details);
    }

    /**
     * This record as a template's {@code logConfiguration.logSchemaVersion} asks for it: version 2 (or none) is the
     * record itself; version 1, FIS's initial schema, has no {@code target-resolution-detail} and no
     * {@code action-error} records (empty), says {@code "version":"1"}, and lists {@code resolved_targets} as ARNs
     * instead of objects.
     *
     * @throws IllegalArgumentException for a version other than 1 or 2 (the validator refuses those)
     */
    public Optional<ExperimentLogRecord> inSchemaVersion(Integer schemaVersion) {
        if (schemaVersion == null || schemaVersion == 2) {
            return Optional.of(this);
        }
        if (schemaVersion != 1) {
            throw new IllegalArgumentException("logSchemaVersion " + schemaVersion + " is not 1 or 2");
        }
        if ("target-resolution-detail".equals(logType) || "action-error".equals(logType)) {
            return Optional.empty();
        }
        Map<String, Object> d = new LinkedHashMap<>(details);
        if (d.get("resolved_targets") instanceof List<?> targets) {
            List<Object> arns = new ArrayList<>(targets.size());
            for (Object t : targets) {
                arns.add(t instanceof Map<?, ?> m && m.get("arn") != null ? m.get("arn") : t);
            }
            d.put("resolved_targets", arns);
        }
        return Optional.of(new ExperimentLogRecord(id, logType, eventTimestamp, "1", d));
    }
}
