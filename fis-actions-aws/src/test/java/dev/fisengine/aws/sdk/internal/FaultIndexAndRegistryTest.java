package dev.fisengine.aws.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The snapshot index, copy-on-write arming and disarming, counters, and rule validation. */
class FaultIndexAndRegistryTest {
    private final FaultRegistry registry = new FaultRegistry("test");

    @Test
    void idleRegistryPublishesTheSharedEmptySnapshot() {
        assertThat(registry.current()).isSameAs(FaultIndex.EMPTY);
        ArmedApiFault a = registry.arm(rule("dynamodb", ApiFault.throttle(), "GetItem"));
        assertThat(registry.current()).isNotSameAs(FaultIndex.EMPTY);
        assertThat(registry.isIdle()).isFalse();
        a.close();
        assertThat(registry.current()).isSameAs(FaultIndex.EMPTY);
        assertThat(registry.isIdle()).isTrue();
    }

    @Test
    void lookupMergesOperationAndWildcardRulesInArmingOrder() {
        ArmedApiFault wildcard1 = registry.arm(rule("dynamodb", ApiFault.latency(Duration.ofMillis(1))));
        ArmedApiFault get = registry.arm(rule("dynamodb", ApiFault.throttle(), "GetItem", "Query"));
        ArmedApiFault wildcard2 = registry.arm(rule("dynamodb", ApiFault.internalError()));
        ArmedApiFault s3 = registry.arm(rule("s3", ApiFault.throttle(), "GetObject"));
        FaultIndex index = registry.current();
        assertThat(List.<ArmedApiFault>of(index.lookup("dynamodb", "GetItem"))).containsExactly(wildcard1, get, wildcard2);
        assertThat(List.<ArmedApiFault>of(index.lookup("dynamodb", "Query"))).containsExactly(wildcard1, get, wildcard2);
        assertThat(List.<ArmedApiFault>of(index.lookup("dynamodb", "PutItem"))).containsExactly(wildcard1, wildcard2);
        assertThat(List.<ArmedApiFault>of(index.lookup("s3", "GetObject"))).containsExactly(s3);
        assertThat(index.lookup("s3", "PutObject")).isEmpty();
        assertThat(index.lookup("sqs", "SendMessage")).isEmpty();
        get.close();
        assertThat(List.<ArmedApiFault>of(registry.current().lookup("dynamodb", "GetItem")))
                .containsExactly(wildcard1, wildcard2);
    }

    @Test
    void snapshotsAreImmutableAfterPublication() {
        ArmedApiFault a = registry.arm(rule("dynamodb", ApiFault.throttle(), "GetItem"));
        FaultIndex before = registry.current();
        registry.arm(rule("dynamodb", ApiFault.internalError(), "GetItem"));
        assertThat(before.lookup("dynamodb", "GetItem")).hasSize(1);
        a.close();
        assertThat(before.lookup("dynamodb", "GetItem")).hasSize(1);
        assertThat(registry.current().lookup("dynamodb", "GetItem")).hasSize(1);
    }

    @Test
    void closeDisarmsExactlyOnceAndStopsDecisions() {
        ArmedApiFault a = registry.arm(rule("dynamodb", ApiFault.throttle(), "GetItem"));
        ArmedRule r = (ArmedRule) a;
        assertThat(r.fire("arn:aws:iam::1:role/x")).isEqualTo(ApiFault.throttle());
        assertThat(a.matchedCalls()).isEqualTo(1);
        assertThat(a.injectedFaults()).isEqualTo(1);
        a.close();
        a.close();
        assertThat(a.isArmed()).isFalse();
        assertThat(r.fire("arn:aws:iam::1:role/x")).isNull();
        assertThat(a.matchedCalls()).isEqualTo(1);
        assertThat(registry.armed()).isEmpty();
    }

    @Test
    void roleFilterIsAppliedBeforeCounting() {
        ArmedRule r = (ArmedRule) registry.arm(ApiFaultRule.builder().service("s3").fault(ApiFault.throttle())
                .roleArns("arn:aws:iam::1:role/a").build());
        assertThat(r.fire("arn:aws:iam::1:role/b")).isNull();
        assertThat(r.matchedCalls()).isZero();
        assertThat(r.fire("arn:aws:iam::1:role/a")).isNotNull();
        assertThat(r.matchedCalls()).isEqualTo(1);
    }

    @Test
    void closingTheRegistryDisarmsEverything() {
        ArmedApiFault a = registry.arm(rule("s3", ApiFault.throttle()));
        ArmedApiFault b = registry.arm(rule("ec2", ApiFault.throttle()));
        registry.close();
        assertThat(a.isArmed()).isFalse();
        assertThat(b.isArmed()).isFalse();
        assertThat(registry.current()).isSameAs(FaultIndex.EMPTY);
    }

    @Test
    void disarmingCompletesDelaysInProgressAndLaterRegistrations() {
        ArmedRule r = (ArmedRule) registry.arm(rule("s3", ApiFault.latency(Duration.ofHours(1))));
        CompletableFuture<Void> gate = new CompletableFuture<>();
        r.registerDelay(gate);
        assertThat(gate).isNotDone();
        r.close();
        assertThat(gate).isDone();
        CompletableFuture<Void> late = new CompletableFuture<>();
        r.registerDelay(late);
        assertThat(late).isDone();
    }

    @Test
    void jitterStaysWithinItsBound() {
        ArmedRule r = (ArmedRule) registry.arm(rule("s3", ApiFault.latency(Duration.ofMillis(100),
                Duration.ofMillis(50))));
        for (int i = 0; i < 1000; i++) {
            assertThat(r.delayNanos((ApiFault.Latency) r.rule().fault()))
                    .isBetween(Duration.ofMillis(100).toNanos(), Duration.ofMillis(150).toNanos());
        }
    }

    @Test
    void ruleValidationNamesTheFieldAndValue() {
        assertThatThrownBy(() -> rule("Dynamo DB", ApiFault.throttle()))
                .hasMessage("service: \"Dynamo DB\" is not a service name such as dynamodb, s3 or ec2");
        assertThatThrownBy(() -> ApiFaultRule.builder().service("s3").percentage(101).fault(ApiFault.throttle())
                .build()).hasMessage("percentage: 101.0 is not between 0 and 100");
        assertThatThrownBy(() -> ApiFaultRule.builder().service("s3").operations("Get Object")
                .fault(ApiFault.throttle()).build()).hasMessage("operations: \"Get Object\" is not an operation "
                + "name such as PutItem");
        assertThatThrownBy(() -> ApiFaultRule.builder().service("s3").roleArns("role/x").fault(ApiFault.throttle())
                .build()).hasMessage("roleArns: \"role/x\" is not an ARN");
        assertThatThrownBy(() -> ApiFault.custom(200, "Ok", "fine"))
                .hasMessage("custom fault statusCode: 200 is not an HTTP error status (400-599)");
        assertThatThrownBy(() -> ApiFault.custom(400, "Bad Code", "x")).hasMessageContaining("errorCode: \"Bad Code\"");
        assertThatThrownBy(() -> ApiFault.latency(Duration.ofMillis(-1))).hasMessage("latency delay: PT-0.001S is "
                + "negative");
        assertThat(rule("DynamoDB", ApiFault.throttle()).service()).isEqualTo("dynamodb");
    }

    private static ApiFaultRule rule(String service, ApiFault fault, String... operations) {
        return ApiFaultRule.builder().service(service).operations(List.of(operations)).fault(fault).build();
    }
}
