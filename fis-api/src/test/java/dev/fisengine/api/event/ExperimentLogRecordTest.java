package dev.fisengine.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record in the schema version a template's {@code logConfiguration} asks for. */
class ExperimentLogRecordTest {
    private static final String ARN = "arn:aws:ec2:us-east-1:123456789012:instance/i-1";

    private static ExperimentLogRecord record(String type, Map<String, Object> details) {
        return new ExperimentLogRecord("EXP1", type, "2026-12-06T10:00:00Z", "2", details);
    }

    @Test
    void version2OrNoneIsTheRecordItself() {
        ExperimentLogRecord r = record("target-resolution-detail", Map.of("target_name", "I"));
        assertThat(r.inSchemaVersion(2)).containsSame(r);
        assertThat(r.inSchemaVersion(null)).containsSame(r);
    }

    @Test
    void version1HasNoDetailOrActionErrorRecordsAndListsResolvedTargetsAsArns() {
        assertThat(record("target-resolution-detail", Map.of()).inSchemaVersion(1)).isEmpty();
        assertThat(record("action-error", Map.of()).inSchemaVersion(1)).isEmpty();

        ExperimentLogRecord end = record("target-resolution-end", Map.of("target_name", "I",
                "resolved_targets", List.of(Map.of("arn", ARN))));
        ExperimentLogRecord v1 = end.inSchemaVersion(1).orElseThrow();
        assertThat(v1.version()).isEqualTo("1");
        assertThat(v1.details()).containsEntry("resolved_targets", List.of(ARN)).containsEntry("target_name", "I");
        assertThat(v1.logType()).isEqualTo("target-resolution-end");
        assertThat(v1.eventTimestamp()).isEqualTo(end.eventTimestamp());
        assertThat(end.version()).as("the original is unchanged").isEqualTo("2");
    }

    @Test
    void otherVersionsAreRefused() {
        assertThatThrownBy(() -> record("experiment-start", Map.of()).inSchemaVersion(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logSchemaVersion 3");
    }
}
