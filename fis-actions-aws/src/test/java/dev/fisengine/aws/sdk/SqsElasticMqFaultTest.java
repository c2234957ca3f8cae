package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.RequestThrottledException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SQS (awsJson 1.0, query-compatible) against ElasticMQ running in this JVM: an injected SendMessage is the error SQS
 * sends, is retried by the SDK as SQS's would be, and leaves no message in the queue.
 */
class SqsElasticMqFaultTest {
    private static SQSRestServer elasticMq;
    private static URI endpoint;
    private static TestRuntime runtime;

    @BeforeAll
    static void start() {
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        endpoint = URI.create("http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort());
        runtime = new TestRuntime("sqs");
    }

    @AfterAll
    static void stop() {
        runtime.close();
        elasticMq.stopAndWait();
    }

    static List<Arguments> faults() {
        return List.of(
                Arguments.of(ApiFault.throttle(), RequestThrottledException.class, 400, "RequestThrottled", true),
                Arguments.of(ApiFault.internalError(), SqsException.class, 500, "InternalFailure", false),
                Arguments.of(ApiFault.unavailable(), SqsException.class, 503, "ServiceUnavailable", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void injectedSendMessageIsSqsOwnErrorAndSendsNothing(ApiFault fault, Class<?> type, int status, String code,
                                                         boolean throttling) {
        SdkFixture fixture = new SdkFixture(endpoint).instrumentedFor(runtime, null);
        try (SqsClient sqs = fixture.build(SqsClient.builder())) {
            String queue = sqs.createQueue(b -> b.queueName("q-" + fault.kind().name().toLowerCase())).queueUrl();
            fixture.retries.clear();
            try (ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("sqs")
                    .operations("SendMessage").fault(fault).build())) {
                assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(queue).messageBody("hello")))
                        .isExactlyInstanceOf(type)
                        .satisfies(e -> {
                            AwsServiceException ase = (AwsServiceException) e;
                            assertThat(ase.statusCode()).isEqualTo(status);
                            assertThat(ase.awsErrorDetails().errorCode()).isEqualTo(code);
                            assertThat(ase.isThrottlingException()).isEqualTo(throttling);
                        });
                assertThat(fixture.retries.last()).isEqualTo(3);
                assertThat(armed.injectedFaults()).isEqualTo(4);
                assertThat(messagesIn(sqs, queue)).as("messages in the queue after an injected send").isZero();
                assertThat(sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(0)).messages()).isEmpty();
            }
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("hello"));
            assertThat(sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(0)).messages())
                    .extracting(m -> m.body()).containsExactly("hello");
        }
    }

    @Test
    void asyncClientIsThrottledTheSameWay() {
        SdkFixture fixture = new SdkFixture(endpoint).instrumentedFor(runtime, null);
        try (SqsAsyncClient sqs = fixture.build(SqsAsyncClient.builder())) {
            String queue = sqs.createQueue(b -> b.queueName("q-async")).join().queueUrl();
            fixture.retries.clear();
            try (ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("sqs")
                    .operations("SendMessage").fault(ApiFault.throttle()).build())) {
                assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(queue).messageBody("x")).join())
                        .isInstanceOf(CompletionException.class)
                        .cause()
                        .isExactlyInstanceOf(RequestThrottledException.class);
                assertThat(fixture.retries.last()).isEqualTo(3);
                assertThat(armed.injectedFaults()).isEqualTo(4);
            }
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(queue)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join().attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
        }
    }

    private static int messagesIn(SqsClient sqs, String queue) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
