package dev.fisengine.aws.infra.emulators;

import static dev.fisengine.aws.infra.emulators.Ec2ActionsEmulatorTest.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.aws.infra.internal.Resolvers;
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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterMember;

/** The ECS and RDS actions and resolvers against moto_server, through {@link FisEngine} from template JSON. */
@Tag("emulator")
class EcsRdsEmulatorTest {
    private static Moto moto;
    private static Ec2Client ec2;
    private static EcsClient ecs;
    private static RdsClient rds;
    private static String imageId;

    @TempDir
    Path journalDir;
    private ManualClock clock;
    private FisEngine engine;

    @BeforeAll
    static void start() {
        moto = Moto.start();
        ec2 = InfraFixture.client(Ec2Client.builder(), moto.endpoint());
        ecs = InfraFixture.client(EcsClient.builder(), moto.endpoint());
        rds = InfraFixture.client(RdsClient.builder(), moto.endpoint());
        imageId = ec2.describeImages(r -> { }).images().get(0).imageId();
    }

    @AfterAll
    static void stop() {
        ec2.close();
        ecs.close();
        rds.close();
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

    private String run(String json) {
        String id = engine.startExperiment(engine.createExperimentTemplate(json).id()).id();
        clock.awaitIdle();
        return id;
    }

    static String cluster(String name, int containerInstances) {
        String arn = ecs.createCluster(r -> r.clusterName(name)).cluster().clusterArn();
        if (containerInstances > 0) {
            for (Instance i : ec2.runInstances(r -> r.imageId(imageId).minCount(containerInstances)
                    .maxCount(containerInstances)).instances()) {
                ecs.registerContainerInstance(r -> r.cluster(name)
                        .instanceIdentityDocument("{\"instanceId\":\"" + i.instanceId() + "\"}"));
            }
        }
        return arn;
    }

    static Map<String, String> statuses(String cluster) {
        List<String> arns = ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns();
        return ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arns))
                .containerInstances().stream()
                .collect(Collectors.toMap(ContainerInstance::containerInstanceArn, ContainerInstance::status));
    }

    @Test
    void drainContainerInstancesDrainsHalfTheClusterThenActivatesItAgain() {
        String arn = cluster("drain-" + System.nanoTime(), 4);
        String id = run(template("""
                "C": {"resourceType": "aws:ecs:cluster", "resourceArns": ["%s"], "selectionMode": "ALL"}
                """.formatted(arn), """
                "Drain": {"actionId": "aws:ecs:drain-container-instances", "targets": {"Clusters": "C"},
                  "parameters": {"drainagePercentage": "50", "duration": "PT5M"}}
                """));

        assertThat(engine.getExperiment(id).actions().get("Drain").state().status()).isEqualTo(ActionStatus.RUNNING);
        assertThat(statuses(arn).values()).containsExactlyInAnyOrder("DRAINING", "DRAINING", "ACTIVE", "ACTIVE");

        clock.advance(Duration.ofMinutes(5));
        clock.awaitIdle();

        assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(statuses(arn).values()).containsOnly("ACTIVE");
    }

    @Test
    void stopTaskStopsTheSelectedTaskOfTheClusterParameter() {
        String name = "tasks-" + System.nanoTime();
        cluster(name, 1);
        ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(
                software.amazon.awssdk.services.ecs.model.ContainerDefinition.builder().name("web").image("nginx")
                        .memory(128).build()));
        List<String> tasks = ecs.runTask(r -> r.cluster(name).taskDefinition("web").count(2)).tasks().stream()
                .map(t -> t.taskArn()).toList();

        String id = run(template("""
                "T": {"resourceType": "aws:ecs:task", "parameters": {"cluster": "%s"},
                  "filters": [{"path": "Containers.Name", "values": ["web"]}], "selectionMode": "COUNT(1)"}
                """.formatted(name), """
                "Stop": {"actionId": "aws:ecs:stop-task", "targets": {"Tasks": "T"}}
                """));

        assertThat(engine.getExperiment(id).state().status()).as("%s", engine.getExperiment(id).state())
                .isEqualTo(ExperimentStatus.COMPLETED);
        Map<String, String> desired = ecs.describeTasks(r -> r.cluster(name).tasks(tasks)).tasks().stream()
                .collect(Collectors.toMap(t -> t.taskArn(), t -> t.desiredStatus()));
        assertThat(desired.values()).containsExactlyInAnyOrder("STOPPED", "RUNNING");
    }

    @Test
    void clusterResolutionByTagsReadsEveryPage() throws Exception {
        String tag = "team-" + System.nanoTime();
        for (int i = 0; i < 130; i++) {
            int n = i;
            ecs.createCluster(r -> r.clusterName(tag + "-" + n).tags(
                    software.amazon.awssdk.services.ecs.model.Tag.builder().key("team")
                            .value(n % 2 == 0 ? tag : "other").build()));
        }
        var found = new Resolvers.EcsCluster().resolve(new TargetQuery("Clusters", "aws:ecs:cluster", List.of(),
                Map.of("team", tag), Map.of(), engine));
        assertThat(found).hasSize(65).allSatisfy(r -> {
            assertThat(r.tags()).containsEntry("team", tag);
            assertThat(r.attributes()).containsKeys("ClusterArn", "ClusterName", "Status");
        });
    }

    @Test
    void failoverDbClusterMovesTheWriterAndRebootUsesForceFailover() throws Exception {
        String name = "aurora-" + System.nanoTime();
        String arn = rds.createDBCluster(r -> r.dbClusterIdentifier(name).engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("password123")
                .tags(software.amazon.awssdk.services.rds.model.Tag.builder().key("fis").value("yes").build()))
                .dbCluster().dbClusterArn();
        for (int i = 1; i <= 2; i++) {
            int n = i;
            rds.createDBInstance(r -> r.dbInstanceIdentifier(name + "-" + n).dbClusterIdentifier(name)
                    .engine("aurora-mysql").dbInstanceClass("db.r5.large"));
        }
        String writerBefore = writer(name);

        String id = run(template("""
                "Clusters": {"resourceType": "aws:rds:cluster", "resourceTags": {"fis": "yes"},
                  "filters": [{"path": "Engine", "values": ["aurora-mysql"]}], "selectionMode": "ALL"},
                "Dbs": {"resourceType": "aws:rds:db", "resourceArns": ["%s"], "selectionMode": "ALL"}
                """.formatted(arn.replace(":cluster:", ":db:").replace(name, name + "-1")), """
                "Failover": {"actionId": "aws:rds:failover-db-cluster", "targets": {"Clusters": "Clusters"}},
                "Reboot": {"actionId": "aws:rds:reboot-db-instances", "targets": {"DBInstances": "Dbs"},
                  "parameters": {"forceFailover": "false"}}
                """));

        assertThat(engine.getExperiment(id).state().status()).as("%s", engine.getExperiment(id).state())
                .isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(writer(name)).isNotEqualTo(writerBefore);
    }

    @Test
    void anUnknownDbInstanceArnIsNamed() {
        String missing = "arn:aws:rds:us-east-1:123456789012:db:no-such-db";
        assertThatThrownBy(() -> new Resolvers.RdsDb().resolve(new TargetQuery("Dbs", "aws:rds:db",
                List.of(missing), Map.of(), Map.of(), engine)))
                .hasMessage("target 'Dbs' (aws:rds:db): resource " + missing + " not found");
    }

    static String writer(String cluster) {
        return writer(rds, cluster);
    }

    static String writer(RdsClient rds, String cluster) {
        return rds.describeDBClusters(r -> r.dbClusterIdentifier(cluster)).dbClusters().get(0).dbClusterMembers()
                .stream().filter(DBClusterMember::isClusterWriter).map(DBClusterMember::dbInstanceIdentifier)
                .findFirst().orElseThrow();
    }
}
