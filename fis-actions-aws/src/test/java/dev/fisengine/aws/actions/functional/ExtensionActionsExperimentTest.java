package dev.fisengine.aws.actions.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.aws.actions.ApiFaultActions;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ArmedApiFault;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.FisTestkit;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The {@code fisengine:sdk:*} actions run from template JSON against ElasticMQ: each changes what a real SQS client
 * sees while the experiment runs, and nothing once its duration has elapsed. They need no {@code Roles} target (then
 * every client of the engine is hit) but honour one when given.
 */
@ExtendWith(ElasticMq.class)
class ExtensionActionsExperimentTest {
    private static final String ORDERS = "arn:aws:iam::123456789012:role/order-service";
    private static final String BILLING = "arn:aws:iam::123456789012:role/billing-service";
    private static final AtomicInteger QUEUES = new AtomicInteger();

    private static URI endpoint;
    private final ManualClock clock = new ManualClock();
    private FisEngine engine;
    private final List<SqsClient> clients = new ArrayList<>();

    @BeforeAll
    static void sqs(ElasticMq.Server sqs) {
        endpoint = sqs.endpoint();
    }

    @BeforeEach
    void engine() {
        engine = FisTestkit.engineBuilder(clock).slf4jLog(false).build();
    }

    @AfterEach
    void close() {
        clients.forEach(SqsClient::close);
        engine.close();
    }

    /** A one-action template: {@code actionId} with {@code parameters} (JSON members), Roles given or not. */
    static String template(String actionId, String parameters, String roleArn) {
        String targets = roleArn == null ? "{}" : """
                {"AppRole": {"resourceType": "aws:iam:role", "resourceArns": ["%s"], "selectionMode": "ALL"}}"""
                .formatted(roleArn);
        String actionTargets = roleArn == null ? "" : ", \"targets\": {\"Roles\": \"AppRole\"}";
        return """
                {
                  "description": "%s on sqs SendMessage",
                  "targets": %s,
                  "actions": {
                    "Fault": {
                      "actionId": "%s",
                      "parameters": {"service": "sqs", "operations": "SendMessage", "percentage": "100",
                                     "duration": "PT10M"%s}%s
                    }
                  },
                  "stopConditions": [{"source": "none"}],
                  "roleArn": "arn:aws:iam::123456789012:role/fis-experiments"
                }""".formatted(actionId, targets, actionId, parameters.isEmpty() ? "" : ", " + parameters,
                actionTargets);
    }

    private String start(String json) {
        String id = engine.startExperiment(engine.createExperimentTemplate(json).id()).id();
        clock.awaitIdle();
        assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.RUNNING);
        return id;
    }

    private void durationElapses(String id) {
        clock.advance(Duration.ofMinutes(10));
        assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(ApiFaultRegistry.of(engine).isIdle()).isTrue();
    }

    private SqsClient sqs(Clients c) {
        SqsClient client = c.build(SqsClient.builder());
        clients.add(client);
        return client;
    }

    private static String queue(SqsClient sqs) {
        return sqs.createQueue(b -> b.queueName("extension-" + QUEUES.incrementAndGet())).queueUrl();
    }

    private static void send(SqsClient sqs, String queue, String body) {
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
    }

    private static List<String> receive(SqsClient sqs, String queue) {
        return sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0)).messages()
                .stream().map(Message::body).toList();
    }

    private static Duration timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void latencyDelaysEveryClientOfTheEngineWhenNoRolesAreNamed() {
        SqsClient orders = sqs(Clients.of(endpoint, engine, ORDERS));
        SqsClient unnamed = sqs(Clients.of(endpoint, engine, null));
        String queue = queue(orders);
        String id = start(template(ApiFaultActions.INJECT_API_LATENCY,
                "\"delayMilliseconds\": \"300\", \"jitterMilliseconds\": \"20\"", null));

        assertThat(timed(() -> send(orders, queue, "slow 1"))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(timed(() -> send(unnamed, queue, "slow 2"))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        ArmedApiFault armed = ApiFaultRegistry.of(engine).armed().get(0);
        assertThat(armed.rule().roleArns()).as("no Roles target: every client").isEmpty();
        assertThat(armed.rule().fault()).isEqualTo(ApiFault.latency(Duration.ofMillis(300), Duration.ofMillis(20)));
        assertThat(armed.injectedFaults()).isEqualTo(2);
        assertThat(receive(orders, queue)).as("delayed calls still go through").containsExactlyInAnyOrder("slow 1",
                "slow 2");

        durationElapses(id);
        send(orders, queue, "after");
        assertThat(armed.injectedFaults()).isEqualTo(2);
    }

    @Test
    void errorAnswersWithTheGivenStatusCodeAndMessageOnlyForTheTargetRole() {
        Clients ordersClients = Clients.of(endpoint, engine, ORDERS);
        SqsClient orders = sqs(ordersClients);
        SqsClient billing = sqs(Clients.of(endpoint, engine, BILLING));
        String queue = queue(orders);
        String id = start(template(ApiFaultActions.INJECT_API_ERROR, "\"statusCode\": \"403\", \"errorCode\": "
                + "\"AccessDenied\", \"message\": \"not today\"", ORDERS));

        assertThatThrownBy(() -> send(orders, queue, "denied"))
                .isInstanceOf(SqsException.class)
                .hasMessageContaining("not today")
                .satisfies(e -> {
                    AwsServiceException ase = (AwsServiceException) e;
                    assertThat(ase.statusCode()).isEqualTo(403);
                    assertThat(ase.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(ase.isThrottlingException()).isFalse();
                });
        assertThat(ordersClients.retries.last()).as("a 403 is not retried").isZero();
        send(billing, queue, "billing");
        assertThat(receive(orders, queue)).containsExactly("billing");

        durationElapses(id);
        send(orders, queue, "after");
        assertThat(receive(orders, queue)).containsExactly("after");
    }

    @Test
    void errorWithTheDefaultMessageAndARetryableStatusIsRetried() {
        Clients c = Clients.of(endpoint, engine, ORDERS);
        SqsClient sqs = sqs(c);
        String queue = queue(sqs);
        start(template(ApiFaultActions.INJECT_API_ERROR, "\"statusCode\": \"500\", \"errorCode\": \"InternalError\"",
                null));

        assertThatThrownBy(() -> send(sqs, queue, "x"))
                .isInstanceOf(SqsException.class)
                .hasMessageContaining("Injected by FIS Engine")
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(500));
        assertThat(c.retries.last()).isEqualTo(3);
        assertThat(ApiFaultRegistry.of(engine).armed().get(0).injectedFaults()).isEqualTo(4);
    }

    @Test
    void connectionFailureSendsNothingAndIsRetried() {
        Clients c = Clients.of(endpoint, engine, ORDERS);
        SqsClient sqs = sqs(c);
        String queue = queue(sqs);
        String id = start(template(ApiFaultActions.INJECT_CONNECTION_FAILURE, "", ORDERS));

        assertThatThrownBy(() -> send(sqs, queue, "lost"))
                .isExactlyInstanceOf(SdkClientException.class)
                .hasRootCauseExactlyInstanceOf(ConnectException.class);
        assertThat(c.retries.last()).as("connection failures are retried").isEqualTo(3);
        assertThat(receive(sqs, queue)).as("nothing reached the queue").isEmpty();

        durationElapses(id);
        send(sqs, queue, "after");
        assertThat(receive(sqs, queue)).containsExactly("after");
    }
}
