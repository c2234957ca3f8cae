package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;

/**
 * {@link FisSdk#EXEMPT_API_NAME}: instrumented CloudWatch clients (real SDK clients, real HTTP to a loopback server)
 * under a 100 % throttle of {@code cloudwatch}. Requests carrying the marker, per request or client-wide, go through
 * and are not counted as matched; ordinary requests of the same service are throttled.
 */
class ExemptRequestsTest {
    private final LoopbackAwsServer server = new LoopbackAwsServer();
    private final TestRuntime runtime = new TestRuntime("exempt");
    private final ArmedApiFault throttle = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder()
            .service("cloudwatch").fault(ApiFault.throttle()).build());

    @AfterEach
    void close() {
        throttle.close();
        runtime.close();
        server.close();
    }

    private SdkFixture fixture() {
        return new SdkFixture(server.endpoint()).instrumentedFor(runtime, null).maxAttempts(1);
    }

    private static ListMetricsRequest exempt() {
        return ListMetricsRequest.builder().overrideConfiguration(o -> o.addApiName(FisSdk.EXEMPT)).build();
    }

    @Test
    void aRequestCarryingTheExemptApiNameIsNotFaultedWhileAnOrdinaryOneIs() {
        try (CloudWatchClient client = fixture().build(CloudWatchClient.builder())) {
            assertThatThrownBy(client::listMetrics).isInstanceOfSatisfying(CloudWatchException.class,
                    e -> assertThat(e.isThrottlingException()).isTrue());
            assertThat(server.count("ListMetrics")).isZero();

            assertThat(client.listMetrics(exempt()).metrics()).isEmpty();
            assertThat(server.count("ListMetrics")).isEqualTo(1);

            assertThatThrownBy(client::listMetrics).isInstanceOf(CloudWatchException.class);
            assertThat(throttle.matchedCalls()).as("the exempt call is not counted").isEqualTo(2);
            assertThat(throttle.injectedFaults()).isEqualTo(2);
        }
    }

    @Test
    void asyncClientsHonourTheMarkerToo() {
        try (CloudWatchAsyncClient client = fixture().build(CloudWatchAsyncClient.builder())) {
            assertThatThrownBy(() -> client.listMetrics().join()).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(CloudWatchException.class);
            assertThat(client.listMetrics(exempt()).join().metrics()).isEmpty();
            assertThat(server.count("ListMetrics")).isEqualTo(1);
            assertThat(throttle.injectedFaults()).isEqualTo(1);
        }
    }

    @Test
    void aClientWideUserAgentSuffixExemptsEveryRequestOfTheClient() {
        CloudWatchClientBuilder builder = CloudWatchClient.builder().endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, FisSdk.EXEMPT_API_NAME + "/1"));
        try (CloudWatchClient exemptClient = FisSdk.instrument(builder, runtime).build();
             CloudWatchClient ordinary = fixture().build(CloudWatchClient.builder())) {
            exemptClient.listMetrics();
            exemptClient.listMetrics();
            assertThat(server.count("ListMetrics")).isEqualTo(2);
            assertThatThrownBy(ordinary::listMetrics).isInstanceOf(CloudWatchException.class);
            assertThat(throttle.injectedFaults()).isEqualTo(1);
        }
    }

    @Test
    void theConstantsAreTheDocumentedContract() {
        assertThat(FisSdk.EXEMPT_API_NAME).isEqualTo("fisengine-exempt");
        assertThat(FisSdk.EXEMPT.name()).isEqualTo("fisengine-exempt");
        assertThat(FisSdk.EXEMPT.version()).isEqualTo("1");
    }
}
