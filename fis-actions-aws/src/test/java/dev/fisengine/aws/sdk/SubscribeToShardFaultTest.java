package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Kinesis {@code SubscribeToShard} event streams ({@code KinesisAsyncClient}): a fault injected on the initial request
 * fails the subscription exactly as the service's own error response does — the response handler's
 * {@code exceptionOccurred} gets the same exception class, status and code, the returned future completes
 * exceptionally with it, no event reaches the subscriber, and the injected request never reaches the network.
 *
 * <p>The reference is a loopback server that answers the initial request with Kinesis' own error response
 * ({@code LimitExceededException}, 400, awsJson: the error Kinesis documents for a throttled subscription). Neither
 * kinesalite nor the JDK server speaks HTTP/2, which AWS uses for SubscribeToShard, so the clients use Netty over
 * HTTP/1.1: the SDK's handling of an error response to the initial request does not depend on the HTTP version, but
 * the event stream itself (events after a 200) is not exercised here.
 */
class SubscribeToShardFaultTest {
    private static final String CONSUMER = "arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/app:1";
    private static final String LIMIT_MESSAGE = "LimitExceededException: Rate exceeded for consumer " + CONSUMER
            + " and shard shardId-000000000000";

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    /** The error the server answers with: Kinesis' code and message. */
    private volatile String[] answer = {"LimitExceededException", LIMIT_MESSAGE};
    private TestRuntime runtime;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                requests.incrementAndGet();
                String[] a = answer;
                byte[] body = ("{\"__type\":\"" + a[0] + "\",\"message\":\"" + a[1] + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                ex.getResponseHeaders().add("x-amzn-RequestId", "d1f0c3a4-5b6c-4d7e-8f90-a1b2c3d4e5f6");
                ex.sendResponseHeaders(400, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
        runtime = new TestRuntime("subscribe-to-shard");
    }

    @AfterEach
    void stop() {
        runtime.close();
        server.stop(0);
    }

    /**
     * What the application sees of a failed subscription: the exceptions {@code exceptionOccurred} got (each as its
     * class, and the class of its cause if it wraps one), the exception the future failed with (likewise), and of the
     * service exception its class, status, code, throttling flag, attempts, and the events delivered.
     */
    record Seen(List<String> handlerErrors, String futureError, Class<?> type, int status, String errorCode,
                boolean throttling, int attempts, int events) {}

    private static String describe(Throwable t) {
        return t.getCause() == null || t instanceof AwsServiceException ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + "(" + t.getCause().getClass().getSimpleName() + ")";
    }

    private static AwsServiceException serviceException(Throwable t) {
        while (t != null && !(t instanceof AwsServiceException)) {
            t = t.getCause();
        }
        return (AwsServiceException) t;
    }

    private KinesisAsyncClientBuilder builder() {
        return KinesisAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1));
    }

    private static Seen subscribe(KinesisAsyncClient kinesis) throws Exception {
        List<Throwable> handlerErrors = new CopyOnWriteArrayList<>();
        AtomicInteger events = new AtomicInteger();
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .onError(handlerErrors::add)
                .subscriber(e -> events.incrementAndGet())
                .build();
        CompletableFuture<Void> future = kinesis.subscribeToShard(r -> r.consumerARN(CONSUMER)
                .shardId("shardId-000000000000").startingPosition(p -> p.type(ShardIteratorType.LATEST)), handler);
        Throwable failure;
        try {
            future.get(30, TimeUnit.SECONDS);
            throw new AssertionError("the subscription succeeded");
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        assertThat(handlerErrors).as("exceptionOccurred").isNotEmpty();
        AwsServiceException ex = serviceException(failure);
        assertThat(ex).as("the future's failure carries the service exception: " + failure).isNotNull();
        String attempts = ex.getMessage().replaceFirst("(?s).*\\(SDK Attempt Count: (\\d+)\\).*", "$1");
        return new Seen(handlerErrors.stream().map(SubscribeToShardFaultTest::describe).toList(), describe(failure),
                ex.getClass(), ex.statusCode(), ex.awsErrorDetails().errorCode(), ex.isThrottlingException(),
                attempts.matches("\\d+") ? Integer.parseInt(attempts) : 1, events.get());
    }

    @Test
    void anInjectedErrorFailsTheSubscriptionAsKinesisOwnErrorDoes() throws Exception {
        Seen real;
        int realRequests;
        try (KinesisAsyncClient plain = builder().build()) {
            real = subscribe(plain);
            realRequests = requests.getAndSet(0);
        }
        assertThat(real.type()).isEqualTo(LimitExceededException.class);
        assertThat(real.status()).isEqualTo(400);

        try (KinesisAsyncClient kinesis = FisSdk.instrument(builder(), runtime).build();
                ArmedApiFault fault = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("kinesis")
                        .operations("SubscribeToShard").fault(ApiFault.custom(400, "LimitExceededException",
                                LIMIT_MESSAGE)).build())) {
            Seen ours = subscribe(kinesis);
            assertThat(ours).isEqualTo(real);
            assertThat(requests.get()).as("requests that reached the network").isZero();
            assertThat(fault.injectedFaults()).as("attempts, as many as AWS's own error caused")
                    .isEqualTo(realRequests);
        }
    }

    @Test
    void anInjectedThrottleFailsTheSubscriptionAsAThrottleFromTheServiceDoes() throws Exception {
        answer = new String[] {"ThrottlingException", "Rate exceeded"};
        Seen real;
        int realRequests;
        try (KinesisAsyncClient plain = builder().build()) {
            real = subscribe(plain);
            realRequests = requests.getAndSet(0);
        }
        assertThat(real.type()).isEqualTo(KinesisException.class);
        assertThat(real.throttling()).isTrue();
        assertThat(real.attempts()).as("retried like any throttle").isEqualTo(4);

        try (KinesisAsyncClient kinesis = FisSdk.instrument(builder(), runtime).build()) {
            try (ArmedApiFault fault = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("kinesis")
                    .operations("SubscribeToShard").fault(ApiFault.throttle()).build())) {
                assertThat(subscribe(kinesis)).isEqualTo(real);
                assertThat(requests.get()).isZero();
                assertThat(fault.injectedFaults()).isEqualTo(realRequests);
            }
            // disarmed, the same client's subscription reaches the service again
            subscribe(kinesis);
            assertThat(requests.get()).isEqualTo(realRequests);
        }
    }
}
