package dev.fisengine.aws.infra.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.aws.infra.InfraClients;
import dev.fisengine.aws.infra.InfraSettings;
import dev.fisengine.aws.infra.internal.Actions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Assuming the template's {@code roleArn} through STS, as AWS FIS does: against moto, whose
 * {@code sts:GetCallerIdentity} answers with the assumed role's ARN when called with the assumed credentials, the
 * clients of an experiment act as {@code assumed-role/<role>/fis-engine-<experimentId>}; and a role that cannot be
 * assumed fails the target resolution or the action with a message naming the role.
 */
@Tag("emulator")
class AssumeRoleEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/fis";
    private static Moto moto;
    private static Ec2Client ec2;

    @TempDir
    Path journalDir;

    @BeforeAll
    static void start() {
        moto = Moto.start();
        ec2 = InfraFixture.client(Ec2Client.builder(), moto.endpoint());
    }

    @AfterAll
    static void stop() {
        ec2.close();
        moto.close();
    }

    private String instance() {
        String image = ec2.describeImages(r -> { }).images().get(0).imageId();
        return ec2.runInstances(r -> r.imageId(image).minCount(1).maxCount(1)).instances().get(0).instanceId();
    }

    @Test
    void theClientsOfAnExperimentUseTheAssumedRolesCredentialsCachedPerRole() {
        InfraSettings settings = InfraFixture.settings(moto.endpoint(), journalDir).assumeRole(true).build();
        try (InfraClients clients = new InfraClients(settings)) {
            InfraClients role = clients.forExperiment("EXP1", Optional.of(ROLE));
            assertThat(role).isNotSameAs(clients);
            assertThat(role.roleArn()).contains(ROLE);
            assertThat(role.sts(InfraFixture.REGION).getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/fis/fis-engine-EXP1");
            assertThat(clients.sts(InfraFixture.REGION).getCallerIdentity().arn())
                    .as("the engine's own clients keep the caller's credentials").doesNotContain("assumed-role");
            assertThat(clients.forExperiment("EXP2", Optional.of(ROLE))).as("cached per role").isSameAs(role);
            assertThat(clients.forExperiment("EXP3", Optional.empty())).as("no role: the caller's").isSameAs(clients);
        }
        InfraSettings off = InfraFixture.settings(moto.endpoint(), journalDir).build();
        try (InfraClients clients = new InfraClients(off)) {
            assertThat(clients.forExperiment("EXP1", Optional.of(ROLE))).as("off by default").isSameAs(clients);
        }
    }

    @Test
    void anExperimentResolvesAndActsAsTheTemplatesRole() {
        String instance = instance();
        ManualClock clock = new ManualClock();
        try (FisEngine engine = InfraFixture.engine(clock, InfraFixture.settings(moto.endpoint(), journalDir)
                .assumeRole(true).build())) {
            String id = engine.startExperiment(engine.createExperimentTemplate(Ec2ActionsEmulatorTest.template("""
                    "I": {"resourceType": "aws:ec2:instance", "resourceArns":
                      ["arn:aws:ec2:us-east-1:123456789012:instance/%s"], "selectionMode": "ALL"}
                    """.formatted(instance), """
                    "Stop": {"actionId": "aws:ec2:stop-instances", "targets": {"Instances": "I"}}
                    """)).id()).id();
            clock.awaitIdle();
            Experiment e = engine.awaitExperiment(id, java.time.Duration.ofSeconds(30));
            assertThat(e.state().status()).as(e.state().reason()).isEqualTo(ExperimentStatus.COMPLETED);
            assertThat(CrashRecoveryEmulatorTest.state(ec2, instance)).isIn(InstanceStateName.STOPPING,
                    InstanceStateName.STOPPED);
            InfraClients role = InfraClients.of(engine).forExperiment("later", Optional.of(ROLE));
            assertThat(role.sts(InfraFixture.REGION).getCallerIdentity().arn()).as("the role was assumed by this "
                    + "experiment's target resolution, with its id as the session name")
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/fis/fis-engine-" + id);
        }
    }

    @Test
    void aRoleThatCannotBeAssumedFailsTheTargetResolutionNamingTheRole() {
        String instance = instance();
        URI stsDown = URI.create("http://127.0.0.1:" + Moto.freePort());
        ManualClock clock = new ManualClock();
        try (FisEngine engine = InfraFixture.engine(clock, InfraFixture.settings(moto.endpoint(), journalDir)
                .serviceEndpoint("sts", stsDown).assumeRole(true).build())) {
            String id = engine.startExperiment(engine.createExperimentTemplate(Ec2ActionsEmulatorTest.template("""
                    "I": {"resourceType": "aws:ec2:instance", "resourceArns":
                      ["arn:aws:ec2:us-east-1:123456789012:instance/%s"], "selectionMode": "ALL"}
                    """.formatted(instance), """
                    "Stop": {"actionId": "aws:ec2:stop-instances", "targets": {"Instances": "I"}}
                    """)).id()).id();
            clock.awaitIdle();
            Experiment e = engine.awaitExperiment(id, java.time.Duration.ofSeconds(60));
            assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(e.state().reason()).contains("Target resolution failed for target 'I'")
                    .contains("cannot assume the experiment role " + ROLE + " (sts:AssumeRole)");
            assertThat(CrashRecoveryEmulatorTest.state(ec2, instance)).isEqualTo(InstanceStateName.RUNNING);

            RecordingActionContext context = new RecordingActionContext(engine, "Stop", "aws:ec2:stop-instances",
                    Map.of(), Map.of("Instances", List.of(TargetResource.of(
                            "arn:aws:ec2:us-east-1:123456789012:instance/" + instance)))).role(ROLE);
            assertThatThrownBy(() -> new Actions.Ec2StopInstances().start(context))
                    .hasMessageStartingWith("action 'Stop' (aws:ec2:stop-instances): cannot assume the experiment "
                            + "role " + ROLE + " (sts:AssumeRole): ");
            assertThat(context.reverts).isEmpty();
            assertThat(CrashRecoveryEmulatorTest.state(ec2, instance)).isEqualTo(InstanceStateName.RUNNING);
        }
    }
}
