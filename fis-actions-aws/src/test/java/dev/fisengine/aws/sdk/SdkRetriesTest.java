package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Issue 13: {@link SdkRetries#withoutBackoff} keeps the SDK's retry decisions and drops the waits. Real DynamoDB and
 * SQS clients (URL-connection HTTP client, loopback endpoint), faults injected by the engine's registry at 100 %.
 */
class SdkRetriesTest {
    private static LoopbackAwsServer server;
    private final TestRuntime runtime = new TestRuntime("sdk-retries");
    private final ApiFaultRegistry registry = ApiFaultRegistry.of(runtime);

    @BeforeAll
    static void start() {
        server = new LoopbackAwsServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void disarm() {
        runtime.close();
    }

    private <B extends AwsClientBuilder<B, C>, C extends SdkClient> C client(B builder, boolean withoutBackoff) {
        builder.endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        if (withoutBackoff) {
            builder.addPlugin(SdkRetries.withoutBackoff());
        }
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return FisSdk.instrument(builder, runtime).build();
    }

    private static RetryStrategy strategy(SdkClient client) {
        return client.serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow();
    }

    private static int maxAttempts(SdkClient client) {
        return strategy(client).maxAttempts();
    }

    private static <T extends Throwable> T thrown(Class<T> type, Runnable call, long[] elapsed) {
        long start = System.nanoTime();
        T t = catchThrowableOfType(type, call::run);
        elapsed[0] = Duration.ofNanos(System.nanoTime() - start).toMillis();
        return t;
    }

    @Test
    void aDynamoDbCallThrottledOnEveryAttemptMakesTheSdksNineAttemptsInMilliseconds() {
        // DynamoDB's own default strategy makes 9 attempts; with its 500 ms+ throttling backoff the plain client's
        // call takes about 50 s (measured: 53 s), too long to run here, so its resolved strategy is compared.
        try (DynamoDbClient plain = client(DynamoDbClient.builder(), false);
             DynamoDbClient fast = client(DynamoDbClient.builder(), true)) {
            assertThat(maxAttempts(fast)).as("the same attempt budget").isEqualTo(maxAttempts(plain)).isEqualTo(9);
            assertThat(strategy(fast).getClass()).isEqualTo(strategy(plain).getClass());
            fast.getItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("o-1")))); // warm up
            registry.arm(ApiFaultRule.builder().service("dynamodb").operations("PutItem")
                    .fault(ApiFault.throttle()).build());

            long[] elapsed = new long[1];
            ThrottlingException e = thrown(ThrottlingException.class, () -> fast.putItem(b -> b.tableName("orders")
                    .item(Map.of("id", AttributeValue.fromS("o-1")))), elapsed);

            assertThat(e.numAttempts()).isEqualTo(9);
            assertThat(e.isThrottlingException()).isTrue();
            assertThat(elapsed[0]).as("ms for 9 throttled attempts (default backoff: about 50 s)").isLessThan(2_000);
            System.out.println("SdkRetriesTest: DynamoDB PutItem throttled 9 times without backoff in " + elapsed[0]
                    + " ms");
        }
    }

    @Test
    void whatTheSdkDoesNotRetryStaysUnretried() {
        try (DynamoDbClient fast = client(DynamoDbClient.builder(), true)) {
            registry.arm(ApiFaultRule.builder().service("dynamodb").operations("GetItem")
                    .fault(ApiFault.custom(400, "ValidationException", "One or more parameter values were invalid"))
                    .build());

            DynamoDbException e = catchThrowableOfType(DynamoDbException.class, () -> fast.getItem(b -> b
                    .tableName("orders").key(Map.of("id", AttributeValue.fromS("o-1")))));

            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.numAttempts()).as("a validation error is not retried").isEqualTo(1);
        }
    }

    @Test
    void anSqsCallFailingWithA500MakesTheSameAttemptsWithAndWithoutBackoff() {
        try (SqsClient plain = client(SqsClient.builder(), false);
             SqsClient fast = client(SqsClient.builder(), true)) {
            registry.arm(ApiFaultRule.builder().service("sqs").operations("SendMessage")
                    .fault(ApiFault.internalError()).build());
            Consumer<SqsClient> send = c -> c.sendMessage(b -> b.queueUrl(server.endpoint() + "/123456789012/q")
                    .messageBody("m"));

            long[] slow = new long[1];
            long[] quick = new long[1];
            SqsException withBackoff = thrown(SqsException.class, () -> send.accept(plain), slow);
            SqsException without = thrown(SqsException.class, () -> send.accept(fast), quick);

            assertThat(without.numAttempts()).isEqualTo(withBackoff.numAttempts()).isEqualTo(maxAttempts(plain));
            assertThat(without.statusCode()).isEqualTo(withBackoff.statusCode()).isEqualTo(500);
            assertThat(without.getClass()).isEqualTo(withBackoff.getClass());
            System.out.println("SdkRetriesTest: SQS SendMessage, " + without.numAttempts() + " attempts: "
                    + slow[0] + " ms with the SDK's backoff, " + quick[0] + " ms without");
        }
    }

    @Test
    void theRetryModeTheApplicationChoseIsKept() {
        // instrument last: a later overrideConfiguration(...) call would replace the engine's interceptor
        try (DynamoDbClient standard = FisSdk.instrument(DynamoDbClient.builder()
                .endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(7)))
                .addPlugin(SdkRetries.withoutBackoff()), runtime)
                .build()) {
            assertThat(maxAttempts(standard)).as("standard mode: 3 attempts").isEqualTo(3);
            assertThat(standard.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
                    .contains(Duration.ofSeconds(7));
            registry.arm(ApiFaultRule.builder().service("dynamodb").operations("PutItem")
                    .fault(ApiFault.throttle()).build());
            long[] elapsed = new long[1];
            ThrottlingException e = thrown(ThrottlingException.class, () -> standard.putItem(b -> b
                    .tableName("orders").item(Map.of("id", AttributeValue.fromS("o-1")))), elapsed);
            assertThat(e.numAttempts()).isEqualTo(3);
            assertThat(elapsed[0]).isLessThan(3_000);
        }
    }

    @Test
    void theSdksOwnRetryStrategyOverrideWouldDropDynamoDbsAttemptsWhichIsWhyThisIsAPlugin() {
        try (DynamoDbClient overridden = DynamoDbClient.builder().region(Region.US_EAST_1)
                .endpointOverride(server.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(b -> b
                        .backoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy.retryImmediately())))
                .build()) {
            assertThat(maxAttempts(overridden)).as("the generic default, not DynamoDB's 9").isEqualTo(4);
        }
    }
}
