package dev.fisengine.aws.infra.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.engine.ExperimentPlan;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code fis run --dry-run} through {@link FisEngine#planExperiment} against moto: targets resolved by tags with real
 * Describe calls, each action's exact API calls listed, and nothing changed: the instances still run, the subnet
 * keeps its network ACL, no ACL was created, nothing was written to the revert journal.
 */
@Tag("emulator")
class DryRunEmulatorTest {
    @TempDir
    Path journalDir;

    @Test
    void aDryRunListsTheExactCallsAndChangesNothing() throws Exception {
        try (Moto moto = Moto.start(); Ec2Client ec2 = InfraFixture.client(Ec2Client.builder(), moto.endpoint());
                FisEngine engine = InfraFixture.engine(new ManualClock(), InfraFixture.settings(moto.endpoint(),
                        journalDir).build())) {
            String image = ec2.describeImages(r -> { }).images().get(0).imageId();
            List<String> ids = ec2.runInstances(r -> r.imageId(image).minCount(2).maxCount(2).tagSpecifications(
                    TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(
                            software.amazon.awssdk.services.ec2.model.Tag.builder().key("dry").value("run").build())
                            .build())).instances().stream().map(Instance::instanceId).toList();
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.9.1.0/24")).subnet().subnetId();
            String acl = Ec2ActionsEmulatorTest.aclOf(ec2, subnet);
            int aclsBefore = acls(ec2, vpc);
            String template = engine.createExperimentTemplate(Ec2ActionsEmulatorTest.template("""
                    "Web": {"resourceType": "aws:ec2:instance", "resourceTags": {"dry": "run"},
                      "selectionMode": "ALL"},
                    "Net": {"resourceType": "aws:ec2:subnet", "resourceArns":
                      ["arn:aws:ec2:us-east-1:123456789012:subnet/%s"], "selectionMode": "ALL"}
                    """.formatted(subnet), """
                    "Stop": {"actionId": "aws:ec2:stop-instances", "targets": {"Instances": "Web"},
                      "parameters": {"startInstancesAfterDuration": "PT5M"}},
                    "Cut": {"actionId": "aws:network:disrupt-connectivity", "targets": {"Subnets": "Net"},
                      "parameters": {"scope": "vpc", "duration": "PT10M"}, "startAfter": ["Stop"]}
                    """)).id();

            ExperimentPlan plan = engine.planExperiment(template);

            assertThat(plan.ok()).as(String.join("\n", plan.lines())).isTrue();
            List<String> resolved = plan.targets().get(0).resourceArns().stream()
                    .map(a -> a.substring(a.lastIndexOf('/') + 1)).toList();
            assertThat(resolved).containsExactlyInAnyOrderElementsOf(ids);
            String csv = String.join(",", resolved);
            assertThat(plan.actions().get(0).calls()).containsExactly(
                    "ec2:StopInstances " + csv + " (us-east-1)",
                    "after PT5M (startInstancesAfterDuration) or on stop: ec2:DescribeInstances " + csv
                            + " until stopped, then ec2:StartInstances " + csv + " (us-east-1)");
            assertThat(plan.actions().get(1).startAfter()).containsExactly("Stop");
            assertThat(plan.actions().get(1).calls()).containsExactly(
                    "ec2:DescribeSubnets " + subnet + ", ec2:DescribeNetworkAcls of " + subnet + " (us-east-1)",
                    "ec2:DescribeVpcs " + vpc + "; deny its CIDR blocks (at most 20)",
                    "ec2:CreateNetworkAcl in " + vpc + " tagged managedByFIS=true",
                    "ec2:CreateNetworkAclEntry allow 10.9.1.0/24, deny the scope's ranges, then a copy of the "
                            + "original ACL's entries",
                    "ec2:ReplaceNetworkAclAssociation of " + subnet + " to the new ACL",
                    "at the end (duration PT10M) or on stop: ec2:ReplaceNetworkAclAssociation of " + subnet
                            + " back to its original ACL, ec2:DeleteNetworkAcl of the new one");

            for (String id : ids) {
                assertThat(CrashRecoveryEmulatorTest.state(ec2, id)).isEqualTo(InstanceStateName.RUNNING);
            }
            assertThat(Ec2ActionsEmulatorTest.aclOf(ec2, subnet)).isEqualTo(acl);
            assertThat(acls(ec2, vpc)).isEqualTo(aclsBefore);
            try (Stream<Path> files = Files.list(journalDir)) {
                assertThat(files.toList()).as("nothing recorded in the revert journal").isEmpty();
            }
            assertThat(engine.listExperiments().items()).isEmpty();
        }
    }

    private static int acls(Ec2Client ec2, String vpc) {
        return ec2.describeNetworkAcls(r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build()))
                .networkAcls().size();
    }
}
