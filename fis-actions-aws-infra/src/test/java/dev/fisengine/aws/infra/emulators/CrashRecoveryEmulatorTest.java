package dev.fisengine.aws.infra.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.aws.infra.InfraClients;
import dev.fisengine.aws.infra.InfraRecovery;
import dev.fisengine.aws.infra.InfraSettings;
import dev.fisengine.aws.infra.RecoveryReport;
import dev.fisengine.engine.FisEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Never lose a revert: a child JVM runs an experiment against moto (an instance stopped, a subnet cut off for 30
 * minutes), is killed with SIGKILL mid-experiment, and recovery in this JVM puts every resource back, exactly once:
 * by {@code InfraRecovery.recover} (what {@code fis recover} runs), or by simply building the next {@link FisEngine}.
 */
@Tag("emulator")
class CrashRecoveryEmulatorTest {
    @TempDir
    Path journalDir;

    /** The resources of one crash: an instance and a subnet with its original network ACL, in a VPC. */
    private record Crashed(String instance, String vpc, String subnet, String originalAcl, String clonedAcl) {}

    /**
     * Starts a child JVM that stops an instance and cuts a subnet off for 30 minutes, kills it with SIGKILL once both
     * actions run, and checks that the changes stayed (the instance stopped, the subnet on a cloned ACL).
     */
    private Crashed crashMidExperiment(Moto moto, Ec2Client ec2) throws Exception {
        String image = ec2.describeImages(r -> { }).images().get(0).imageId();
        String instance = ec2.runInstances(r -> r.imageId(image).minCount(1).maxCount(1)).instances().get(0)
                .instanceId();
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.7.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.7.1.0/24")).subnet().subnetId();
        String originalAcl = Ec2ActionsEmulatorTest.aclOf(ec2, subnet);

        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashMain.class.getName(),
                moto.endpoint().toString(), journalDir.toString(),
                "arn:aws:ec2:us-east-1:123456789012:instance/" + instance,
                "arn:aws:ec2:us-east-1:123456789012:subnet/" + subnet);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith("READY")) {
                    break;
                }
            }
            assertThat(output).as("child output").anySatisfy(l -> assertThat(l).startsWith("READY"));
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no revert
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        assertThat(state(ec2, instance)).isEqualTo(InstanceStateName.STOPPED);
        String clone = Ec2ActionsEmulatorTest.aclOf(ec2, subnet);
        assertThat(clone).isNotEqualTo(originalAcl);
        assertThat(journalFiles()).hasSize(1);
        return new Crashed(instance, vpc, subnet, originalAcl, clone);
    }

    /** Everything the crash changed is back, the clone is gone, and so is the journal file. */
    private void assertRecovered(Ec2Client ec2, Crashed c, RecoveryReport report) throws Exception {
        assertThat(report.failed()).isEmpty();
        assertThat(report.completed()).extracting(i -> i.record().kind())
                .containsExactlyInAnyOrder("ec2:start-instances", "ec2:restore-network-acl");
        assertThat(report.lines()).anySatisfy(l -> assertThat(l).contains("started [" + c.instance() + "]"))
                .anySatisfy(l -> assertThat(l).contains("re-associated subnet " + c.subnet() + " with "
                        + c.originalAcl()).contains("deleted cloned network ACL " + c.clonedAcl()));
        assertThat(state(ec2, c.instance())).isEqualTo(InstanceStateName.RUNNING);
        assertThat(Ec2ActionsEmulatorTest.aclOf(ec2, c.subnet())).isEqualTo(c.originalAcl());
        assertThat(ec2.describeNetworkAcls(r -> r.filters(Filter.builder().name("vpc-id").values(c.vpc()).build()))
                .networkAcls()).extracting(a -> a.networkAclId()).doesNotContain(c.clonedAcl());
        assertThat(journalFiles()).as("a journal whose records are all done is deleted").isEmpty();
    }

    @Test
    void recoveryAfterSigkillRestartsTheInstanceAndRestoresTheNetworkAclExactlyOnce() throws Exception {
        try (Moto moto = Moto.start(); Ec2Client ec2 = InfraFixture.client(Ec2Client.builder(), moto.endpoint())) {
            Crashed crashed = crashMidExperiment(moto, ec2);
            RecoveryReport report;
            try (InfraClients clients = new InfraClients(InfraFixture.settings(moto.endpoint(), journalDir)
                    .build())) {
                report = InfraRecovery.recover(clients);
                assertThat(InfraRecovery.recover(clients).completed()).as("a second recovery has nothing to do")
                        .isEmpty();
            }
            assertRecovered(ec2, crashed, report);
        }
    }

    @Test
    void theNextEngineStartCompletesThePendingRevertsBeforeItIsHandedOutExactlyOnce() throws Exception {
        try (Moto moto = Moto.start(); Ec2Client ec2 = InfraFixture.client(Ec2Client.builder(), moto.endpoint())) {
            Crashed crashed = crashMidExperiment(moto, ec2);
            InfraSettings settings = InfraFixture.settings(moto.endpoint(), journalDir).build();
            try (FisEngine engine = FisEngine.builder().slf4jLog(false).component(InfraSettings.class, settings)
                    .build()) {
                // build() returned: the hook has run (the engine is not handed out before)
                RecoveryReport report = InfraRecovery.atStart(engine).orElseThrow();
                assertRecovered(ec2, crashed, report);
            }
            try (FisEngine second = FisEngine.builder().slf4jLog(false).component(InfraSettings.class, settings)
                    .build()) {
                RecoveryReport again = InfraRecovery.atStart(second).orElseThrow();
                assertThat(again.completed()).as("exactly once: the next start has nothing to do").isEmpty();
                assertThat(again.failed()).isEmpty();
            }
        }
    }

    private List<Path> journalFiles() throws Exception {
        try (Stream<Path> files = Files.list(journalDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList();
        }
    }

    static InstanceStateName state(Ec2Client ec2, String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).state()
                .name();
    }
}
