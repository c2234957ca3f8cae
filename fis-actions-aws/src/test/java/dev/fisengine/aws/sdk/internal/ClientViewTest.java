package dev.fisengine.aws.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The per-client view of the armed rules ({@link ClientView}, kept by {@link CallTargets.ViewCache}): a snapshot
 * change is seen on the very next attempt (the view is keyed on the snapshot's identity), a shareable interceptor
 * follows the attempt's service, and a single-client one reuses its view while the snapshot stays.
 */
class ClientViewTest {
    private static ExecutionAttributes attempt(String serviceName, String prefix, String operation) {
        ExecutionAttributes a = new ExecutionAttributes();
        a.putAttribute(SdkExecutionAttribute.SERVICE_NAME, serviceName);
        a.putAttribute(AwsExecutionAttribute.ENDPOINT_PREFIX, prefix);
        a.putAttribute(SdkExecutionAttribute.OPERATION_NAME, operation);
        return a;
    }

    private static ArmedApiFault arm(FaultRegistry registry, String service, String... operations) {
        return registry.arm(ApiFaultRule.builder().service(service).operations(operations).fault(ApiFault.throttle())
                .build());
    }

    @Test
    void aSnapshotChangeIsSeenOnTheNextAttempt() {
        FaultRegistry registry = new FaultRegistry("view");
        CallTargets.ViewCache cache = new CallTargets.ViewCache(true);
        ExecutionAttributes dynamo = attempt("DynamoDb", "dynamodb", "GetItem");
        try (ArmedApiFault put = arm(registry, "dynamodb", "PutItem")) {
            assertThat(put.isArmed()).isTrue();
            ClientView v1 = cache.view(registry.current(), dynamo);
            assertThat(v1.hits("PutItem")).isTrue();
            assertThat(v1.hits("GetItem")).isFalse();
            assertThat(cache.view(registry.current(), dynamo)).as("kept while the snapshot stays").isSameAs(v1);
            try (ArmedApiFault get = arm(registry, "dynamodb", "GetItem")) {
                assertThat(get.isArmed()).isTrue();
                ClientView v2 = cache.view(registry.current(), dynamo);
                assertThat(v2).isNotSameAs(v1);
                assertThat(v2.hits("GetItem")).isTrue();
            }
            assertThat(cache.view(registry.current(), dynamo).hits("GetItem")).as("disarmed at once").isFalse();
            try (ArmedApiFault other = arm(registry, "dynamo-db-not")) {
                assertThat(other.isArmed()).isTrue();
                assertThat(cache.view(registry.current(), dynamo).hits("Scan")).isFalse();
            }
            try (ArmedApiFault all = arm(registry, "dynamodb")) {
                assertThat(all.isArmed()).isTrue();
                assertThat(cache.view(registry.current(), dynamo).hits("Scan")).as("a rule for every operation")
                        .isTrue();
            }
        }
    }

    @Test
    void aShareableInterceptorFollowsTheAttemptsService() {
        FaultRegistry registry = new FaultRegistry("view");
        CallTargets.ViewCache shared = new CallTargets.ViewCache(false);
        try (ArmedApiFault send = arm(registry, "sqs", "SendMessage")) {
            assertThat(send.isArmed()).isTrue();
            FaultIndex index = registry.current();
            assertThat(shared.view(index, attempt("Sqs", "sqs", "SendMessage")).hits("SendMessage")).isTrue();
            ClientView dynamo = shared.view(index, attempt("DynamoDb", "dynamodb", "SendMessage"));
            assertThat(dynamo.hits("SendMessage")).as("not a DynamoDB operation of any rule").isFalse();
            assertThat(dynamo.keys.key).isEqualTo("dynamodb");
            assertThat(shared.view(index, attempt("Sqs", "sqs", "SendMessage")).keys.key).isEqualTo("sqs");
        }
    }

    @Test
    void cloudWatchAnswersToBothOfItsNames() {
        FaultRegistry registry = new FaultRegistry("view");
        CallTargets.ViewCache cache = new CallTargets.ViewCache(true);
        try (ArmedApiFault a = arm(registry, "cloudwatch", "DescribeAlarms");
                ArmedApiFault b = arm(registry, "monitoring", "ListMetrics")) {
            assertThat(a.isArmed() && b.isArmed()).isTrue();
            ClientView v = cache.view(registry.current(), attempt("CloudWatch", "monitoring", "X"));
            assertThat(v.hits("DescribeAlarms")).isTrue();
            assertThat(v.hits("ListMetrics")).isTrue();
            assertThat(v.hits("PutMetricData")).isFalse();
        }
    }
}
