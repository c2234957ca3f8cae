package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/**
 * How {@code FisSdk.instrument} adds its interceptor (an {@code SdkPlugin}, so that a later
 * {@code overrideConfiguration(...)} cannot drop it): everything the application configured stays (its retry
 * strategy, timeouts, headers, interceptors and execution attributes) and the interceptor is added once.
 */
class PluginConfigurationTest {
    private static final ExecutionAttribute<String> APP_ATTRIBUTE = new ExecutionAttribute<>("app-attribute");
    private static final byte[] EMPTY_ITEM = "{}".getBytes(StandardCharsets.UTF_8);
    private static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new TestRuntime("plugin-configuration");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** What the application's own interceptor saw of each call. */
    static final class AppInterceptor implements ExecutionInterceptor {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            seen.add(attributes.getAttribute(APP_ATTRIBUTE) + " " + context.httpRequest().firstMatchingHeader("x-app")
                    .orElse("-"));
        }
    }

    private static DynamoDbClientBuilder builder() {
        return DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:9")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(new CannedHttpClient(200, Map.of("Content-Type", List.of("application/x-amz-json-1.0")),
                        EMPTY_ITEM));
    }

    private static GetItemRequest get() {
        return GetItemRequest.builder().tableName("t").key(Map.of("id", AttributeValue.fromS("1"))).build();
    }

    @Test
    void theApplicationsConfigurationStaysAndTheInterceptorIsAddedOnce() {
        AppInterceptor app = new AppInterceptor();
        DynamoDbClientBuilder b = builder().overrideConfiguration(o -> o.addExecutionInterceptor(app)
                .putHeader("x-app", "h1").putExecutionAttribute(APP_ATTRIBUTE, "a1")
                .apiCallTimeout(Duration.ofSeconds(30)).retryStrategy(r -> r.maxAttempts(2)));
        try (DynamoDbClient client = FisSdk.instrument(b, runtime).build()) {
            client.getItem(get());
            assertThat(app.seen).containsExactly("a1 h1");
            try (ArmedApiFault throttle = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                    .operations("GetItem").fault(ApiFault.throttle()).build())) {
                assertThatThrownBy(() -> client.getItem(get())).isInstanceOf(ThrottlingException.class);
                assertThat(throttle.injectedFaults()).as("one interceptor: one decision per attempt, and the "
                        + "application's retry strategy (2 attempts) kept").isEqualTo(throttle.matchedCalls()).isEqualTo(2);
            }
        }
        // a later overrideConfiguration(...) on the builder replaces the application's, not the fault interceptor
        try (DynamoDbClient client = FisSdk.instrument(builder(), runtime)
                .overrideConfiguration(o -> o.putHeader("x-app", "h2").retryStrategy(r -> r.maxAttempts(1))).build();
                ArmedApiFault throttle = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                        .operations("GetItem").fault(ApiFault.throttle()).build())) {
            assertThatThrownBy(() -> client.getItem(get())).isInstanceOf(ThrottlingException.class);
            assertThat(throttle.injectedFaults()).isEqualTo(throttle.matchedCalls()).isEqualTo(1);
        }
    }
}
