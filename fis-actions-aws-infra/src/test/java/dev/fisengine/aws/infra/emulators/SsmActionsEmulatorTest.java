package dev.fisengine.aws.infra.emulators;

import static dev.fisengine.aws.infra.emulators.Ec2ActionsEmulatorTest.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code aws:ssm:send-command} and {@code aws:ssm:start-automation-execution}: EC2 (the target instances) on
 * moto_server, SSM on {@link SsmLoopback} (moto lacks CancelCommand and Automation), wired with a per-service
 * endpoint ({@code InfraSettings.serviceEndpoint("ssm", ...)}).
 */
@Tag("emulator")
class SsmActionsEmulatorTest {
    private static Moto moto;
    private static Ec2Client ec2;
    private static String instanceArn;

    @TempDir
    Path journalDir;
    private SsmLoopback ssm;
    private ManualClock clock;
    private FisEngine engine;

    @BeforeAll
    static void start() {
        moto = Moto.start();
        ec2 = InfraFixture.client(Ec2Client.builder(), moto.endpoint());
        String image = ec2.describeImages(r -> { }).images().get(0).imageId();
        instanceArn = "arn:aws:ec2:us-east-1:123456789012:instance/"
                + ec2.runInstances(r -> r.imageId(image).minCount(1).maxCount(1)).instances().get(0).instanceId();
    }

    @AfterAll
    static void stop() {
        ec2.close();
        moto.close();
    }

    @BeforeEach
    void engine() throws Exception {
        ssm = new SsmLoopback();
        clock = new ManualClock();
        engine = InfraFixture.engine(clock, InfraFixture.settings(moto.endpoint(), journalDir)
                .serviceEndpoint("ssm", ssm.endpoint()).build());
    }

    @AfterEach
    void close() {
        engine.close();
        ssm.close();
    }

    private String run(String json) {
        String id = engine.startExperiment(engine.createExperimentTemplate(json).id()).id();
        clock.awaitIdle();
        return id;
    }

    private static final Duration POLL = Duration.ofMillis(20);

    static final String SEND_COMMAND = """
            "Stress": {"actionId": "aws:ssm:send-command", "targets": {"Instances": "I"},
              "parameters": {"documentArn": "arn:aws:ssm:us-east-1::document/AWSFIS-Run-CPU-Stress",
                "documentParameters": "{\\"DurationSeconds\\": \\"120\\", \\"InstallDependencies\\": \\"True\\"}",
                "duration": "PT10M"}}
            """;

    private String instances() {
        return """
                "I": {"resourceType": "aws:ec2:instance", "resourceArns": ["%s"], "selectionMode": "ALL"}
                """.formatted(instanceArn);
    }

    @Test
    void sendCommandSendsTheDocumentAndCancelsTheCommandWhenTheExperimentStops() {
        String id = run(template(instances(), SEND_COMMAND));

        assertThat(engine.getExperiment(id).actions().get("Stress").state().status()).isEqualTo(ActionStatus.RUNNING);
        SsmLoopback.Call send = ssm.calls.get(0);
        assertThat(send.operation()).isEqualTo("SendCommand");
        assertThat(send.body().path("DocumentName").asText()).as("an AWS-owned document is sent by name")
                .isEqualTo("AWSFIS-Run-CPU-Stress");
        assertThat(send.body().path("InstanceIds").get(0).asText()).isEqualTo(instanceArn.substring(
                instanceArn.lastIndexOf('/') + 1));
        assertThat(send.body().path("Parameters").path("DurationSeconds").get(0).asText()).isEqualTo("120");

        clock.advance(POLL);
        clock.awaitIdle();
        assertThat(engine.getExperiment(id).actions().get("Stress").state().status()).as("the command runs")
                .isEqualTo(ActionStatus.RUNNING);

        engine.stopExperiment(id);
        clock.awaitIdle();

        assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(ssm.operations()).as("one check while it ran, then the revert's check and the cancel")
                .containsExactly("SendCommand", "ListCommands", "ListCommands", "CancelCommand");
        assertThat(ssm.status("cmd-1")).isEqualTo("Cancelled");
    }

    /** The action's state follows the command's, checked every pollInterval (20 ms here) on the manual clock. */
    @Test
    void theActionCompletesWhenTheCommandSucceedsAndTheFinishedCommandIsNotCancelled() {
        String id = run(template(instances(), SEND_COMMAND));
        Instant started = clock.instant();

        clock.advance(POLL);
        clock.awaitIdle();
        assertThat(engine.getExperiment(id).actions().get("Stress").state().status()).as("still in progress")
                .isEqualTo(ActionStatus.RUNNING);

        ssm.finish("cmd-1", "Success");
        clock.advance(POLL);
        clock.awaitIdle();

        Experiment e = engine.getExperiment(id);
        assertThat(e.actions().get("Stress").state().status()).isEqualTo(ActionStatus.COMPLETED);
        assertThat(e.actions().get("Stress").endTime()).as("when the command succeeded, not after PT10M")
                .isEqualTo(started.plus(POLL.multipliedBy(2)));
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(ssm.operations()).as("two checks, then the revert finds it done and does not cancel it")
                .containsExactly("SendCommand", "ListCommands", "ListCommands", "ListCommands");
    }

    @Test
    void theActionFailsWhenTheCommandFailsNamingTheInstances() {
        String id = run(template(instances(), SEND_COMMAND));
        ssm.finish("cmd-1", "Failed");

        clock.advance(POLL);
        clock.awaitIdle();

        Experiment e = engine.getExperiment(id);
        assertThat(e.actions().get("Stress").state().status()).isEqualTo(ActionStatus.FAILED);
        assertThat(e.actions().get("Stress").state().reason()).isEqualTo("SSM command cmd-1 (AWSFIS-Run-CPU-Stress)"
                + " ended Failed: " + instanceArn.substring(instanceArn.lastIndexOf('/') + 1) + " Failed");
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(ssm.operations()).containsExactly("SendCommand", "ListCommands", "ListCommandInvocations",
                "ListCommands");
    }

    @Test
    void theActionFailsWhenTheCommandTimesOutOrIsCancelledOutsideTheExperiment() {
        for (String end : List.of("TimedOut", "Cancelled")) {
            String id = run(template(instances(), SEND_COMMAND));
            String command = "cmd-" + ssm.operations().stream().filter("SendCommand"::equals).count();
            ssm.finish(command, end);

            clock.advance(POLL);
            clock.awaitIdle();

            Experiment e = engine.getExperiment(id);
            assertThat(e.actions().get("Stress").state().status()).as(end).isEqualTo(ActionStatus.FAILED);
            assertThat(e.actions().get("Stress").state().reason()).as(end).contains("ended " + end);
        }
    }

    @Test
    void automationExecutionIsStartedAndStoppedWhenTheExperimentStops() {
        String id = run(template("", """
                "Automation": {"actionId": "aws:ssm:start-automation-execution",
                  "parameters": {"documentArn": "arn:aws:ssm:us-east-1:123456789012:document/ImpairSqs",
                    "documentParameters": "{\\"QueueUrl\\": [\\"https://sqs/q\\"]}", "maxDuration": "PT20M"}}
                """));
        assertThat(engine.getExperiment(id).actions().get("Automation").state().status())
                .isEqualTo(ActionStatus.RUNNING);
        assertThat(ssm.calls.get(0).body().path("DocumentName").asText()).as("a shared document by ARN")
                .isEqualTo("arn:aws:ssm:us-east-1:123456789012:document/ImpairSqs");
        assertThat(ssm.calls.get(0).body().path("Parameters").path("QueueUrl")).hasSize(1);

        engine.stopExperiment(id);
        clock.awaitIdle();

        assertThat(ssm.operations()).isEqualTo(List.of("StartAutomationExecution", "GetAutomationExecution",
                "StopAutomationExecution"));
        assertThat(ssm.status("exec-1")).isEqualTo("Cancelled");
    }
}
