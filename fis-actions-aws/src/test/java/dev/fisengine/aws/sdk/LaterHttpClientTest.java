package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What {@code docs/sdk-faults.md} says about setting an HTTP client after {@link FisSdk#instrument}: when the builder
 * had no HTTP client, instrument sets an HTTP client builder, and a later {@code httpClient(...)} makes
 * {@code build()} fail (the SDK refuses both); when it had one, instrument wraps it, and a later
 * {@code httpClient(...)} replaces the wrapper: the client is built but never hit.
 */
class LaterHttpClientTest {
    private static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new TestRuntime("later");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static DynamoDbClientBuilder builder() {
        return DynamoDbClient.builder().region(Region.US_EAST_1)
                .endpointOverride(java.net.URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create());
    }

    private static CannedHttpClient ok() {
        return new CannedHttpClient(200, Map.of("Content-Type", List.of("application/x-amz-json-1.0")),
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aLaterHttpClientWithoutAnEarlierOneMakesBuildFail() {
        DynamoDbClientBuilder b = FisSdk.instrument(builder(), runtime).httpClient(ok());
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("httpClient and the httpClientBuilder");
    }

    @Test
    void aLaterHttpClientReplacesTheWrapperOfAnEarlierOne() {
        CannedHttpClient later = ok();
        try (DynamoDbClient ddb = FisSdk.instrument(builder().httpClient(ok()), runtime).httpClient(later).build();
             ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                     .fault(ApiFault.throttle()).build())) {
            ddb.getItem(r -> r.tableName("t").key(Map.of("id", AttributeValue.fromS("1"))));
            assertThat(later.requests.get()).isEqualTo(1);
            assertThat(armed.injectedFaults()).as("not instrumented any more").isZero();
        }
    }
}
