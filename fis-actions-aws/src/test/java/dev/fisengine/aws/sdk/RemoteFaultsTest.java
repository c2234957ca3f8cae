package dev.fisengine.aws.sdk;

import static dev.fisengine.aws.sdk.CannedFaultServer.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fisengine.api.KillSwitch;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The connected JVM's side of the multi-JVM protocol against a scripted server: rules arrive over server-sent events
 * and hit a real DynamoDB client (over real HTTP to a loopback DynamoDB look-alike); disarms are confirmed with the
 * final counters; the end of the stream, a silent server (lease), and malformed or oversized events disarm at once
 * and never break the client; the kill switch stops remote rules too. Multi-JVM with the real server: fis-server's
 * {@code RemoteJvmTest} and fis-cli's {@code MultiJvmTest}.
 */
@ResourceLock("dev.fisengine.api.KillSwitch")
class RemoteFaultsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/app";
    private static final String THROTTLE_GET_ITEM = "{\"id\":7,\"fault\":{\"experimentId\":\"EXP1\",\"action\":\"t\","
            + "\"service\":\"dynamodb\",\"operations\":[\"GetItem\"],\"percentage\":100.0,\"roleArns\":[\"" + ROLE
            + "\"],\"seed\":1,\"count\":{\"firstAttempts\":0,\"everyNthAttempt\":0,\"maxFaults\":0},"
            + "\"fault\":{\"kind\":\"THROTTLE\"}}}";

    private final CannedFaultServer server = new CannedFaultServer();
    private final LoopbackAwsServer dynamo = new LoopbackAwsServer();
    private RemoteFaults remote;
    private DynamoDbClient ddb;

    @BeforeEach
    void connect() {
        remote = FisSdk.connect(server.endpoint(), ROLE);
        ddb = FisSdk.instrument(DynamoDbClient.builder().endpointOverride(dynamo.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())), remote, ROLE).build();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streams() == 1);
    }

    @AfterEach
    void close() {
        KillSwitch.release();
        ddb.close();
        remote.close();
        server.close();
        dynamo.close();
    }

    private void hello(long leaseMillis) throws InterruptedException {
        server.send(event("hello", "{\"leaseMillis\":" + leaseMillis + ",\"heartbeatMillis\":1000}"));
        assertThat(remote.awaitConnected(Duration.ofSeconds(5))).isTrue();
    }

    private void getItem() {
        ddb.getItem(r -> r.tableName("t").key(java.util.Map.of("k", AttributeValue.fromS("1"))));
    }

    private void armThrottle() {
        server.send(event("arm", THROTTLE_GET_ITEM));
        await().atMost(Duration.ofSeconds(5)).until(() -> remote.armedRules() == 1);
    }

    @Test
    void armsFromTheStreamHitsTheClientAndConfirmsTheDisarmWithFinalCounters() throws Exception {
        assertThat(server.queries.get(0)).startsWith("jvm=" + remote.jvmId())
                .contains("role=" + java.net.URLEncoder.encode(ROLE, java.nio.charset.StandardCharsets.UTF_8));
        hello(3000);
        getItem(); // nothing armed yet
        armThrottle();
        assertThatThrownBy(this::getItem).isInstanceOfSatisfying(DynamoDbException.class,
                e -> assertThat(e.isThrottlingException()).isTrue());
        assertThatThrownBy(this::getItem).isInstanceOf(DynamoDbException.class);
        server.send(event("disarm", "{\"id\":7}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> remote.armedRules() == 0);
        getItem();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.counters.stream().anyMatch(c -> c.contains("\"final\":true")));
        assertThat(server.counters.stream().filter(c -> c.contains("\"final\":true")).findFirst().orElseThrow())
                .contains("\"jvm\":\"" + remote.jvmId() + "\"").contains("\"id\":7").contains("\"matched\":2")
                .contains("\"injected\":2");
        assertThat(dynamo.count("GetItem")).isEqualTo(2);
    }

    @Test
    void aSilentServerIsGivenUpWhenTheLeaseRunsOutAndTheJvmReconnects() throws Exception {
        hello(500);
        armThrottle();
        long armed = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).until(() -> remote.armedRules() == 0);
        long disarmedAfterMillis = (System.nanoTime() - armed) / 1_000_000;
        // the lease (500 ms) plus the watchdog's period (100 ms), counted from the last event
        assertThat(disarmedAfterMillis).isBetween(400L, 2000L);
        getItem();
        assertThat(remote.lostConnections()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.streams() == 2); // reconnects with a backoff
    }

    @Test
    void aServerThatNeverSaysHelloIsGivenUpAfterTheDefaultLease() {
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streams() == 2);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(2500L); // 3 s, from the connection
        assertThat(remote.isConnected()).isFalse();
    }

    @Test
    void theEndOfTheStreamDisarmsAtOnce() throws Exception {
        hello(30_000);
        armThrottle();
        server.send(CannedFaultServer.END);
        await().atMost(Duration.ofSeconds(1)).until(() -> remote.armedRules() == 0);
        assertThat(remote.isConnected()).isFalse();
        getItem();
    }

    @Test
    void aMalformedEventDisarmsLogsAndNeverBreaksTheClient() throws Exception {
        for (String bad : List.of(
                event("arm", THROTTLE_GET_ITEM.replace("THROTTLE", "EXPLODE").replace("\"id\":7", "\"id\":8")),
                event("arm", "{\"id\":9,\"fault\":{\"service\":\"dynamodb\"}}"),
                event("arm", "not json"),
                event("disarm", "{\"id\":\"seven\"}"),
                "data: " + "x".repeat(70 * 1024) + "\n\n")) {
            int streams = server.streams();
            hello(30_000);
            armThrottle();
            server.send(bad);
            await(bad.substring(0, Math.min(60, bad.length()))).atMost(Duration.ofSeconds(2))
                    .until(() -> remote.armedRules() == 0);
            getItem();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.streams() == streams + 1);
        }
    }

    @Test
    void theKillSwitchStopsRemoteRulesToo() throws Exception {
        hello(30_000);
        armThrottle();
        KillSwitch.engage("test");
        getItem(); // armed, but the gate of this JVM is closed
        KillSwitch.release();
        assertThatThrownBy(this::getItem).isInstanceOf(DynamoDbException.class);
    }

    @Test
    void closingDisarmsAndABadUrlIsRefused() throws Exception {
        hello(30_000);
        armThrottle();
        remote.close();
        assertThat(remote.armedRules()).isZero();
        getItem();
        // off unless asked: this JVM has no FISENGINE_SDK_SERVER, so building clients connected nothing
        assertThat(FisSdk.zeroCodeConnection()).isNull();
        assertThatThrownBy(() -> FisSdk.connect(URI.create("ftp://x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an http://host:port URL");
        assertThatThrownBy(() -> FisSdk.connect(server.endpoint(), "role/app"))
                .hasMessageContaining("roleArns: \"role/app\" is not an ARN");
    }
}
