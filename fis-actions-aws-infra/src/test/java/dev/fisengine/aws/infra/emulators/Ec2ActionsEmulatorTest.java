package dev.fisengine.aws.infra.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.ResolvedTarget;
import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.aws.infra.FileRevertJournal;
import dev.fisengine.aws.infra.InfraSettings;
import dev.fisengine.aws.infra.internal.Resolvers;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The EC2 actions and resolvers against moto_server, through {@link FisEngine} from template JSON: each action's
 * effect observed with a plain EC2 client, reverts on the manual clock, and resolution by tags, filters and ARNs.
 */
@Tag("emulator")
class Ec2ActionsEmulatorTest {
    private static Moto moto;
    private static Ec2Client ec2;
    private static String imageId;

    @TempDir
    Path journalDir;
    private ManualClock clock;
    private FisEngine engine;

    @BeforeAll
    static void start() {
        moto = Moto.start();
        ec2 = InfraFixture.client(Ec2Client.builder(), moto.endpoint());
        imageId = ec2.describeImages(r -> { }).images().get(0).imageId();
    }

    @AfterAll
    static void stop() {
        ec2.close();
        moto.close();
    }

    @BeforeEach
    void engine() {
        clock = new ManualClock();
        engine = InfraFixture.engine(clock, InfraFixture.settings(moto.endpoint(), journalDir).pageSize(50).build());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    static List<String> runInstances(int count, String tagKey, String tagValue) {
        return ec2.runInstances(r -> r.imageId(imageId).minCount(count).maxCount(count).tagSpecifications(
                TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(
                        software.amazon.awssdk.services.ec2.model.Tag.builder().key(tagKey).value(tagValue).build())
                        .build())).instances().stream().map(Instance::instanceId).toList();
    }

    static Map<String, InstanceStateName> states(List<String> ids) {
        return ec2.describeInstances(r -> r.instanceIds(ids)).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .collect(Collectors.toMap(Instance::instanceId, i -> i.state().name()));
    }

    static String template(String targets, String actions) {
        return """
                {"description": "infra test", "targets": {%s}, "actions": {%s},
                 "stopConditions": [{"source": "none"}], "roleArn": "arn:aws:iam::123456789012:role/fis"}
                """.formatted(targets, actions);
    }

    private String run(String json) {
        String id = engine.startExperiment(engine.createExperimentTemplate(json).id()).id();
        clock.awaitIdle();
        return id;
    }

    private Experiment experiment(String id) {
        return engine.getExperiment(id);
    }

    @Test
    void stopInstancesStopsTheTaggedRunningInstancesAndStartsThemAgainAfterTheDuration() throws Exception {
        String tag = "stop-" + System.nanoTime();
        List<String> targeted = runInstances(3, "chaos", tag);
        List<String> untouched = runInstances(2, "chaos", "other-" + tag);
        String json = template("""
                "Instances": {"resourceType": "aws:ec2:instance", "resourceTags": {"chaos": "%s"},
                  "filters": [{"path": "State.Name", "values": ["running", "pending"]}], "selectionMode": "ALL"}
                """.formatted(tag), """
                "Stop": {"actionId": "aws:ec2:stop-instances", "targets": {"Instances": "Instances"},
                  "parameters": {"startInstancesAfterDuration": "PT5M"}}
                """);

        String id = run(json);

        assertThat(experiment(id).actions().get("Stop").state().status()).isEqualTo(ActionStatus.RUNNING);
        assertThat(states(targeted).values()).containsOnly(InstanceStateName.STOPPED);
        assertThat(states(untouched).values()).doesNotContain(InstanceStateName.STOPPED);
        FileRevertJournal journal = FileRevertJournal.open(journalDir);
        try {
            assertThat(journal.pendingOfThisProcess()).singleElement().satisfies(r -> {
                assertThat(r.kind()).isEqualTo("ec2:start-instances");
                assertThat(r.data().get("instanceIds").split(",")).containsExactlyInAnyOrderElementsOf(targeted);
            });

            clock.advance(Duration.ofMinutes(5));
            clock.awaitIdle();

            assertThat(experiment(id).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
            assertThat(states(targeted).values()).containsOnly(InstanceStateName.RUNNING);
            assertThat(journal.pendingOfThisProcess()).isEmpty();
        } finally {
            journal.close();
        }
        List<ResolvedTarget> resolved = engine.listExperimentResolvedTargets(id, 100, null, null).items();
        assertThat(resolved).extracting(t -> t.targetInformation().get("arn")).hasSize(3)
                .allSatisfy(arn -> assertThat(arn).startsWith("arn:aws:ec2:us-east-1:"));
    }

    @Test
    void stoppingTheExperimentStartsTheInstancesAtOnce() {
        List<String> ids = runInstances(1, "chaos", "stop-early-" + System.nanoTime());
        String arn = "arn:aws:ec2:us-east-1:123456789012:instance/" + ids.get(0);
        String id = run(template("""
                "I": {"resourceType": "aws:ec2:instance", "resourceArns": ["%s"], "selectionMode": "ALL"}
                """.formatted(arn), """
                "Stop": {"actionId": "aws:ec2:stop-instances", "targets": {"Instances": "I"},
                  "parameters": {"startInstancesAfterDuration": "PT30M"}}
                """));
        assertThat(states(ids).values()).containsOnly(InstanceStateName.STOPPED);

        engine.stopExperiment(id);
        clock.awaitIdle();

        assertThat(experiment(id).state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(states(ids).values()).containsOnly(InstanceStateName.RUNNING);
    }

    @Test
    void instancesTerminatedMeanwhileFailTheActionUnlessCompleteIfInstancesTerminated() throws Exception {
        for (boolean complete : new boolean[] {false, true}) {
            List<String> ids = runInstances(1, "chaos", "gone-" + System.nanoTime());
            String id = run(template("""
                    "I": {"resourceType": "aws:ec2:instance",
                      "resourceArns": ["arn:aws:ec2:us-east-1:123456789012:instance/%s"], "selectionMode": "ALL"}
                    """.formatted(ids.get(0)), """
                    "Stop": {"actionId": "aws:ec2:stop-instances", "targets": {"Instances": "I"},
                      "parameters": {"startInstancesAfterDuration": "PT5M", "completeIfInstancesTerminated": "%s"}}
                    """.formatted(complete)));
            ec2.terminateInstances(r -> r.instanceIds(ids));

            clock.advance(Duration.ofMinutes(5));
            clock.awaitIdle();

            Experiment done = experiment(id);
            if (complete) {
                assertThat(done.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
            } else {
                assertThat(done.actions().get("Stop").state().status()).isEqualTo(ActionStatus.FAILED);
                assertThat(done.actions().get("Stop").state().reason()).contains(ids.get(0))
                        .contains("were terminated and cannot be restarted");
            }
            try (FileRevertJournal journal = FileRevertJournal.open(journalDir)) {
                assertThat(journal.pendingOfThisProcess()).as("nothing left for recovery to retry").isEmpty();
                assertThat(journal.pendingOfDeadOwners()).isEmpty();
                journal.release();
            }
        }
    }

    @Test
    void closingTheEngineRevertsBeforeItsClientsClose() throws Exception {
        List<String> ids = runInstances(1, "chaos", "close-" + System.nanoTime());
        run(template("""
                "I": {"resourceType": "aws:ec2:instance",
                  "resourceArns": ["arn:aws:ec2:us-east-1:123456789012:instance/%s"], "selectionMode": "ALL"}
                """.formatted(ids.get(0)), """
                "Stop": {"actionId": "aws:ec2:stop-instances", "targets": {"Instances": "I"},
                  "parameters": {"startInstancesAfterDuration": "PT30M"}}
                """));
        assertThat(states(ids).values()).containsOnly(InstanceStateName.STOPPED);

        engine.close();

        assertThat(states(ids).values()).containsOnly(InstanceStateName.RUNNING);
        try (FileRevertJournal journal = FileRevertJournal.open(journalDir)) {
            assertThat(journal.pendingOfDeadOwners()).isEmpty();
            journal.release();
        }
    }

    @Test
    void rebootAndTerminateInstances() {
        List<String> ids = runInstances(2, "chaos", "term-" + System.nanoTime());
        String a = "arn:aws:ec2:us-east-1:123456789012:instance/" + ids.get(0);
        String b = "arn:aws:ec2:us-east-1:123456789012:instance/" + ids.get(1);
        String id = run(template("""
                "A": {"resourceType": "aws:ec2:instance", "resourceArns": ["%s"], "selectionMode": "ALL"},
                "B": {"resourceType": "aws:ec2:instance", "resourceArns": ["%s"], "selectionMode": "ALL"}
                """.formatted(a, b), """
                "Reboot": {"actionId": "aws:ec2:reboot-instances", "targets": {"Instances": "A"}},
                "Terminate": {"actionId": "aws:ec2:terminate-instances", "targets": {"Instances": "B"}}
                """));
        assertThat(experiment(id).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(states(List.of(ids.get(0))).get(ids.get(0))).isEqualTo(InstanceStateName.RUNNING);
        assertThat(states(List.of(ids.get(1))).get(ids.get(1))).isIn(InstanceStateName.TERMINATED,
                InstanceStateName.SHUTTING_DOWN);
    }

    @Test
    void resolutionByTagsReadsEveryPageAndFiltersApplyToTheDescribeOutput() throws Exception {
        String tag = "fleet-" + System.nanoTime();
        List<String> fleet = runInstances(240, "fleet", tag);
        runInstances(30, "fleet", "other-" + tag);
        ec2.stopInstances(r -> r.instanceIds(fleet.subList(0, 40)));

        var resolver = new Resolvers.Ec2Instance();
        var all = resolver.resolve(new TargetQuery("Fleet", "aws:ec2:instance", List.of(),
                Map.of("fleet", tag), Map.of(), engine));
        assertThat(all).hasSize(240);
        assertThat(all).allSatisfy(r -> {
            assertThat(r.tags()).containsEntry("fleet", tag);
            assertThat(r.attributes()).containsKeys("InstanceId", "State", "Placement", "ImageId");
        });

        String id = run(template("""
                "Fleet": {"resourceType": "aws:ec2:instance", "resourceTags": {"fleet": "%s"},
                  "filters": [{"path": "State.Name", "values": ["stopped"]},
                              {"path": "Placement.AvailabilityZone", "values": ["us-east-1a"]}],
                  "selectionMode": "COUNT(5)"}
                """.formatted(tag), """
                "Reboot": {"actionId": "aws:ec2:reboot-instances", "targets": {"Instances": "Fleet"}}
                """));
        List<String> chosen = engine.listExperimentResolvedTargets(id, 100, null, null).items().stream()
                .map(t -> t.targetInformation().get("arn")).map(a -> a.substring(a.lastIndexOf('/') + 1))
                .toList();
        assertThat(chosen).hasSize(5).allSatisfy(i -> assertThat(fleet.subList(0, 40)).contains(i));
    }

    @Test
    void anUnknownArnFailsTheTargetNamingIt() {
        String missing = "arn:aws:ec2:us-east-1:123456789012:instance/i-0000000000000dead";
        var resolver = new Resolvers.Ec2Instance();
        assertThatThrownBy(() -> resolver.resolve(new TargetQuery("Victims", "aws:ec2:instance",
                List.of(missing), Map.of(), Map.of(), engine)))
                .hasMessageContaining("target 'Victims' (aws:ec2:instance)")
                .hasMessageContaining("resource " + missing + " not found");

        String id = run(template("""
                "Victims": {"resourceType": "aws:ec2:instance", "resourceArns": ["%s"], "selectionMode": "ALL"}
                """.formatted(missing), """
                "Stop": {"actionId": "aws:ec2:stop-instances", "targets": {"Instances": "Victims"}}
                """));
        Experiment failed = experiment(id);
        assertThat(failed.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(failed.state().reason()).contains("Victims").contains(missing);
    }

    @Test
    void anEndpointThatIsDownGivesAClearErrorNamingTheTarget() {
        URI down = URI.create("http://127.0.0.1:" + Moto.freePort());
        InfraSettings settings = InfraFixture.settings(down, journalDir).apiCallTimeout(Duration.ofSeconds(5))
                .build();
        try (FisEngine other = InfraFixture.engine(new ManualClock(), settings)) {
            var resolver = new Resolvers.Ec2Instance();
            assertThatThrownBy(() -> resolver.resolve(new TargetQuery("Web", "aws:ec2:instance", List.of(),
                    Map.of("app", "web"), Map.of(), other)))
                    .hasMessageStartingWith("target 'Web' (aws:ec2:instance): describing the resources failed")
                    .hasMessageContaining(down.getHost() + ":" + down.getPort());
        }
    }

    @Test
    void disruptConnectivitySwapsTheSubnetsNetworkAclAndRestoresIt() {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.42.0.0/16")).vpc().vpcId();
        var subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.42.1.0/24").availabilityZone("us-east-1a"))
                .subnet();
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.42.2.0/24").availabilityZone("us-east-1b"));
        NetworkAcl original = acl(subnet.subnetId());
        String arn = "arn:aws:ec2:us-east-1:123456789012:subnet/" + subnet.subnetId();

        String id = run(template("""
                "Subnets": {"resourceType": "aws:ec2:subnet", "resourceArns": ["%s"], "selectionMode": "ALL"}
                """.formatted(arn), """
                "Cut": {"actionId": "aws:network:disrupt-connectivity", "targets": {"Subnets": "Subnets"},
                  "parameters": {"scope": "availability-zone", "duration": "PT10M"}}
                """));

        assertThat(experiment(id).actions().get("Cut").state().status()).isEqualTo(ActionStatus.RUNNING);
        NetworkAcl during = acl(subnet.subnetId());
        assertThat(during.networkAclId()).isNotEqualTo(original.networkAclId());
        assertThat(during.tags()).anySatisfy(t -> {
            assertThat(t.key()).isEqualTo("managedByFIS");
            assertThat(t.value()).isEqualTo("true");
        });
        assertThat(during.entries()).anySatisfy(e -> {
            assertThat(e.cidrBlock()).isEqualTo("10.42.2.0/24");
            assertThat(e.ruleActionAsString()).isEqualTo("deny");
        });

        clock.advance(Duration.ofMinutes(10));
        clock.awaitIdle();

        assertThat(experiment(id).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(acl(subnet.subnetId()).networkAclId()).isEqualTo(original.networkAclId());
        assertThat(ec2.describeNetworkAcls(r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build()))
                .networkAcls()).extracting(NetworkAcl::networkAclId).as("the clone is deleted")
                .doesNotContain(during.networkAclId()).contains(original.networkAclId());
    }

    static String aclOf(Ec2Client client, String subnetId) {
        return client.describeNetworkAcls(r -> r.filters(Filter.builder().name("association.subnet-id")
                .values(subnetId).build())).networkAcls().get(0).networkAclId();
    }

    static NetworkAcl acl(String subnetId) {
        return ec2.describeNetworkAcls(r -> r.filters(Filter.builder().name("association.subnet-id")
                .values(subnetId).build())).networkAcls().get(0);
    }

    @Test
    void changesToRealAwsEndpointsAreRefusedWithoutTheOptIn() throws Exception {
        Path dir = Files.createTempDirectory(journalDir, "aws");
        InfraSettings settings = InfraFixture.settings(moto.endpoint(), dir).build().toBuilder()
                .endpointOverride(URI.create("https://ec2.us-east-1.amazonaws.com")).build();
        try (FisEngine other = InfraFixture.engine(new ManualClock(), settings)) {
            // the action called directly: resolving against the real endpoint would need credentials
            var action = new dev.fisengine.aws.infra.internal.Actions.Ec2StopInstances();
            var ctx = new RecordingActionContext(other, "Stop", action.descriptor().id(),
                    Map.of("startInstancesAfterDuration", "PT5M", "completeIfInstancesTerminated", "false"),
                    Map.of("Instances", List.of(dev.fisengine.api.spi.TargetResource.of(
                            "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0"))));
            assertThatThrownBy(() -> action.start(ctx))
                    .hasMessageContaining("action 'Stop' (aws:ec2:stop-instances): refusing to change real AWS "
                            + "resources")
                    .hasMessageContaining("https://ec2.us-east-1.amazonaws.com");
            assertThat(ctx.reverts).as("refused before any undo was recorded").isEmpty();
            try (FileRevertJournal journal = FileRevertJournal.open(dir)) {
                assertThat(journal.pendingOfThisProcess()).isEmpty();
            }
        }
    }
}
