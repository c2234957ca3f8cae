package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/**
 * Count-based faults through real DynamoDB clients (one attempt per call, so calls and attempts coincide): "the
 * second PutItem is throttled", and an exact first-N across threads and clients of one engine.
 */
class CountedFaultsSdkTest {
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
    private static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new TestRuntime("counted");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static DynamoDbClient client(CannedHttpClient network) {
        return new SdkFixture(NOWHERE).httpClient(network).maxAttempts(1).instrumentedFor(runtime, null)
                .build(DynamoDbClient.builder());
    }

    private static CannedHttpClient ok() {
        return new CannedHttpClient(200, Map.of("Content-Type", List.of("application/x-amz-json-1.0")),
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static boolean putItem(DynamoDbClient ddb) {
        try {
            ddb.putItem(b -> b.tableName("orders").item(Map.of("id", AttributeValue.fromS("1"))));
            return false;
        } catch (ThrottlingException e) {
            return true;
        }
    }

    @Test
    void theSecondPutItemIsThrottledAndNoOther() {
        CannedHttpClient network = ok();
        try (DynamoDbClient ddb = client(network);
             ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                     .operations("PutItem").fault(ApiFault.throttle()).everyNthAttempt(2).maxFaults(1).build())) {
            List<Boolean> throttled = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                throttled.add(putItem(ddb));
            }
            ddb.getItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("1")))); // not counted
            assertThat(throttled).containsExactly(false, true, false, false, false);
            assertThat(armed.matchedCalls()).isEqualTo(5);
            assertThat(network.requests.get()).isEqualTo(5);
        }
    }

    @Test
    void firstAttemptsIsExactAcrossThreadsAndClients() throws Exception {
        int threads = 8;
        int callsPerThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<DynamoDbClient> clients = new ArrayList<>();
        try (ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                .operations("PutItem").fault(ApiFault.throttle()).firstAttempts(37).build())) {
            CyclicBarrier go = new CyclicBarrier(threads);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                DynamoDbClient ddb = client(ok());
                clients.add(ddb);
                results.add(pool.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    int hits = 0;
                    for (int i = 0; i < callsPerThread; i++) {
                        hits += putItem(ddb) ? 1 : 0;
                    }
                    return hits;
                }));
            }
            int hits = 0;
            for (Future<Integer> f : results) {
                hits += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(hits).isEqualTo(37);
            assertThat(armed.injectedFaults()).isEqualTo(37);
            assertThat(armed.matchedCalls()).isEqualTo(threads * callsPerThread);
        } finally {
            clients.forEach(DynamoDbClient::close);
            pool.shutdownNow();
        }
    }
}
