package dev.fisengine.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo end to end, in this JVM: ElasticMQ on 127.0.0.1, the real order service and SDK client, the engine with
 * the plugins found on the classpath, run with shortened copies of the bundled templates (100 % faults, second-long
 * actions).
 */
class DemoTest {
    private static final Pattern SUMMARY = Pattern.compile("experiment (EXP\\w+) (completed|stopped \\((.+)\\)): "
            + "(\\d+) calls, (\\d+) faults injected, (\\d+) absorbed by SDK retries, (\\d+) seen by the service");

    private static ElasticMqServer sqs;

    @BeforeAll
    static void startSqs() {
        sqs = ElasticMqServer.start();
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
    }

    @Test
    void throttleTemplateCompletesAndSdkRetriesAbsorbMostFaults() {
        Run run = run("short-throttle.json");
        DemoResult r = run.result;
        DemoResult.Counts c = r.counts();

        assertThat(r.experiment().state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(r.exitCode()).isZero();
        assertThat(r.experiment().actions().values()).extracting(a -> a.state().status())
                .containsOnly(ActionStatus.COMPLETED);

        assertThat(c.calls()).as("calls").isPositive();
        assertThat(c.faultsInjected()).as("faults injected").isPositive();
        assertThat(c.seenByService()).as("errors seen by the service (every attempt throttled for 2 s)").isPositive();
        assertThat(c.absorbedBySdkRetries()).as("absorbed by SDK retries").isPositive()
                .isEqualTo(c.faultsInjected() - c.seenByService())
                .as("every retry was caused by an injected fault").isEqualTo(c.sdkRetries());
        assertThat(c.otherErrors()).as("errors that were not injected").isZero();
        assertThat(r.engineFaultsInjected()).as("the engine's own counters agree with what the client saw")
                .isEqualTo(c.faultsInjected());
        assertThat(c.ordersSent() + c.ordersLost()).isPositive();

        assertSummaryIsLastLine(run, r);
        assertThat(run.output)
                .contains("target OrderServiceRole: 1 aws:iam:role resolved")
                .contains("action ThrottleSqs started: aws:fis:inject-api-throttle-error")
                .contains("action ThrottleSqs completed")
                .contains("action FailSqs started: aws:fis:inject-api-internal-error")
                .contains("RequestThrottledException (HTTP 400 RequestThrottled, injected: throttle)")
                .contains("experiment " + r.experiment().id() + " completed");
    }

    @Test
    void errorBudgetStopConditionEndsTheExperimentEarly() {
        Run run = run("short-stop-condition.json");
        DemoResult r = run.result;
        Experiment e = r.experiment();

        assertThat(e.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(e.state().reason()).startsWith("Experiment stopped by stop condition fisengine:demo:error-budget "
                + "(maxErrorsSinceStart=3): ").endsWith("more than the budget of 3");
        assertThat(r.exitCode()).isZero();
        assertThat(e.actions().get("FailSqs").state().status()).isEqualTo(ActionStatus.STOPPED);
        assertThat(e.actions().get("CoolDown").state().status()).isEqualTo(ActionStatus.CANCELLED);
        assertThat(Duration.between(e.startTime(), e.endTime())).as("ended before FailSqs's 30 s")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(r.counts().seenByService()).isGreaterThan(3);
        assertThat(r.counts().absorbedBySdkRetries()).isEqualTo(r.counts().sdkRetries());

        assertSummaryIsLastLine(run, r);
        assertThat(run.lastLine()).startsWith("experiment " + e.id() + " stopped (Experiment stopped by stop "
                + "condition fisengine:demo:error-budget");
    }

    private static void assertSummaryIsLastLine(Run run, DemoResult r) {
        assertThat(run.lastLine()).isEqualTo(r.summaryLine());
        Matcher m = SUMMARY.matcher(run.lastLine());
        assertThat(m.matches()).as("summary line: %s", run.lastLine()).isTrue();
        assertThat(m.group(1)).isEqualTo(r.experiment().id());
        long calls = Long.parseLong(m.group(4));
        long injected = Long.parseLong(m.group(5));
        long absorbed = Long.parseLong(m.group(6));
        long seen = Long.parseLong(m.group(7));
        assertThat(calls).isEqualTo(r.counts().calls()).isPositive();
        assertThat(absorbed).isEqualTo(injected - seen).isNotNegative();
        assertThat(seen).isEqualTo(r.counts().seenByService());
    }

    private static Run run(String testTemplate) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        DemoResult result = Demo.run(DemoSettings.builder(testTemplate(testTemplate))
                .out(out)
                .sqsEndpoint(sqs.endpoint())
                .ordersPerSecond(20)
                .statusInterval(Duration.ofMillis(500))
                .stopConditionPollInterval(Duration.ofMillis(200))
                .timeout(Duration.ofSeconds(60))
                .seed(42L)
                .build());
        return new Run(result, bytes.toString(StandardCharsets.UTF_8));
    }

    private static Templates.Source testTemplate(String name) {
        try (InputStream in = DemoTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test template %s", name).isNotNull();
            return new Templates.Source(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private record Run(DemoResult result, String output) {
        String lastLine() {
            List<String> lines = output.lines().toList();
            return lines.get(lines.size() - 1);
        }
    }
}
