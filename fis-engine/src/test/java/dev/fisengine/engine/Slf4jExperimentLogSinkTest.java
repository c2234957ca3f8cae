package dev.fisengine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisengine.api.event.ExperimentLogRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.LegacyAbstractLogger;

class Slf4jExperimentLogSinkTest {

    /** Captures each line with the MDC value seen while it was logged. */
    static final class CapturingLogger extends LegacyAbstractLogger {
        final List<String> lines = new ArrayList<>();
        final List<String> mdc = new ArrayList<>();
        final BasicMDCAdapter adapter = new BasicMDCAdapter();

        CapturingLogger() {
            this.name = Slf4jExperimentLogSink.LOGGER;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String msg, Object[] args,
                Throwable t) {
            lines.add(msg);
            mdc.add(adapter.get(Slf4jExperimentLogSink.MDC_KEY));
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }

    @Test
    void writesOneJsonLinePerRecordWithTheExperimentIdInTheMdc() throws Exception {
        CapturingLogger logger = new CapturingLogger();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action_name", "wait");
        details.put("action_state", Map.of("status", "completed", "reason", "Action was completed."));
        logger.adapter.put(Slf4jExperimentLogSink.MDC_KEY, "outer");
        new Slf4jExperimentLogSink(logger, logger.adapter).accept(new ExperimentLogRecord("EXPabc", "action-end",
                "2026-01-01T00:01:00Z", "2", details));

        assertThat(logger.lines).hasSize(1);
        assertThat(logger.lines.get(0)).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(logger.lines.get(0));
        assertThat(json.get("id").asText()).isEqualTo("EXPabc");
        assertThat(json.get("log_type").asText()).isEqualTo("action-end");
        assertThat(json.get("event_timestamp").asText()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(json.get("version").asText()).isEqualTo("2");
        assertThat(json.at("/details/action_state/status").asText()).isEqualTo("completed");
        assertThat(logger.mdc).containsExactly("EXPabc");
        assertThat(logger.adapter.get(Slf4jExperimentLogSink.MDC_KEY)).isEqualTo("outer"); // restored
    }

    @Test
    void theDefaultSinkIsWiredToTheExperimentLogger() {
        assertThat(new Slf4jExperimentLogSink().toString()).contains("dev.fisengine.experiment");
    }
}
