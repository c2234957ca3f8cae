package dev.fisengine.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentState;
import dev.fisengine.api.model.ExperimentStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoResultTest {
    private static final DemoResult.Counts COUNTS = new DemoResult.Counts(1200, 310, 20, 290, 0, 500, 12, 488);

    private static DemoResult result(ExperimentStatus status, String reason, boolean timedOut) {
        Experiment e = new Experiment("EXPabc", null, "EXTabc", null, ExperimentState.of(status, reason), null, null,
                null, null, null, null, null, null, null, null, null);
        return new DemoResult(e, COUNTS, 310, timedOut, Duration.ofSeconds(30));
    }

    @Test
    void absorbedIsInjectedMinusSeen() {
        assertThat(COUNTS.absorbedBySdkRetries()).isEqualTo(290);
    }

    @Test
    void completedSummary() {
        DemoResult r = result(ExperimentStatus.COMPLETED, "Experiment completed.", false);
        assertThat(r.summaryLine()).isEqualTo("experiment EXPabc completed: 1200 calls, 310 faults injected, "
                + "290 absorbed by SDK retries, 20 seen by the service");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void stoppedSummaryCarriesTheReason() {
        DemoResult r = result(ExperimentStatus.STOPPED, "Experiment stopped by stop condition x (y): z", false);
        assertThat(r.summaryLine()).isEqualTo("experiment EXPabc stopped (Experiment stopped by stop condition x (y): "
                + "z): 1200 calls, 310 faults injected, 290 absorbed by SDK retries, 20 seen by the service");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void failedCancelledOrTimedOutExitOne() {
        assertThat(result(ExperimentStatus.FAILED, "Action 'A' failed: boom", false).exitCode()).isEqualTo(1);
        assertThat(result(ExperimentStatus.CANCELLED, "lever", false).exitCode()).isEqualTo(1);
        assertThat(result(ExperimentStatus.STOPPED, "Experiment stopped.", true).exitCode()).isEqualTo(1);
    }
}
