package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A rule's service may be the IAM/FIS name, the endpoint prefix or the SDK's service name, where they differ: SES
 * ({@code ses} / {@code email} for v1 and v2, {@code sesv2}), CloudWatch ({@code cloudwatch} / {@code monitoring}),
 * Step Functions ({@code states} / {@code sfn}). Each name hits the client once per attempt.
 */
class ServiceNamesTest {
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    @ParameterizedTest(name = "rule {0} hits {1}")
    @CsvSource({
        "ses, ses", "email, ses", "ses, sesv2", "email, sesv2", "sesv2, sesv2",
        "cloudwatch, cloudwatch", "monitoring, cloudwatch",
        "states, sfn", "sfn, sfn"})
    void everyNameOfTheServiceHitsItsClient(String ruleService, String client) {
        try (TestRuntime runtime = new TestRuntime("names")) {
            CannedHttpClient network = new CannedHttpClient(200, Map.of("Content-Type", List.of("application/json")),
                    "{}".getBytes(StandardCharsets.UTF_8));
            SdkFixture fixture = new SdkFixture(NOWHERE).httpClient(network).maxAttempts(1)
                    .instrumentedFor(runtime, null);
            try (ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service(ruleService)
                    .fault(ApiFault.throttle()).build());
                 SdkClient c = build(client, fixture)) {
                assertThatThrownBy(() -> call(client, c)).isInstanceOf(AwsServiceException.class)
                        .satisfies(e -> assertThat(((AwsServiceException) e).isThrottlingException()).isTrue());
                assertThat(armed.matchedCalls()).as("decided once").isEqualTo(1);
                assertThat(network.requests.get()).isZero();
            }
        }
    }

    @ParameterizedTest(name = "rule {0} does not hit {1}")
    @CsvSource({"sesv2, ses", "ses, cloudwatch"})
    void otherServicesAreNotHit(String ruleService, String client) {
        try (TestRuntime runtime = new TestRuntime("names")) {
            SdkFixture fixture = new SdkFixture(NOWHERE).httpClient(new CannedHttpClient(500, Map.of(), new byte[0]))
                    .maxAttempts(1).instrumentedFor(runtime, null);
            try (ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service(ruleService)
                    .fault(ApiFault.throttle()).build());
                 SdkClient c = build(client, fixture)) {
                assertThatThrownBy(() -> call(client, c)).isInstanceOf(AwsServiceException.class);
                assertThat(armed.matchedCalls()).isZero();
            }
        }
    }

    private static SdkClient build(String client, SdkFixture f) {
        return switch (client) {
            case "ses" -> f.build(SesClient.builder());
            case "sesv2" -> f.build(SesV2Client.builder());
            case "cloudwatch" -> f.build(CloudWatchClient.builder());
            case "sfn" -> f.build(SfnClient.builder());
            default -> throw new IllegalArgumentException(client);
        };
    }

    private static void call(String client, SdkClient c) {
        switch (client) {
            case "ses" -> ((SesClient) c).listIdentities();
            case "sesv2" -> ((SesV2Client) c).listEmailIdentities(r -> r.pageSize(1));
            case "cloudwatch" -> ((CloudWatchClient) c).describeAlarms();
            case "sfn" -> ((SfnClient) c).listStateMachines();
            default -> throw new IllegalArgumentException(client);
        }
    }
}
