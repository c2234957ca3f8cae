package dev.fisengine.aws.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.aws.actions.internal.Seeds;
import dev.fisengine.aws.catalog.AwsActionCatalog;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.testkit.FisTestkit;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What each provider's {@code start} arms, logs and registers for revert, and how it names bad input when it is
 * started by something other than the validating engine.
 */
class ApiFaultActionProviderTest {
    private static final String APP = "arn:aws:iam::123456789012:role/app";
    private static final String WORKER = "arn:aws:iam::123456789012:role/worker";

    private final FisEngine engine = FisTestkit.engineBuilder(FisTestkit.manualClock()).slf4jLog(false).build();
    private final ApiFaultRegistry registry = ApiFaultRegistry.of(engine);

    @AfterEach
    void close() {
        engine.close();
    }

    private static Map<String, List<TargetResource>> roles(String... arns) {
        return Map.of("Roles", Arrays.stream(arns).map(TargetResource::of).toList());
    }

    private static Map<String, String> params(String... extra) {
        Map<String, String> p = new HashMap<>(Map.of("service", " SQS ", "operations",
                " SendMessage , ReceiveMessage,, ", "percentage", "25", "duration", "PT5M"));
        for (int i = 0; i < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        return p;
    }

    private RecordingContext start(ActionProvider provider, Map<String, String> parameters,
            Map<String, List<TargetResource>> targets) {
        RecordingContext ctx = new RecordingContext(engine, provider.descriptor().id(), parameters, targets);
        try {
            provider.start(ctx);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return ctx;
    }

    @Test
    void aFaultThatNoInstrumentedClientCanMatchSaysSoWhenArmedAndWhenItEnds() throws Exception {
        RecordingContext none = start(new InjectApiThrottleErrorProvider(), params(), roles(APP));
        assertThat(none.warnings).anyMatch(w -> w.contains("no SDK client is instrumented for this engine"));
        none.revert();
        assertThat(none.warnings).anyMatch(w -> w.contains("0 attempts matched"));

        dev.fisengine.aws.iam.KnownRoles.of(engine).register(WORKER); // as FisSdk.instrument does
        RecordingContext other = start(new InjectApiThrottleErrorProvider(), params(), roles(APP));
        assertThat(other.warnings).anyMatch(w -> w.contains("no instrumented client of this engine has the targeted "
                + "role(s) " + APP + "; the engine knows " + WORKER));
        other.revert();

        RecordingContext fine = start(new InjectApiThrottleErrorProvider(), params(), roles(APP, WORKER));
        assertThat(fine.warnings).noneMatch(w -> w.contains("instrumented"));
        fine.revert();
    }

    @Test
    void throttleArmsOneRuleFromTheParametersAndRolesAndDisarmsOnRevert() throws Exception {
        dev.fisengine.aws.iam.KnownRoles.of(engine).register(APP); // a client with this role is instrumented
        RecordingContext ctx = start(new InjectApiThrottleErrorProvider(), params(), roles(APP, WORKER));

        assertThat(registry.armed()).hasSize(1);
        ArmedApiFault armed = registry.armed().get(0);
        assertThat(armed.rule().service()).isEqualTo("sqs");
        assertThat(armed.rule().operations()).containsExactlyInAnyOrder("SendMessage", "ReceiveMessage");
        assertThat(armed.rule().percentage()).isEqualTo(25.0);
        assertThat(armed.rule().roleArns()).containsExactlyInAnyOrder(APP, WORKER);
        assertThat(armed.rule().fault()).isEqualTo(ApiFault.throttle());
        assertThat(armed.rule().seed()).isEqualTo(Seeds.of("EXPabcdefghijklmno", "Fault"));
        assertThat(ctx.infos).singleElement().asString()
                .isEqualTo("aws:fis:inject-api-throttle-error armed: throttle errors on sqs SendMessage,ReceiveMessage "
                        + "at 25% of attempts, for roles " + APP + ", " + WORKER + " (seed " + armed.rule().seed()
                        + ")");
        assertThat(ctx.reverts).hasSize(1);

        ctx.revert();

        assertThat(armed.isArmed()).isFalse();
        assertThat(registry.isIdle()).isTrue();
        assertThat(ctx.warnings).singleElement().asString().isEqualTo("aws:fis:inject-api-throttle-error disarmed: "
                + "throttle errors on sqs SendMessage,ReceiveMessage at 25% of attempts, for roles " + APP + ", "
                + WORKER + "; 0 attempts matched, 0 faults injected (no instrumented client called sqs with a matching "
                + "role meanwhile)");
    }

    @Test
    void theOtherAwsActionsArmTheirOwnFault() {
        start(new InjectApiInternalErrorProvider(), params(), roles(APP));
        start(new InjectApiUnavailableErrorProvider(), params(), roles(APP));
        assertThat(registry.armed()).extracting(a -> a.rule().fault())
                .containsExactly(ApiFault.internalError(), ApiFault.unavailable());
    }

    @Test
    void theAwsActionsRequireRoles() {
        ActionProvider throttle = new InjectApiThrottleErrorProvider();
        assertThatThrownBy(() -> throttle.start(new RecordingContext(engine, throttle.descriptor().id(), params(),
                Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actions.Fault.targets: aws:fis:inject-api-throttle-error requires a target under key "
                        + "Roles (aws:iam:role)");
        assertThat(registry.isIdle()).isTrue();
    }

    @Test
    void rolesThatResolvedToNothingArmNothing() {
        RecordingContext ctx = start(new InjectApiThrottleErrorProvider(), params(), Map.of("Roles", List.of()));
        assertThat(registry.isIdle()).as("an empty role set must not mean every client").isTrue();
        assertThat(ctx.reverts).isEmpty();
        assertThat(ctx.warnings).singleElement().asString().contains("resolved no role");
    }

    @Test
    void extensionsWithoutRolesHitEveryClientOfTheEngine() {
        RecordingContext ctx = start(new InjectConnectionFailureProvider(), params(), Map.of());
        ArmedApiFault armed = registry.armed().get(0);
        assertThat(armed.rule().roleArns()).isEmpty();
        assertThat(armed.rule().fault()).isEqualTo(ApiFault.connectionFailure());
        assertThat(ctx.infos).singleElement().asString()
                .contains("connection failures on sqs", "for every client of the engine (no Roles target)");
    }

    @Test
    void latencyReadsDelayAndJitterWithJitterDefaultingToZero() {
        start(new InjectApiLatencyProvider(), params("delayMilliseconds", "250", "jitterMilliseconds", "50"), Map.of());
        RecordingContext ctx = start(new InjectApiLatencyProvider(), params("delayMilliseconds", "100"), roles(APP));
        assertThat(registry.armed()).extracting(a -> a.rule().fault()).containsExactly(
                ApiFault.latency(Duration.ofMillis(250), Duration.ofMillis(50)),
                ApiFault.latency(Duration.ofMillis(100)));
        assertThat(ctx.infos).singleElement().asString().contains("latency of 100 ms on sqs");
    }

    @Test
    void errorReadsStatusCodeAndMessageWithADefaultMessage() {
        start(new InjectApiErrorProvider(), params("statusCode", "429", "errorCode", "TooManyRequestsException",
                "message", "slow down"), Map.of());
        start(new InjectApiErrorProvider(), params("statusCode", "500", "errorCode", "InternalError"), Map.of());
        assertThat(registry.armed()).extracting(a -> a.rule().fault()).containsExactly(
                ApiFault.custom(429, "TooManyRequestsException", "slow down"),
                ApiFault.custom(500, "InternalError", "Injected by FIS Engine"));
    }

    @Test
    void errorReadsAQueryErrorCode() {
        start(new InjectApiErrorProvider(), params("statusCode", "400", "errorCode", "QueueDoesNotExist",
                "queryErrorCode", "AWS.SimpleQueueService.NonExistentQueue", "message", "gone"), Map.of());
        assertThat(registry.armed()).extracting(a -> a.rule().fault()).containsExactly(
                ApiFault.custom(400, "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "gone"));
    }

    @Test
    void countParametersBecomeTheRulesCount() {
        RecordingContext ctx = start(new InjectApiErrorProvider(), params("statusCode", "400", "errorCode", "X",
                "firstAttempts", "10", "everyNthAttempt", "2", "maxFaults", "3"), Map.of());
        start(new InjectConnectionFailureProvider(), params(), Map.of());
        assertThat(registry.armed()).extracting(a -> a.rule().count()).containsExactly(
                new ApiFaultRule.Count(10, 2, 3), ApiFaultRule.Count.NONE);
        assertThat(ctx.infos).singleElement().asString()
                .contains("first 10 attempts only, only attempts numbered a multiple of 2, at most 3 faults");
        assertStartFails(new InjectConnectionFailureProvider(), params("maxFaults", "0"), Map.of(),
                "actions.Fault.parameters.maxFaults: \"0\" is out of range: must be from 1 to 1000000000");
        assertStartFails(new InjectConnectionFailureProvider(), params("everyNthAttempt", "two"), Map.of(),
                "actions.Fault.parameters.everyNthAttempt: \"two\" is not a whole number");
    }

    @Test
    void anOperationTheServiceDoesNotHaveIsAWarningNamingTheRealOnes() {
        dev.fisengine.aws.iam.KnownRoles.of(engine).register(APP); // a client is instrumented: only the names warn
        RecordingContext ctx = start(new InjectConnectionFailureProvider(), params("operations",
                "SendMessage,SendMesage,ReceiveMessages"), Map.of());
        assertThat(ctx.warnings).singleElement().asString()
                .contains("operations ReceiveMessages, SendMesage are not sqs operations, so the fault can never hit "
                        + "them", "did you mean ReceiveMessage for ReceiveMessages",
                        "did you mean SendMessage for SendMesage", "sqs has ", "DeleteQueue", "SendMessageBatch");
        RecordingContext good = start(new InjectConnectionFailureProvider(), params(), Map.of());
        assertThat(good.warnings).isEmpty();
        RecordingContext unknownService = start(new InjectConnectionFailureProvider(), params("service",
                "notonclasspath", "operations", "Whatever"), Map.of());
        assertThat(unknownService.warnings).as("nothing can be said without the service's SDK module").isEmpty();
    }

    @Test
    void badValuesAreNamedWithTheirPlace() {
        assertStartFails(new InjectApiThrottleErrorProvider(), params("percentage", "0"), roles(APP),
                "actions.Fault.parameters.percentage: \"0\" is out of range: must be greater than 0 and at most 100");
        assertStartFails(new InjectApiThrottleErrorProvider(), params("percentage", "half"), roles(APP),
                "actions.Fault.parameters.percentage: \"half\" is not a number");
        assertStartFails(new InjectApiThrottleErrorProvider(), params("operations", " , "), roles(APP),
                "actions.Fault.parameters.operations: \" , \" names no item");
        assertStartFails(new InjectApiThrottleErrorProvider(), params("service", "dynamo db"), roles(APP),
                "actions.Fault: service: \"dynamo db\" is not a service name such as dynamodb, s3 or ec2");
        assertStartFails(new InjectApiThrottleErrorProvider(), params("service", ""), roles(APP),
                "actions.Fault.parameters.service: is required but is \"\"");
        assertStartFails(new InjectApiErrorProvider(), params("statusCode", "200", "errorCode", "X"), Map.of(),
                "actions.Fault.parameters.statusCode: \"200\" is out of range: must be from 400 to 599");
        assertStartFails(new InjectApiErrorProvider(), params("statusCode", "400", "errorCode", "A B"), Map.of(),
                "actions.Fault.parameters.errorCode: custom fault errorCode: \"A B\" must be a non-empty printable "
                        + "ASCII word without spaces or ';' (e.g. ProvisionedThroughputExceededException)");
        assertStartFails(new InjectApiLatencyProvider(), params(), Map.of(),
                "actions.Fault.parameters.delayMilliseconds: is required");
        assertStartFails(new InjectApiLatencyProvider(), params("delayMilliseconds", "5", "jitterMilliseconds", "x"),
                Map.of(), "actions.Fault.parameters.jitterMilliseconds: \"x\" is not a whole number");
        assertThat(registry.isIdle()).isTrue();
    }

    private void assertStartFails(ActionProvider provider, Map<String, String> parameters,
            Map<String, List<TargetResource>> targets, String message) {
        assertThatThrownBy(() -> provider.start(new RecordingContext(engine, provider.descriptor().id(), parameters,
                targets))).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void descriptorsAreTheCatalogsForAwsAndExtensionsForTheRest() {
        List<ActionProvider> providers = ApiFaultActions.providers();
        assertThat(providers).extracting(p -> p.descriptor().id()).containsExactly(
                AwsActionCatalog.INJECT_API_INTERNAL_ERROR, AwsActionCatalog.INJECT_API_THROTTLE_ERROR,
                AwsActionCatalog.INJECT_API_UNAVAILABLE_ERROR, ApiFaultActions.INJECT_API_LATENCY,
                ApiFaultActions.INJECT_API_ERROR, ApiFaultActions.INJECT_CONNECTION_FAILURE,
                "aws:ec2:api-insufficient-instance-capacity-error",
                "aws:kinesis:stream-provisioned-throughput-exception", "aws:kinesis:stream-expired-iterator-exception");
        for (ActionProvider p : providers.subList(6, 9)) {
            assertThat(p.descriptor()).isSameAs(AwsActionCatalog.action(p.descriptor().id()).orElseThrow());
            assertThat(p.descriptor().executable()).isTrue();
        }
        for (ActionProvider p : providers.subList(0, 3)) {
            assertThat(p.descriptor()).isSameAs(AwsActionCatalog.action(p.descriptor().id()).orElseThrow());
            assertThat(p.descriptor().target("Roles").orElseThrow().required()).isTrue();
        }
        for (ActionProvider p : providers.subList(3, 6)) {
            assertThat(p.descriptor().availableInAws()).as(p.descriptor().id()).isFalse();
            assertThat(p.descriptor().executable()).isTrue();
            assertThat(p.descriptor().durationParameter()).isEqualTo("duration");
            assertThat(p.descriptor().target("Roles").orElseThrow().required()).isFalse();
            assertThat(p.descriptor().target("Roles").orElseThrow().resourceTypes()).containsExactly("aws:iam:role");
            assertThat(p.descriptor().parameters()).allSatisfy(d -> {
                assertThat(d.awsAllowedValues()).isEmpty();
                assertThat(d.awsMinDuration()).isNull();
            });
        }
        assertThat(providers).allSatisfy(p -> assertThat(p.order()).isZero());
    }

    @Test
    void serviceLoaderFindsTheSixProviders() {
        List<String> found = ServiceLoader.load(ActionProvider.class).stream().map(ServiceLoader.Provider::type)
                .filter(ApiFaultActionProvider.class::isAssignableFrom).map(Class::getName).toList();
        assertThat(found).containsExactlyInAnyOrderElementsOf(
                ApiFaultActions.providers().stream().map(p -> p.getClass().getName()).toList());
    }
}
