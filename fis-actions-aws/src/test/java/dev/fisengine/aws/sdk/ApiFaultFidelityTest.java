package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.InternalServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.ThrottledException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The table in {@code docs/sdk-faults.md}, proved with real SDK clients (sync on the SDK's default HTTP client,
 * async on Netty) over real HTTP: for each service and error fault, the exception class, status code, error code,
 * {@code isThrottlingException()}, the retries the SDK made (its {@code RetryCount} metric, with the default strategy's
 * retry conditions and attempt count; only the backoff is made immediate), and that nothing reached the server.
 */
class ApiFaultFidelityTest {
    /** What the application sees. */
    record Expected(Class<? extends AwsServiceException> type, int status, String code, boolean throttling) {}

    /** Retries of every service's default strategy (legacy mode: 4 attempts) when only the backoff is changed. */
    private static final int DEFAULT_RETRIES = 3;

    private static final Map<Probe, Map<ApiFault.Kind, Expected>> TABLE = Map.of(
            Probe.DYNAMODB, Map.of(
                    ApiFault.Kind.THROTTLE, new Expected(ThrottlingException.class, 400, "ThrottlingException", true),
                    ApiFault.Kind.INTERNAL_ERROR,
                    new Expected(InternalServerErrorException.class, 500, "InternalServerError", false),
                    ApiFault.Kind.UNAVAILABLE, new Expected(DynamoDbException.class, 503, "ServiceUnavailable", false)),
            Probe.KINESIS, Map.of(
                    ApiFault.Kind.THROTTLE, new Expected(KinesisException.class, 400, "ThrottlingException", true),
                    ApiFault.Kind.INTERNAL_ERROR, new Expected(KinesisException.class, 500, "InternalFailure", false),
                    ApiFault.Kind.UNAVAILABLE, new Expected(KinesisException.class, 503, "ServiceUnavailable", false)),
            Probe.S3, Map.of(
                    ApiFault.Kind.THROTTLE, new Expected(S3Exception.class, 503, "SlowDown", true),
                    ApiFault.Kind.INTERNAL_ERROR, new Expected(S3Exception.class, 500, "InternalError", false),
                    ApiFault.Kind.UNAVAILABLE, new Expected(S3Exception.class, 503, "ServiceUnavailable", false)),
            Probe.EC2, Map.of(
                    ApiFault.Kind.THROTTLE, new Expected(Ec2Exception.class, 503, "RequestLimitExceeded", true),
                    ApiFault.Kind.INTERNAL_ERROR, new Expected(Ec2Exception.class, 500, "InternalError", false),
                    ApiFault.Kind.UNAVAILABLE, new Expected(Ec2Exception.class, 503, "Unavailable", false)),
            Probe.LAMBDA, Map.of(
                    ApiFault.Kind.THROTTLE,
                    new Expected(TooManyRequestsException.class, 429, "TooManyRequestsException", true),
                    ApiFault.Kind.INTERNAL_ERROR, new Expected(ServiceException.class, 500, "ServiceException", false),
                    ApiFault.Kind.UNAVAILABLE, new Expected(LambdaException.class, 503, "ServiceUnavailable", false)),
            Probe.SNS, Map.of(
                    ApiFault.Kind.THROTTLE, new Expected(ThrottledException.class, 429, "Throttled", true),
                    ApiFault.Kind.INTERNAL_ERROR, new Expected(InternalErrorException.class, 500, "InternalError", false),
                    ApiFault.Kind.UNAVAILABLE, new Expected(SnsException.class, 503, "ServiceUnavailable", false)),
            Probe.STS, Map.of(
                    ApiFault.Kind.THROTTLE, new Expected(StsException.class, 400, "Throttling", true),
                    ApiFault.Kind.INTERNAL_ERROR, new Expected(StsException.class, 500, "InternalFailure", false),
                    ApiFault.Kind.UNAVAILABLE, new Expected(StsException.class, 503, "ServiceUnavailable", false)),
            Probe.CLOUDWATCH, Map.of(
                    ApiFault.Kind.THROTTLE, new Expected(CloudWatchException.class, 400, "Throttling", true),
                    ApiFault.Kind.INTERNAL_ERROR,
                    new Expected(InternalServiceException.class, 500, "InternalServiceError", false),
                    ApiFault.Kind.UNAVAILABLE,
                    new Expected(CloudWatchException.class, 503, "ServiceUnavailable", false)));

    private static LoopbackAwsServer server;
    private static TestRuntime runtime;
    /** One client (and its metric recorder) per service and sync/async, shared by the three error kinds. */
    private static final Map<String, SdkFixture> FIXTURES = new java.util.HashMap<>();
    private static final Map<String, SdkClient> CLIENTS = new java.util.HashMap<>();

    @BeforeAll
    static void start() {
        server = new LoopbackAwsServer();
        runtime = new TestRuntime("fidelity");
    }

    @AfterAll
    static void stop() {
        CLIENTS.values().forEach(SdkClient::close);
        runtime.close();
        server.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Probe p : Probe.values()) {
            for (ApiFault fault : List.of(ApiFault.throttle(), ApiFault.internalError(), ApiFault.unavailable())) {
                out.add(Arguments.of(p, fault, false));
                out.add(Arguments.of(p, fault, true));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} async={2}")
    @MethodSource("cases")
    void errorFaultIsTheServicesOwnError(Probe probe, ApiFault fault, boolean async) {
        Expected expected = TABLE.get(probe).get(fault.kind());
        String key = probe + (async ? "-async" : "-sync");
        SdkFixture fixture = FIXTURES.computeIfAbsent(key,
                k -> new SdkFixture(server.endpoint()).instrumentedFor(runtime, null));
        SdkClient client = CLIENTS.computeIfAbsent(key, k -> async ? probe.async(fixture) : probe.sync(fixture));
        fixture.retries.clear();
        int before = server.count(probe.operation);
        try (ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service(probe.service)
                .operations(probe.operation).fault(fault).seed(1).build())) {
            assertThatThrownBy(() -> call(probe, client, async))
                    .isExactlyInstanceOf(expected.type())
                    .satisfies(e -> {
                        AwsServiceException ase = (AwsServiceException) e;
                        assertThat(ase.statusCode()).isEqualTo(expected.status());
                        assertThat(ase.awsErrorDetails().errorCode()).isEqualTo(expected.code());
                        assertThat(ase.isThrottlingException()).isEqualTo(expected.throttling());
                        assertThat(ase.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-fisengine-fault"))
                                .isPresent();
                    });
            assertThat(fixture.retries.last()).as("RetryCount").isEqualTo(DEFAULT_RETRIES);
            assertThat(armed.injectedFaults()).isEqualTo(DEFAULT_RETRIES + 1);
            assertThat(armed.matchedCalls()).isEqualTo(DEFAULT_RETRIES + 1);
            assertThat(server.count(probe.operation)).as("requests that reached the server").isEqualTo(before);
        }
        call(probe, client, async);
        assertThat(server.count(probe.operation)).isEqualTo(before + 1);
    }

    private static void call(Probe probe, SdkClient client, boolean async) {
        if (async) {
            probe.callAsyncAndWait(client);
        } else {
            probe.call(client);
        }
    }

    @Test
    void dynamoDbsUnmodifiedDefaultStrategyRetriesEightTimes() {
        SdkFixture.RetryCounts retries = new SdkFixture.RetryCounts();
        try (DynamoDbClient ddb = FisSdk.instrument(DynamoDbClient.builder(), runtime)
                .endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .overrideConfiguration(o -> o.addMetricPublisher(retries))
                .build();
             ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                     .operations("GetItem").fault(ApiFault.internalError()).build())) {
            assertThatThrownBy(() -> Probe.DYNAMODB.call(ddb)).isInstanceOf(InternalServerErrorException.class);
            assertThat(retries.last()).isEqualTo(8);
            assertThat(armed.injectedFaults()).isEqualTo(9);
        }
    }

    @Test
    void customErrorSelectsTheModeledExceptionAndItsRetryBehaviour() {
        SdkFixture fixture = new SdkFixture(server.endpoint()).instrumentedFor(runtime, null);
        try (SdkClient ddb = Probe.DYNAMODB.sync(fixture)) {
            try (ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                    .fault(ApiFault.custom(400, "ProvisionedThroughputExceededException", "too fast")).build())) {
                assertThatThrownBy(() -> Probe.DYNAMODB.call(ddb))
                        .isExactlyInstanceOf(ProvisionedThroughputExceededException.class)
                        .hasMessageContaining("too fast")
                        .satisfies(e -> assertThat(((AwsServiceException) e).isThrottlingException()).isTrue());
                assertThat(fixture.retries.last()).isEqualTo(DEFAULT_RETRIES);
                assertThat(armed.injectedFaults()).isEqualTo(DEFAULT_RETRIES + 1);
            }
            fixture.retries.clear();
            try (ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                    .fault(ApiFault.custom(400, "ValidationException", "bad key")).build())) {
                assertThatThrownBy(() -> Probe.DYNAMODB.call(ddb))
                        .isExactlyInstanceOf(DynamoDbException.class)
                        .satisfies(e -> {
                            AwsServiceException ase = (AwsServiceException) e;
                            assertThat(ase.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                            assertThat(ase.statusCode()).isEqualTo(400);
                            assertThat(ase.isThrottlingException()).isFalse();
                        });
                assertThat(fixture.retries.last()).as("a 400 that is not throttling is not retried").isZero();
                assertThat(armed.injectedFaults()).isEqualTo(1);
            }
        }
    }

    @Test
    void zeroPercentNeverHitsAndHundredPercentAlwaysDoes() {
        SdkFixture fixture = new SdkFixture(server.endpoint()).instrumentedFor(runtime, null);
        try (SdkClient ddb = Probe.DYNAMODB.sync(fixture)) {
            int before = server.count("GetItem");
            try (ArmedApiFault never = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                    .percentage(0).fault(ApiFault.throttle()).build())) {
                for (int i = 0; i < 20; i++) {
                    Probe.DYNAMODB.call(ddb);
                }
                assertThat(never.matchedCalls()).isEqualTo(20);
                assertThat(never.injectedFaults()).isZero();
            }
            assertThat(server.count("GetItem")).isEqualTo(before + 20);
            try (ArmedApiFault always = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                    .percentage(100).fault(ApiFault.internalError()).build())) {
                for (int i = 0; i < 5; i++) {
                    assertThatThrownBy(() -> Probe.DYNAMODB.call(ddb)).isInstanceOf(InternalServerErrorException.class);
                }
                assertThat(always.injectedFaults()).isEqualTo(always.matchedCalls()).isEqualTo(5L * (DEFAULT_RETRIES + 1));
            }
            assertThat(server.count("GetItem")).isEqualTo(before + 20);
        }
    }

    @Test
    void ruleForOneOperationLeavesOthersAlone() {
        SdkFixture fixture = new SdkFixture(server.endpoint()).instrumentedFor(runtime, null);
        try (DynamoDbClient ddb = (DynamoDbClient) Probe.DYNAMODB.sync(fixture);
             ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                     .operations("PutItem").fault(ApiFault.throttle()).build())) {
            int puts = server.count("PutItem");
            Probe.DYNAMODB.call(ddb);
            assertThatThrownBy(() -> ddb.putItem(b -> b.tableName("t").item(Map.of("id",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("1")))))
                    .isInstanceOf(ThrottlingException.class);
            assertThat(server.count("PutItem")).as("an injected PutItem writes nothing").isEqualTo(puts);
            assertThat(armed.injectedFaults()).isEqualTo(DEFAULT_RETRIES + 1);
        }
    }
}
