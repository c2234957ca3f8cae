package dev.fisengine.aws.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.FisTestkit;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The AWS FIS Kinesis stream actions, run from templates by the engine, against kinesalite with real sync and async
 * Kinesis clients: the target stream's requests get Kinesis' own errors and never reach kinesalite, another stream's
 * requests do. Run with {@code mvn -Pemulators}.
 */
@Tag("emulator")
class KinesaliteStreamFaultTest {
    private static final String ORDERS = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";

    private static String template(String actionId) {
        return """
                {
                  "description": "Kinesis stream fault on orders",
                  "targets": {"Streams": {"resourceType": "aws:kinesis:stream", "resourceArns": ["%s"],
                                          "selectionMode": "ALL"}},
                  "actions": {"Fault": {"actionId": "%s", "parameters": {"percentage": "100", "duration": "PT10M"},
                                        "targets": {"KinesisStreams": "Streams"}}},
                  "stopConditions": [{"source": "none"}],
                  "roleArn": "arn:aws:iam::000000000000:role/fis"
                }""".formatted(ORDERS, actionId);
    }

    @Test
    void streamFaultsHitOnlyTheTargetStream() {
        ManualClock clock = new ManualClock();
        try (EmulatorServer server = EmulatorServer.kinesalite();
                FisEngine engine = FisTestkit.engineBuilder(clock).slf4jLog(false).build()) {
            EmulatorClients clients = new EmulatorClients(server.endpoint());
            try (KinesisClient admin = clients.plain(KinesisClient.builder());
                    KinesisClient app = clients.instrumented(KinesisClient.builder(), engine);
                    KinesisAsyncClient async = clients.instrumented(KinesisAsyncClient.builder()
                            .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)), engine)) {
                for (String stream : new String[] {"orders", "audit"}) {
                    admin.createStream(c -> c.streamName(stream).shardCount(1));
                    admin.waiter().waitUntilStreamExists(d -> d.streamName(stream));
                }
                String shard = admin.listShards(l -> l.streamName("orders")).shards().get(0).shardId();

                String throughput = engine.startExperiment(engine.createExperimentTemplate(
                        template("aws:kinesis:stream-provisioned-throughput-exception")).id()).id();
                clock.awaitIdle();
                assertThatThrownBy(() -> app.putRecord(p -> p.streamName("orders").partitionKey("k")
                        .data(SdkBytes.fromUtf8String("lost"))))
                        .isInstanceOf(ProvisionedThroughputExceededException.class);
                assertThatThrownBy(() -> async.putRecord(p -> p.streamARN(ORDERS).partitionKey("k")
                        .data(SdkBytes.fromUtf8String("lost"))).join())
                        .isInstanceOf(CompletionException.class)
                        .hasCauseInstanceOf(ProvisionedThroughputExceededException.class);
                assertThat(app.putRecord(p -> p.streamName("audit").partitionKey("k")
                        .data(SdkBytes.fromUtf8String("kept"))).sequenceNumber()).isNotBlank();
                assertThat(async.putRecord(p -> p.streamName("audit").partitionKey("k")
                        .data(SdkBytes.fromUtf8String("kept"))).join().sequenceNumber()).isNotBlank();
                engine.stopExperiment(throughput);
                clock.awaitIdle();
                // nothing reached kinesalite's orders stream: a TRIM_HORIZON read finds no record
                String fromStart = admin.getShardIterator(g -> g.streamName("orders").shardId(shard)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                assertThat(admin.getRecords(g -> g.shardIterator(fromStart)).records()).isEmpty();

                String expired = engine.startExperiment(engine.createExperimentTemplate(
                        template("aws:kinesis:stream-expired-iterator-exception")).id()).id();
                clock.awaitIdle();
                String orders = app.getShardIterator(g -> g.streamName("orders").shardId(shard)
                        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
                assertThatThrownBy(() -> app.getRecords(g -> g.shardIterator(orders)))
                        .isInstanceOf(ExpiredIteratorException.class);
                assertThatThrownBy(() -> async.getRecords(g -> g.shardIterator(orders)).join())
                        .hasCauseInstanceOf(ExpiredIteratorException.class);
                String auditShard = admin.listShards(l -> l.streamName("audit")).shards().get(0).shardId();
                String audit = app.getShardIterator(g -> g.streamName("audit").shardId(auditShard)
                        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
                String next = app.getRecords(g -> g.shardIterator(audit)).nextShardIterator();
                assertThat(async.getRecords(g -> g.shardIterator(next)).join().records()).isEmpty();
                engine.stopExperiment(expired);
                clock.awaitIdle();
                assertThat(app.getRecords(g -> g.shardIterator(orders)).records()).as("kinesalite's own answer")
                        .isEmpty();
            }
        }
    }
}
