package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/**
 * Which clients a rule hits: by principal role (the FIS {@code Roles} target), and only within its own engine, never
 * another engine's clients in the same JVM.
 */
class RolesAndRuntimesTest {
    private static final String APP_ROLE = "arn:aws:iam::111111111111:role/app";
    private static final String ENGINE_ROLE = "arn:aws:iam::111111111111:role/engine-default";

    private static LoopbackAwsServer server;

    @BeforeAll
    static void start() {
        server = new LoopbackAwsServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rulesWithRolesHitOnlyClientsWithThoseRoles() {
        try (TestRuntime runtime = new TestRuntime("roles")
                .with(DefaultPrincipalRole.class, new DefaultPrincipalRole(ENGINE_ROLE));
             SdkClient app = Probe.DYNAMODB.sync(fixture(runtime, APP_ROLE));
             SdkClient unnamed = Probe.DYNAMODB.sync(fixture(runtime, null))) {
            assertThat(FisSdk.defaultRoleArn(runtime)).isEqualTo(ENGINE_ROLE);
            ApiFaultRegistry registry = ApiFaultRegistry.of(runtime);
            try (ArmedApiFault armed = registry.arm(throttle().roleArns(APP_ROLE).build())) {
                assertThatThrownBy(() -> Probe.DYNAMODB.call(app)).isInstanceOf(ThrottlingException.class);
                Probe.DYNAMODB.call(unnamed);
                assertThat(armed.matchedCalls()).as("the other role's call is not even a match").isEqualTo(4);
            }
            try (ArmedApiFault armed = registry.arm(throttle().roleArns(ENGINE_ROLE).build())) {
                Probe.DYNAMODB.call(app);
                assertThatThrownBy(() -> Probe.DYNAMODB.call(unnamed)).isInstanceOf(ThrottlingException.class);
                assertThat(armed.injectedFaults()).isEqualTo(4);
            }
            try (ArmedApiFault armed = registry.arm(throttle().build())) {
                assertThatThrownBy(() -> Probe.DYNAMODB.call(app)).isInstanceOf(ThrottlingException.class);
                assertThatThrownBy(() -> Probe.DYNAMODB.call(unnamed)).isInstanceOf(ThrottlingException.class);
                assertThat(armed.injectedFaults()).isEqualTo(8);
            }
        }
    }

    @Test
    void withoutARoleAnywhereTheFallbackRoleApplies() {
        try (TestRuntime runtime = new TestRuntime("fallback");
             SdkClient client = Probe.DYNAMODB.sync(fixture(runtime, null))) {
            assertThat(FisSdk.defaultRoleArn(runtime)).isEqualTo("arn:aws:iam::000000000000:role/default");
            try (ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(throttle()
                    .roleArns("arn:aws:iam::000000000000:role/default").build())) {
                assertThatThrownBy(() -> Probe.DYNAMODB.call(client)).isInstanceOf(ThrottlingException.class);
                assertThat(armed.injectedFaults()).isEqualTo(4);
            }
        }
    }

    @Test
    void twoEnginesInOneJvmDoNotSeeEachOthersFaults() {
        try (TestRuntime one = new TestRuntime("engine-1");
             TestRuntime two = new TestRuntime("engine-2");
             SdkClient clientOfOne = Probe.DYNAMODB.sync(fixture(one, null));
             SdkClient clientOfTwo = Probe.DYNAMODB.sync(fixture(two, null))) {
            assertThat(ApiFaultRegistry.of(one)).isNotSameAs(ApiFaultRegistry.of(two));
            try (ArmedApiFault armed = ApiFaultRegistry.of(one).arm(throttle().build())) {
                assertThatThrownBy(() -> Probe.DYNAMODB.call(clientOfOne)).isInstanceOf(ThrottlingException.class);
                Probe.DYNAMODB.call(clientOfTwo);
                assertThat(armed.injectedFaults()).isEqualTo(4);
            }
            try (ArmedApiFault armed = ApiFaultRegistry.of(two).arm(throttle().build())) {
                Probe.DYNAMODB.call(clientOfOne);
                assertThatThrownBy(() -> Probe.DYNAMODB.call(clientOfTwo)).isInstanceOf(ThrottlingException.class);
                assertThat(armed.injectedFaults()).isEqualTo(4);
            }
        }
    }

    @Test
    void closingTheEngineDisarmsItsFaults() {
        TestRuntime runtime = new TestRuntime("closing");
        try (SdkClient client = Probe.DYNAMODB.sync(fixture(runtime, null))) {
            ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(throttle().build());
            assertThatThrownBy(() -> Probe.DYNAMODB.call(client)).isInstanceOf(ThrottlingException.class);
            runtime.close();
            assertThat(armed.isArmed()).isFalse();
            Probe.DYNAMODB.call(client);
        }
    }

    @Test
    void aBuilderIsInstrumentedOnceAndKeepsItsInterceptorWhenReconfigured() {
        try (TestRuntime runtime = new TestRuntime("twice")) {
            software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder builder = FisSdk.instrument(DynamoDbClient.builder(), runtime);
            assertThatThrownBy(() -> FisSdk.instrument(builder, runtime))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already instrumented");
            SdkFixture fixture = new SdkFixture(server.endpoint());
            // the fixture sets overrideConfiguration after instrumentation: the interceptor must survive it
            try (DynamoDbClient ddb = fixture.build(builder);
                 ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(throttle().build())) {
                assertThatThrownBy(() -> Probe.DYNAMODB.call(ddb)).isInstanceOf(ThrottlingException.class);
                assertThat(armed.injectedFaults()).isEqualTo(4);
            }
        }
    }

    @Test
    void handAssembledClientsUseWrapAndInterceptor() {
        try (TestRuntime runtime = new TestRuntime("by-hand");
             DynamoDbClient ddb = DynamoDbClient.builder()
                     .endpointOverride(server.endpoint())
                     .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                     .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                             software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKID", "secret")))
                     .httpClient(FisSdk.wrap(
                             software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create(), runtime,
                             APP_ROLE))
                     .overrideConfiguration(o -> o.addExecutionInterceptor(FisSdk.interceptor(runtime))
                             .retryStrategy(r -> r.maxAttempts(1)))
                     .build();
             ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(throttle().roleArns(APP_ROLE).build())) {
            assertThatThrownBy(() -> Probe.DYNAMODB.call(ddb)).isInstanceOf(ThrottlingException.class);
            assertThat(armed.injectedFaults()).isEqualTo(1);
        }
    }

    private static ApiFaultRule.Builder throttle() {
        return ApiFaultRule.builder().service("dynamodb").operations("GetItem").fault(ApiFault.throttle());
    }

    private static SdkFixture fixture(TestRuntime runtime, String role) {
        return new SdkFixture(server.endpoint()).instrumentedFor(runtime, role);
    }
}
