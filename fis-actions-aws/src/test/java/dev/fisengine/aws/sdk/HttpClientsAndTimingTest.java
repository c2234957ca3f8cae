package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/**
 * Error, connection-failure and latency faults through each HTTP client the SDK ships (sync: the SDK's default,
 * Apache 4, Apache 5, URL connection, AWS CRT; async: Netty, AWS CRT, the SDK's default), and the timing guarantees:
 * the SDK's attempt timeout still fires during an injected delay, and disarming ends a delay in progress.
 */
class HttpClientsAndTimingTest {
    private static LoopbackAwsServer server;
    private static TestRuntime runtime;
    private static SdkHttpClient urlConnection;

    @BeforeAll
    static void start() {
        server = new LoopbackAwsServer();
        runtime = new TestRuntime("http-clients");
        urlConnection = UrlConnectionHttpClient.create();
    }

    @AfterAll
    static void stop() {
        urlConnection.close();
        runtime.close();
        server.close();
    }

    @SuppressWarnings("deprecation") // Apache 4 is deprecated in favour of Apache 5 but still shipped and used
    static List<Arguments> syncClients() {
        return List.of(
                Arguments.of("SDK default (discovered)", (Supplier<SdkFixture>) () -> fixture()),
                Arguments.of("Apache 4 via httpClientBuilder", (Supplier<SdkFixture>) () -> fixtureWith(
                        b -> b.httpClientBuilder(ApacheHttpClient.builder()))),
                Arguments.of("Apache 5 via httpClientBuilder", (Supplier<SdkFixture>) () -> fixtureWith(
                        b -> b.httpClientBuilder(Apache5HttpClient.builder()))),
                Arguments.of("URL connection via httpClient", (Supplier<SdkFixture>) () -> fixture()
                        .httpClient(urlConnection)),
                Arguments.of("AWS CRT via httpClientBuilder", (Supplier<SdkFixture>) () -> fixtureWith(
                        b -> b.httpClientBuilder(AwsCrtHttpClient.builder()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syncClients")
    void syncClientGetsEveryKindOfFault(String name, Supplier<SdkFixture> fixtures) {
        SdkFixture fixture = fixtures.get();
        try (SdkClient ddb = Probe.DYNAMODB.sync(fixture)) {
            assertFaults(fixture, () -> Probe.DYNAMODB.call(ddb));
        }
    }

    @Test
    void asyncNettyClientGetsEveryKindOfFault() {
        SdkFixture fixture = fixture();
        try (SdkClient ddb = Probe.DYNAMODB.async(fixture)) {
            assertFaults(fixture, () -> Probe.DYNAMODB.callAsyncAndWait(ddb));
        }
    }

    @Test
    void asyncCrtClientGetsEveryKindOfFault() {
        try (SdkAsyncHttpClient crt = AwsCrtAsyncHttpClient.create()) {
            SdkFixture fixture = fixture().httpClient(crt);
            try (SdkClient ddb = Probe.DYNAMODB.async(fixture)) {
                assertFaults(fixture, () -> Probe.DYNAMODB.callAsyncAndWait(ddb));
            }
        }
    }

    @Test
    void asyncSdkDefaultClientIsDiscoveredAndWrapped() {
        SdkFixture fixture = fixture().asyncDefaultHttpClient();
        try (SdkClient ddb = Probe.DYNAMODB.async(fixture)) {
            assertFaults(fixture, () -> Probe.DYNAMODB.callAsyncAndWait(ddb));
        }
    }

    private static void assertFaults(SdkFixture fixture, Runnable call) {
        ApiFaultRegistry registry = ApiFaultRegistry.of(runtime);
        int before = server.count("GetItem");
        fixture.retries.clear();
        try (ArmedApiFault armed = registry.arm(rule(ApiFault.throttle()))) {
            assertThatThrownBy(call::run).isExactlyInstanceOf(ThrottlingException.class);
            assertThat(fixture.retries.last()).isEqualTo(3);
            assertThat(armed.injectedFaults()).isEqualTo(4);
        }
        fixture.retries.clear();
        try (ArmedApiFault armed = registry.arm(rule(ApiFault.connectionFailure()))) {
            assertThatThrownBy(call::run).isExactlyInstanceOf(SdkClientException.class)
                    .hasRootCauseExactlyInstanceOf(ConnectException.class);
            assertThat(fixture.retries.last()).as("connection failures are retried").isEqualTo(3);
            assertThat(armed.injectedFaults()).isEqualTo(4);
        }
        assertThat(server.count("GetItem")).as("no injected attempt reached the server").isEqualTo(before);
        try (ArmedApiFault armed = registry.arm(rule(ApiFault.latency(Duration.ofMillis(250))))) {
            long start = System.nanoTime();
            call.run();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(armed.injectedFaults()).isEqualTo(1);
        }
        assertThat(server.count("GetItem")).as("the delayed call went through").isEqualTo(before + 1);
    }

    @Test
    void syncAttemptTimeoutFiresDuringAnInjectedDelay() {
        SdkFixture fixture = fixture().attemptTimeout(Duration.ofMillis(200)).maxAttempts(2);
        try (DynamoDbClient ddb = fixture.build(DynamoDbClient.builder());
             ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(rule(ApiFault.latency(Duration.ofSeconds(30))))) {
            int before = server.count("GetItem");
            long start = System.nanoTime();
            assertThatThrownBy(() -> Probe.DYNAMODB.call(ddb)).isInstanceOf(ApiCallAttemptTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(armed.injectedFaults()).isEqualTo(2);
            assertThat(server.count("GetItem")).isEqualTo(before);
        }
    }

    @Test
    void asyncAttemptTimeoutFiresDuringAnInjectedDelay() {
        SdkFixture fixture = fixture().attemptTimeout(Duration.ofMillis(200)).maxAttempts(2);
        try (DynamoDbAsyncClient ddb = fixture.build(DynamoDbAsyncClient.builder());
             ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(rule(ApiFault.latency(Duration.ofSeconds(30))))) {
            int before = server.count("GetItem");
            long start = System.nanoTime();
            assertThatThrownBy(() -> Probe.DYNAMODB.callAsyncAndWait(ddb))
                    .isInstanceOf(ApiCallAttemptTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(armed.injectedFaults()).isEqualTo(2);
            assertThat(server.count("GetItem")).isEqualTo(before);
        }
    }

    @Test
    void disarmingEndsSyncAndAsyncDelaysInProgress() throws Exception {
        SdkFixture fixture = fixture();
        try (DynamoDbClient sync = fixture.build(DynamoDbClient.builder());
             DynamoDbAsyncClient async = fixture.build(DynamoDbAsyncClient.builder())) {
            int before = server.count("GetItem");
            ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(rule(ApiFault.latency(Duration.ofMinutes(5))));
            CompletableFuture<Void> syncCall = CompletableFuture.runAsync(() -> Probe.DYNAMODB.call(sync));
            CompletableFuture<?> asyncCall = Probe.DYNAMODB.callAsync(async);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> armed.injectedFaults() == 2);
            long start = System.nanoTime();
            armed.close();
            syncCall.get(10, TimeUnit.SECONDS);
            asyncCall.get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(server.count("GetItem")).isEqualTo(before + 2);
        }
    }

    @Test
    void asyncConnectionFailureSurfacesAsTheSdkReportsIt() {
        SdkFixture fixture = fixture().maxAttempts(1);
        try (DynamoDbAsyncClient ddb = fixture.build(DynamoDbAsyncClient.builder());
             ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(rule(ApiFault.connectionFailure()))) {
            assertThatThrownBy(() -> Probe.DYNAMODB.callAsync(ddb).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isExactlyInstanceOf(SdkClientException.class)
                    .hasMessageContaining("Connection refused");
            assertThat(armed.injectedFaults()).isEqualTo(1);
        }
    }

    private static ApiFaultRule rule(ApiFault fault) {
        return ApiFaultRule.builder().service("dynamodb").operations("GetItem").fault(fault).seed(7).build();
    }

    private static SdkFixture fixture() {
        return new SdkFixture(server.endpoint()).instrumentedFor(runtime, null);
    }

    private static SdkFixture fixtureWith(
            java.util.function.Consumer<software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?>> custom) {
        return new SdkFixture(server.endpoint()).instrumentedFor(runtime, null).customize(custom);
    }
}
