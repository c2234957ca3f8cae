package dev.fisengine.aws.infra.emulators;

import static dev.fisengine.aws.infra.emulators.Ec2ActionsEmulatorTest.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.engine.ExperimentPlan;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
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
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * {@code aws:eks:terminate-nodegroup-instances} and the {@code aws:eks:nodegroup} resolver: the node groups' Auto
 * Scaling groups and their instances are real ones in moto_server (EC2 and Auto Scaling), EKS is {@link EksLoopback}
 * (moto's EKS node groups have no Auto Scaling group or instances behind them), wired with a per-service endpoint
 * ({@code InfraSettings.serviceEndpoint("eks", ...)}). The effect is observed through the EC2 API.
 */
@Tag("emulator")
class EksActionsEmulatorTest {
    private static Moto moto;
    private static Ec2Client ec2;
    private static AutoScalingClient autoScaling;
    private static String launchTemplateId;

    @TempDir
    Path journalDir;
    private EksLoopback eks;
    private ManualClock clock;
    private FisEngine engine;

    @BeforeAll
    static void start() {
        moto = Moto.start();
        ec2 = InfraFixture.client(Ec2Client.builder(), moto.endpoint());
        autoScaling = InfraFixture.client(AutoScalingClient.builder(), moto.endpoint());
        String image = ec2.describeImages(r -> { }).images().get(0).imageId();
        launchTemplateId = ec2.createLaunchTemplate(r -> r.launchTemplateName("eks-nodes").launchTemplateData(d -> d
                .imageId(image).instanceType("t3.medium"))).launchTemplate().launchTemplateId();
    }

    @AfterAll
    static void stop() {
        autoScaling.close();
        ec2.close();
        moto.close();
    }

    @BeforeEach
    void engine() throws Exception {
        eks = new EksLoopback();
        clock = new ManualClock();
        engine = InfraFixture.engine(clock, InfraFixture.settings(moto.endpoint(), journalDir)
                .serviceEndpoint("eks", eks.endpoint()).build());
    }

    @AfterEach
    void close() {
        engine.close();
        eks.close();
    }

    /** A real Auto Scaling group of {@code size} instances in moto; the ids of its instances. */
    private static List<String> autoScalingGroup(String name, int size) {
        autoScaling.createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(size).maxSize(size)
                .desiredCapacity(size).availabilityZones("us-east-1a")
                .launchTemplate(t -> t.launchTemplateId(launchTemplateId).version("$Latest")));
        List<String> ids = autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
                .autoScalingGroups().get(0).instances().stream().map(i -> i.instanceId()).sorted().toList();
        assertThat(ids).as("moto starts the group's desired capacity").hasSize(size);
        assertThat(states(ids).values()).containsOnly(InstanceStateName.RUNNING);
        return ids;
    }

    private static Map<String, InstanceStateName> states(List<String> ids) {
        return ec2.describeInstances(r -> r.instanceIds(ids)).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .collect(Collectors.toMap(Instance::instanceId, i -> i.state().name()));
    }

    private static List<String> ended(List<String> ids) {
        return states(ids).entrySet().stream().filter(e -> e.getValue() == InstanceStateName.SHUTTING_DOWN
                || e.getValue() == InstanceStateName.TERMINATED).map(Map.Entry::getKey).sorted().toList();
    }

    private static List<String> running(List<String> ids) {
        return states(ids).entrySet().stream().filter(e -> e.getValue() == InstanceStateName.RUNNING)
                .map(Map.Entry::getKey).sorted().toList();
    }

    private String run(String json) {
        String id = engine.startExperiment(engine.createExperimentTemplate(json).id()).id();
        clock.awaitIdle();
        return id;
    }

    /** Target {@code N}: the node group {@code arn}. */
    private static String byArn(String arn) {
        return """
                "N": {"resourceType": "aws:eks:nodegroup", "resourceArns": ["%s"], "selectionMode": "ALL"}
                """.formatted(arn);
    }

    private static String terminate(String percentage) {
        return """
                "Terminate": {"actionId": "aws:eks:terminate-nodegroup-instances", "targets": {"Nodegroups": "N"},
                  "parameters": {"instanceTerminationPercentage": "%s"}}
                """.formatted(percentage);
    }

    @Test
    void terminatesThePercentageOfTheNodegroupsInstancesNamedByArn() {
        String asg = "eks-arn-" + System.nanoTime();
        List<String> instances = autoScalingGroup(asg, 4);
        String arn = eks.addNodegroup("prod", "workers", asg, 4, Map.of());

        String id = run(template(byArn(arn), terminate("50")));

        Experiment e = engine.getExperiment(id);
        assertThat(e.state().status()).as(e.state().reason()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(e.actions().get("Terminate").state().status()).isEqualTo(ActionStatus.COMPLETED);
        assertThat(ended(instances)).as("50 % of 4").hasSize(2);
        assertThat(running(instances)).as("the others still run").hasSize(2);
        assertThat(eks.calls).as("the resolver's and the action's DescribeNodegroup, by ARN")
                .containsExactly("GET /clusters/prod/node-groups/workers", "GET /clusters/prod/node-groups/workers");
        var group = autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(asg)).autoScalingGroups()
                .get(0);
        assertThat(group.instances()).as("the Auto Scaling group (moto) replaces what was terminated").hasSize(4)
                .extracting(i -> i.instanceId()).containsAll(running(instances)).doesNotContainAnyElementsOf(
                        ended(instances));
    }

    @Test
    void terminatesOnlyTheInstancesOfTheNodegroupsSelectedByTags() {
        String tag = "eks-" + System.nanoTime();
        List<String> targeted = autoScalingGroup(tag + "-a", 4);
        List<String> other = autoScalingGroup(tag + "-b", 4);
        List<String> third = autoScalingGroup(tag + "-c", 2);
        List<String> fourth = autoScalingGroup(tag + "-d", 2);
        String arn = eks.addNodegroup("prod", "targeted", tag + "-a", 4, Map.of("chaos", tag, "team", "payments"));
        eks.addNodegroup("prod", "other", tag + "-b", 4, Map.of("chaos", "not-" + tag));
        eks.addNodegroup("staging", "third", tag + "-c", 2, Map.of("team", "payments"));
        String arn2 = eks.addNodegroup("staging", "fourth", tag + "-d", 2, Map.of("chaos", tag));
        engine.close();
        engine = InfraFixture.engine(clock, InfraFixture.settings(moto.endpoint(), journalDir)
                .serviceEndpoint("eks", eks.endpoint()).pageSize(1).build());

        String id = run(template("""
                "N": {"resourceType": "aws:eks:nodegroup", "resourceTags": {"chaos": "%s"}, "selectionMode": "ALL"}
                """.formatted(tag), terminate("75")));

        Experiment e = engine.getExperiment(id);
        assertThat(e.state().status()).as(e.state().reason()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(ended(targeted)).as("75 % of 4").hasSize(3);
        assertThat(running(targeted)).hasSize(1);
        assertThat(ended(fourth)).as("75 % of 2, rounded up, in another cluster").isEqualTo(fourth);
        assertThat(running(other)).as("a node group whose tag differs").isEqualTo(other);
        assertThat(running(third)).as("a node group of another cluster without the tag").isEqualTo(third);
        assertThat(engine.listExperimentResolvedTargets(id, 100, null, null).items())
                .extracting(t -> t.targetInformation().get("arn"))
                .containsExactlyInAnyOrder(arn, arn2);
        assertThat(eks.calls).as("every page of ListClusters and ListNodegroups (pages of 1), DescribeNodegroup of "
                + "each node group, then the action's").containsExactly(
                "GET /clusters",
                "GET /clusters/prod/node-groups", "GET /clusters/prod/node-groups/other",
                "GET /clusters/prod/node-groups", "GET /clusters/prod/node-groups/targeted",
                "GET /clusters",
                "GET /clusters/staging/node-groups", "GET /clusters/staging/node-groups/fourth",
                "GET /clusters/staging/node-groups", "GET /clusters/staging/node-groups/third",
                "GET /clusters/prod/node-groups/targeted", "GET /clusters/staging/node-groups/fourth");
    }

    @Test
    void aPercentageIsRoundedUpToWholeInstances() {
        String asg = "eks-round-" + System.nanoTime();
        List<String> instances = autoScalingGroup(asg, 4);
        String arn = eks.addNodegroup("prod", "small", asg, 4, Map.of());

        String id = run(template(byArn(arn), terminate("10")));

        assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(ended(instances)).as("10 % of 4 instances is one instance").hasSize(1);
        assertThat(running(instances)).hasSize(3);
    }

    @Test
    void onlyInstancesInServiceAreCountedAndTerminated() {
        String asg = "eks-standby-" + System.nanoTime();
        List<String> instances = autoScalingGroup(asg, 4);
        String standby = instances.get(0);
        autoScaling.enterStandby(r -> r.autoScalingGroupName(asg).instanceIds(standby)
                .shouldDecrementDesiredCapacity(true));
        assertThat(autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(asg)).autoScalingGroups()
                .get(0).instances()).filteredOn(i -> i.instanceId().equals(standby))
                .extracting(i -> i.lifecycleStateAsString()).containsExactly("Standby");
        String arn = eks.addNodegroup("prod", "standby", asg, 4, Map.of());

        String id = run(template(byArn(arn), terminate("100")));

        assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(running(instances)).as("the instance in standby is not one of the node group's serving nodes")
                .containsExactly(standby);
        assertThat(ended(instances)).as("100 % of the 3 in service").hasSize(3).doesNotContain(standby);
    }

    @Test
    void aNodegroupThatDoesNotExistFailsTheTargetNamingIt() {
        String missing = "arn:aws:eks:us-east-1:123456789012:nodegroup/prod/gone/0b2c4d6e-0000-0000-0000-000000000000";
        eks.addNodegroup("prod", "workers", "eks-none", 0, Map.of());

        String id = run(template(byArn(missing), terminate("50")));

        Experiment e = engine.getExperiment(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(e.state().reason()).isEqualTo("Target resolution failed for target 'N': target 'N' "
                + "(aws:eks:nodegroup): resource " + missing + " not found");
        assertThat(e.actions().get("Terminate").state().status()).as("never started")
                .isEqualTo(ActionStatus.CANCELLED);
        assertThat(eks.calls).containsExactly("GET /clusters/prod/node-groups/gone");
    }

    @Test
    void aNodegroupDeletedAfterResolutionFailsTheActionNamingTheNodegroup() {
        String asg = "eks-deleted-" + System.nanoTime();
        List<String> instances = autoScalingGroup(asg, 2);
        String arn = eks.addNodegroup("prod", "doomed", asg, 2, Map.of());

        String id = run(template(byArn(arn), """
                "Wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT1M"}},
                "Terminate": {"actionId": "aws:eks:terminate-nodegroup-instances", "targets": {"Nodegroups": "N"},
                  "parameters": {"instanceTerminationPercentage": "100"}, "startAfter": ["Wait"]}
                """));
        eks.removeNodegroup("prod", "doomed");
        clock.advance(Duration.ofMinutes(1));
        clock.awaitIdle();

        Experiment e = engine.getExperiment(id);
        assertThat(e.actions().get("Terminate").state().status()).isEqualTo(ActionStatus.FAILED);
        assertThat(e.actions().get("Terminate").state().reason())
                .startsWith("action 'Terminate' (aws:eks:terminate-nodegroup-instances): No node group found for "
                        + "name: doomed. (Service: Eks, Status Code: 404");
        assertThat(e.state().reason()).startsWith("Action 'Terminate' failed: ");
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(running(instances)).as("nothing terminated").isEqualTo(instances);
    }

    @Test
    void aDryRunResolvesTheNodegroupAndListsTheCallsWithoutTerminatingAnything() {
        String asg = "eks-dry-" + System.nanoTime();
        List<String> instances = autoScalingGroup(asg, 2);
        String arn = eks.addNodegroup("prod", "dry", asg, 2, Map.of());
        String template = engine.createExperimentTemplate(template(byArn(arn), terminate("50"))).id();

        ExperimentPlan plan = engine.planExperiment(template);

        assertThat(plan.ok()).as(String.join("\n", plan.lines())).isTrue();
        assertThat(plan.targets().get(0).resourceArns()).containsExactly(arn);
        assertThat(plan.actions().get(0).calls()).containsExactly(
                "eks:DescribeNodegroup cluster=prod nodegroup=dry (us-east-1)",
                "autoscaling:DescribeAutoScalingGroups of the node group's Auto Scaling groups",
                "ec2:TerminateInstances of 50 % of their instances (rounded up, chosen at random, seeded by the "
                        + "experiment)");
        assertThat(running(instances)).isEqualTo(instances);
        assertThat(eks.calls).as("the resolver's DescribeNodegroup only")
                .containsExactly("GET /clusters/prod/node-groups/dry");
    }
}
