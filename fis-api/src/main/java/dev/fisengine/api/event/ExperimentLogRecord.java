package dev.fisengine.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fisengine.api.internal.Copies;
import java.util.Map;

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
}
