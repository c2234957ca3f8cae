package dev.fisengine.aws.actions.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.FisTestkit;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

/**
 * The caller-side AWS FIS actions on EC2 capacity and Kinesis streams, run from templates through the engine, hit real
 * SDK clients ({@code Ec2Client}, {@code KinesisClient}, {@code KinesisAsyncClient}) talking to a loopback server that
 * speaks EC2's query and Kinesis' CBOR protocols: the targeted stream or zone is faulted with the service's own error,
 * the request never reaches the server, and another stream or zone is untouched. (The async Kinesis client is given
 * HTTP/1.1: the loopback server is the JDK's, which does not speak HTTP/2.)
 */
class CallerSideFaultActionsTest {
    private static final String ACCOUNT = "123456789012";
    private static final String ORDERS = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/orders";
    private static final String APP_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/app";
    private static final String OTHER_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/other";

    private final ManualClock clock = new ManualClock();
    private KinesisEc2Loopback server;
    private FisEngine engine;
    private Clients clients;

    @BeforeEach
    void start() {
        server = new KinesisEc2Loopback();
        engine = FisTestkit.engineBuilder(clock).slf4jLog(false).build();
        clients = Clients.of(server.endpoint(), engine, APP_ROLE);
    }

    @AfterEach
    void stop() {
        engine.close();
        server.close();
    }

    private static String kinesisTemplate(String actionId, String streamArn) {
        return """
                {
                  "description": "Kinesis stream fault",
                  "targets": {"Streams": {"resourceType": "aws:kinesis:stream", "resourceArns": ["%s"],
                                          "selectionMode": "ALL"}},
                  "actions": {"Fault": {"actionId": "%s", "parameters": {"percentage": "100", "duration": "PT10M"},
                                        "targets": {"KinesisStreams": "Streams"}}},
                  "stopConditions": [{"source": "none"}],
                  "roleArn": "arn:aws:iam::123456789012:role/fis"
                }""".formatted(streamArn, actionId);
    }

    private String run(String template) {
        String id = engine.startExperiment(engine.createExperimentTemplate(template).id()).id();
        clock.awaitIdle();
        assertThat(engine.getExperiment(id).actions().get("Fault").state().status())
                .isEqualTo(ActionStatus.RUNNING);
        return id;
    }

    private void stopExperiment(String id) {
        engine.stopExperiment(id);
        clock.awaitIdle();
        assertThat(ApiFaultRegistry.of(engine).isIdle()).isTrue();
    }

    private static SdkBytes data() {
        return SdkBytes.fromUtf8String("x");
    }

    @Test
    void provisionedThroughputFaultsOnlyTheTargetStreamSyncAndAsync() {
        try (KinesisClient kinesis = clients.build(KinesisClient.builder());
                KinesisAsyncClient async = clients.build(KinesisAsyncClient.builder()
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)))) {
            String id = run(kinesisTemplate("aws:kinesis:stream-provisioned-throughput-exception", ORDERS));

            assertThatThrownBy(() -> kinesis.putRecord(p -> p.streamName("orders").partitionKey("k").data(data())))
                    .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                        assertThat(e.isThrottlingException()).isTrue();
                    });
            assertThat(clients.retries.last()).as("retried as AWS's own throttle is").isEqualTo(3);
            assertThatThrownBy(() -> kinesis.putRecords(p -> p.streamARN(ORDERS)
                    .records(PutRecordsRequestEntry.builder().partitionKey("k").data(data()).build())))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
            assertThatThrownBy(() -> kinesis.getShardIterator(g -> g.streamName("orders").shardId("shardId-0")
                    .shardIteratorType("LATEST"))).isInstanceOf(ProvisionedThroughputExceededException.class);
            assertThatThrownBy(() -> async.putRecord(p -> p.streamName("orders").partitionKey("k").data(data()))
                    .join()).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(ProvisionedThroughputExceededException.class);
            assertThat(server.count("PutRecord", "orders") + server.count("PutRecords", "orders")
                    + server.count("GetShardIterator", "orders")).as("faulted requests sent").isZero();

            // another stream, and an operation the action does not cover, go through
            assertThat(kinesis.putRecord(p -> p.streamName("audit").partitionKey("k").data(data()))
                    .sequenceNumber()).isNotBlank();
            assertThat(async.putRecord(p -> p.streamName("audit").partitionKey("k").data(data())).join()
                    .sequenceNumber()).isNotBlank();
            assertThat(kinesis.putRecord(p -> p.streamARN("arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/audit")
                    .partitionKey("k").data(data())).sequenceNumber()).isNotBlank();
            assertThat(server.count("PutRecord", "audit")).isEqualTo(3);

            stopExperiment(id);
            kinesis.putRecord(p -> p.streamName("orders").partitionKey("k").data(data()));
            assertThat(server.count("PutRecord", "orders")).isEqualTo(1);
        }
    }

    @Test
    void aStreamOfTheSameNameInAnotherRegionIsNotTheTarget() {
        try (KinesisClient kinesis = clients.build(KinesisClient.builder())) {
            run(kinesisTemplate("aws:kinesis:stream-provisioned-throughput-exception",
                    "arn:aws:kinesis:eu-west-1:" + ACCOUNT + ":stream/orders"));
            kinesis.putRecord(p -> p.streamName("orders").partitionKey("k").data(data())); // client in us-east-1
            assertThat(server.count("PutRecord", "orders")).isEqualTo(1);
        }
    }

    @Test
    void expiredIteratorFollowsTheIteratorsOfTheTargetStream() {
        try (KinesisClient kinesis = clients.build(KinesisClient.builder());
                KinesisAsyncClient async = clients.build(KinesisAsyncClient.builder()
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)))) {
            String before = kinesis.getShardIterator(g -> g.streamName("orders").shardId("shardId-0")
                    .shardIteratorType("LATEST")).shardIterator();
            String id = run(kinesisTemplate("aws:kinesis:stream-expired-iterator-exception", ORDERS));

            String orders = kinesis.getShardIterator(g -> g.streamName("orders").shardId("shardId-0")
                    .shardIteratorType("LATEST")).shardIterator();
            assertThat(server.count("GetShardIterator", "orders")).as("GetShardIterator is not faulted").isEqualTo(2);
            assertThatThrownBy(() -> kinesis.getRecords(g -> g.shardIterator(orders)))
                    .isInstanceOfSatisfying(ExpiredIteratorException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredIteratorException");
                        assertThat(e.isThrottlingException()).isFalse();
                    });
            assertThat(clients.retries.last()).as("not retried, as AWS's own").isZero();
            assertThatThrownBy(() -> async.getRecords(g -> g.shardIterator(orders)).join())
                    .hasCauseInstanceOf(ExpiredIteratorException.class);
            assertThatThrownBy(() -> kinesis.getRecords(g -> g.shardIterator(before).streamARN(ORDERS)))
                    .as("a request naming the stream by ARN").isInstanceOf(ExpiredIteratorException.class);
            assertThat(server.count("GetRecords", "orders")).isZero();

            // an iterator from before the action was armed names no stream the engine knows: never faulted
            String next = kinesis.getRecords(g -> g.shardIterator(before)).nextShardIterator();
            assertThat(server.count("GetRecords", "orders")).isEqualTo(1);
            assertThat(next).isNotBlank();

            // another stream's consumer loop runs on, iterator after iterator
            String audit = kinesis.getShardIterator(g -> g.streamName("audit").shardId("shardId-0")
                    .shardIteratorType("LATEST")).shardIterator();
            String auditNext = kinesis.getRecords(g -> g.shardIterator(audit)).nextShardIterator();
            async.getRecords(g -> g.shardIterator(auditNext)).join();
            assertThat(server.count("GetRecords", "audit")).isEqualTo(2);

            stopExperiment(id);
            kinesis.getRecords(g -> g.shardIterator(orders));
            assertThat(server.count("GetRecords", "orders")).isEqualTo(2);
        }
    }

    @Test
    void nextShardIteratorsOfTheTargetStreamAreRecognisedToo() {
        try (KinesisClient kinesis = clients.build(KinesisClient.builder())) {
            // while any stream fault is armed the engine learns iterators: GetShardIterator's, then the
            // NextShardIterator of each GetRecords, so a later fault on orders recognises the consumer's next read
            String id = run(kinesisTemplate("aws:kinesis:stream-provisioned-throughput-exception",
                    "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/audit"));
            String orders = kinesis.getShardIterator(g -> g.streamName("orders").shardId("shardId-0")
                    .shardIteratorType("LATEST")).shardIterator();
            String next = kinesis.getRecords(g -> g.shardIterator(orders)).nextShardIterator();
            String template = kinesisTemplate("aws:kinesis:stream-expired-iterator-exception", ORDERS);
            String second = engine.startExperiment(engine.createExperimentTemplate(template).id()).id();
            clock.awaitIdle();
            assertThatThrownBy(() -> kinesis.getRecords(g -> g.shardIterator(next)))
                    .as("the iterator GetRecords returned for orders").isInstanceOf(ExpiredIteratorException.class);
            engine.stopExperiment(second);
            stopExperiment(id);
        }
    }

    @Test
    void insufficientCapacityHitsTheTargetRolesInTheGivenZones() {
        Clients other = Clients.of(server.endpoint(), engine, OTHER_ROLE);
        try (Ec2Client ec2 = clients.build(Ec2Client.builder()); Ec2Client otherEc2 = other.build(Ec2Client.builder())) {
            String id = run("""
                    {
                      "description": "No capacity in us-east-1a",
                      "targets": {"Roles": {"resourceType": "aws:iam:role", "resourceArns": ["%s"],
                                            "selectionMode": "ALL"}},
                      "actions": {"Fault": {"actionId": "aws:ec2:api-insufficient-instance-capacity-error",
                                            "parameters": {"availabilityZoneIdentifiers": "us-east-1a,use1-az4",
                                                           "percentage": "100", "duration": "PT10M"},
                                            "targets": {"Roles": "Roles"}}},
                      "stopConditions": [{"source": "none"}],
                      "roleArn": "arn:aws:iam::123456789012:role/fis"
                    }""".formatted(APP_ROLE));

            assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-1").minCount(1).maxCount(1)
                    .placement(p -> p.availabilityZone("us-east-1a"))))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InsufficientInstanceCapacity");
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("We currently do not have");
                    });
            assertThat(clients.retries.last()).as("a 500, retried by the SDK as AWS's own").isEqualTo(3);
            assertThatThrownBy(() -> ec2.startInstances(s -> s.instanceIds("i-1")))
                    .as("a request naming no zone is hit").isInstanceOf(Ec2Exception.class);
            assertThat(server.count("RunInstances", "us-east-1a") + server.count("StartInstances", "-")).isZero();

            ec2.runInstances(r -> r.imageId("ami-1").minCount(1).maxCount(1)
                    .placement(p -> p.availabilityZone("us-east-1b")));
            otherEc2.runInstances(r -> r.imageId("ami-1").minCount(1).maxCount(1)
                    .placement(p -> p.availabilityZone("us-east-1a")));
            ec2.runInstances(r -> r.imageId("ami-1").minCount(1).maxCount(1)
                    .placement(p -> p.availabilityZone("us-east-1c").availabilityZoneId("use1-az1")));
            assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-1").minCount(1).maxCount(1)
                    .placement(p -> p.availabilityZoneId("use1-az4")))).as("by AZ ID")
                    .isInstanceOf(Ec2Exception.class);
            assertThat(server.count("RunInstances", "us-east-1b")).isEqualTo(1);
            assertThat(server.count("RunInstances", "us-east-1a")).as("another role").isEqualTo(1);
            assertThat(server.count("RunInstances", "us-east-1c")).isEqualTo(1);

            stopExperiment(id);
            ec2.startInstances(s -> s.instanceIds("i-1"));
            assertThat(server.count("StartInstances", "-")).isEqualTo(1);
        }
    }
}
