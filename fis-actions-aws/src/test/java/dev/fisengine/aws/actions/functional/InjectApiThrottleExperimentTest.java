package dev.fisengine.aws.actions.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentAction;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.aws.actions.internal.Seeds;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ArmedApiFault;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.ExperimentLogRecorder;
import dev.fisengine.testkit.FisTestkit;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.RequestThrottledException;

/**
 * {@code aws:fis:inject-api-throttle-error} run end to end from a template's JSON, against ElasticMQ with real SQS
 * clients: what the application sees while it runs, after its duration elapses (manual clock), after a stop, which
 * roles it hits, that engines stay apart, and that a seeded engine repeats its hits and misses.
 */
@ExtendWith(ElasticMq.class)
class InjectApiThrottleExperimentTest {
    static final String ORDERS = "arn:aws:iam::123456789012:role/order-service";
    static final String BILLING = "arn:aws:iam::123456789012:role/billing-service";
    static final String TEMPLATE = "dev/fisengine/aws/actions/functional/sqs-throttle-send-message.json";
    static final String ACTION = "ThrottleSendMessage";
    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static final int SENDS = 30;

    private static URI endpoint;
    private final List<FisEngine> engines = new ArrayList<>();
    private ExperimentLogRecorder recorder;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    static void sqs(ElasticMq.Server sqs) {
        endpoint = sqs.endpoint();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        engines.forEach(FisEngine::close);
    }

    private FisEngine engine(ManualClock clock, long seed) {
        recorder = new ExperimentLogRecorder();
        FisEngine engine = recorder.attachTo(FisTestkit.engineBuilder(clock)).seed(seed)
                .slf4jLog(false).build();
        engines.add(engine);
        return engine;
    }

    private SqsClient sqs(Clients clients) {
        SqsClient client = clients.build(SqsClient.builder());
        this.clients.add(client);
        return client;
    }

    private static String queue(SqsClient sqs) {
        return sqs.createQueue(b -> b.queueName("throttle-" + QUEUES.incrementAndGet())).queueUrl();
    }

    private static void send(SqsClient sqs, String queue, String body) {
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
    }

    private static List<String> receive(SqsClient sqs, String queue) {
        return sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0)).messages()
                .stream().map(Message::body).toList();
    }

    private static String startFromTemplate(FisEngine engine, String json) {
        String templateId = engine.createExperimentTemplate(json).id();
        return engine.startExperiment(templateId).id();
    }

    private static String templateJson() {
        return FisTestkit.resource(InjectApiThrottleExperimentTest.class, TEMPLATE);
    }

    @Test
    void sendMessageIsThrottledWhileTheExperimentRunsAndSucceedsOnceItsDurationElapsed() {
        ManualClock clock = new ManualClock();
        FisEngine engine = engine(clock, FisTestkit.DEFAULT_SEED);
        Clients orders = Clients.of(endpoint, engine, ORDERS);
        SqsClient sqs = sqs(orders);
        String queue = queue(sqs);
        send(sqs, queue, "before");

        String id = startFromTemplate(engine, templateJson());
        clock.awaitIdle();

        Experiment running = engine.getExperiment(id);
        assertThat(running.state().status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(running.actions().get(ACTION).state().status()).isEqualTo(ActionStatus.RUNNING);
        assertThatThrownBy(() -> send(sqs, queue, "during"))
                .isExactlyInstanceOf(RequestThrottledException.class)
                .satisfies(e -> {
                    AwsServiceException ase = (AwsServiceException) e;
                    assertThat(ase.isThrottlingException()).isTrue();
                    assertThat(ase.statusCode()).isEqualTo(400);
                    assertThat(ase.awsErrorDetails().errorCode()).isEqualTo("RequestThrottled");
                });
        assertThat(orders.retries.last()).as("the SDK retried the throttled call").isEqualTo(3);
        assertThat(receive(sqs, queue)).as("ReceiveMessage is not targeted; the throttled send left nothing")
                .containsExactly("before");

        ArmedApiFault armed = ApiFaultRegistry.of(engine).armed().get(0);
        assertThat(armed.rule().service()).isEqualTo("sqs");
        assertThat(armed.rule().operations()).containsExactly("SendMessage");
        assertThat(armed.rule().percentage()).isEqualTo(100.0);
        assertThat(armed.rule().roleArns()).containsExactly(ORDERS);
        assertThat(armed.rule().fault()).isEqualTo(ApiFault.throttle());
        assertThat(armed.rule().seed()).isEqualTo(Seeds.of(id, ACTION));
        assertThat(armed.injectedFaults()).isEqualTo(4);

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThatThrownBy(() -> send(sqs, queue, "almost")).isExactlyInstanceOf(RequestThrottledException.class);
        clock.advance(Duration.ofSeconds(1));

        Experiment done = engine.getExperiment(id);
        assertThat(done.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        ExperimentAction action = done.actions().get(ACTION);
        assertThat(action.state().status()).isEqualTo(ActionStatus.COMPLETED);
        assertThat(Duration.between(action.startTime(), action.endTime())).isEqualTo(Duration.ofMinutes(5));
        assertThat(armed.isArmed()).isFalse();
        assertThat(ApiFaultRegistry.of(engine).isIdle()).isTrue();
        send(sqs, queue, "after");
        assertThat(orders.retries.last()).isZero();
        assertThat(receive(sqs, queue)).containsExactly("after");
        assertThat(recorder.log(id).actionEnd(ACTION).orElseThrow().details()) // the counts, in the FIS log
                .containsEntry("attempts_matched", armed.matchedCalls())
                .containsEntry("faults_injected", armed.injectedFaults());
        assertThat(armed.injectedFaults()).isEqualTo(8);
    }

    @Test
    void stopExperimentDisarmsBeforeItReturns() {
        ManualClock clock = new ManualClock();
        FisEngine engine = engine(clock, FisTestkit.DEFAULT_SEED);
        SqsClient sqs = sqs(Clients.of(endpoint, engine, ORDERS));
        String queue = queue(sqs);
        String id = startFromTemplate(engine, templateJson());
        clock.awaitIdle();
        assertThatThrownBy(() -> send(sqs, queue, "during")).isExactlyInstanceOf(RequestThrottledException.class);
        ArmedApiFault armed = ApiFaultRegistry.of(engine).armed().get(0);

        engine.stopExperiment(id);

        assertThat(armed.isArmed()).isFalse();
        assertThat(ApiFaultRegistry.of(engine).isIdle()).isTrue();
        send(sqs, queue, "after stop");
        assertThat(receive(sqs, queue)).containsExactly("after stop");
        Experiment stopped = engine.getExperiment(id);
        assertThat(stopped.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(stopped.actions().get(ACTION).state().status()).isEqualTo(ActionStatus.STOPPED);
        assertThat(stopped.endTime()).as("no simulated time passed").isEqualTo(stopped.startTime());
    }

    @Test
    void onlyClientsOfTheTargetRoleAreHit() {
        ManualClock clock = new ManualClock();
        FisEngine engine = engine(clock, FisTestkit.DEFAULT_SEED);
        SqsClient orders = sqs(Clients.of(endpoint, engine, ORDERS));
        SqsClient billing = sqs(Clients.of(endpoint, engine, BILLING));
        SqsClient unnamed = sqs(Clients.of(endpoint, engine, null));
        String queue = queue(orders);
        startFromTemplate(engine, templateJson());
        clock.awaitIdle();

        assertThatThrownBy(() -> send(orders, queue, "orders")).isExactlyInstanceOf(RequestThrottledException.class);
        send(billing, queue, "billing");
        send(unnamed, queue, "default role");

        assertThat(receive(orders, queue)).containsExactlyInAnyOrder("billing", "default role");
        ArmedApiFault armed = ApiFaultRegistry.of(engine).armed().get(0);
        assertThat(armed.matchedCalls()).as("the other roles' attempts do not even match").isEqualTo(4);
        assertThat(armed.injectedFaults()).isEqualTo(4);
    }

    @Test
    void twoEnginesDoNotSeeEachOthersFaults() {
        ManualClock clock1 = new ManualClock();
        ManualClock clock2 = new ManualClock();
        FisEngine engine1 = engine(clock1, 1);
        FisEngine engine2 = engine(clock2, 2);
        SqsClient client1 = sqs(Clients.of(endpoint, engine1, ORDERS));
        SqsClient client2 = sqs(Clients.of(endpoint, engine2, ORDERS));
        String queue = queue(client1);

        String first = startFromTemplate(engine1, templateJson());
        clock1.awaitIdle();
        assertThatThrownBy(() -> send(client1, queue, "1")).isExactlyInstanceOf(RequestThrottledException.class);
        send(client2, queue, "2");
        assertThat(ApiFaultRegistry.of(engine2).isIdle()).isTrue();
        engine1.stopExperiment(first);

        startFromTemplate(engine2, templateJson());
        clock2.awaitIdle();
        send(client1, queue, "1 again");
        assertThatThrownBy(() -> send(client2, queue, "2 again")).isExactlyInstanceOf(RequestThrottledException.class);
        assertThat(ApiFaultRegistry.of(engine1).isIdle()).isTrue();
        assertThat(receive(client1, queue)).containsExactlyInAnyOrder("2", "1 again");
    }

    @Test
    void aSeededEngineRepeatsTheSameHitsAndMisses() {
        String half = templateJson().replace("\"percentage\": \"100\"", "\"percentage\": \"50\"");
        assertThat(half).contains("\"percentage\": \"50\"");

        Run first = runAtFiftyPercent(half, 7);
        Run second = runAtFiftyPercent(half, 7);
        Run other = runAtFiftyPercent(half, 8);

        assertThat(second.experimentId()).isEqualTo(first.experimentId());
        assertThat(second.seed()).isEqualTo(first.seed()).isEqualTo(Seeds.of(first.experimentId(), ACTION));
        assertThat(second.outcomes()).as("hits (true) and misses of single-attempt sends")
                .isEqualTo(first.outcomes())
                .contains(true, false);
        assertThat(other.seed()).as("another engine seed, another experiment id, another rule seed")
                .isNotEqualTo(first.seed());
    }

    private record Run(String experimentId, long seed, List<Boolean> outcomes) {}

    private Run runAtFiftyPercent(String json, long engineSeed) {
        ManualClock clock = new ManualClock();
        FisEngine engine = engine(clock, engineSeed);
        SqsClient sqs = sqs(Clients.of(endpoint, engine, ORDERS).maxAttempts(1));
        String queue = queue(sqs);
        String id = startFromTemplate(engine, json);
        clock.awaitIdle();
        List<Boolean> outcomes = new ArrayList<>();
        for (int i = 0; i < SENDS; i++) {
            try {
                send(sqs, queue, "m" + i);
                outcomes.add(false);
            } catch (RequestThrottledException e) {
                outcomes.add(true);
            }
        }
        ArmedApiFault armed = ApiFaultRegistry.of(engine).armed().get(0);
        assertThat(armed.matchedCalls()).isEqualTo(SENDS);
        assertThat(armed.injectedFaults()).isEqualTo(outcomes.stream().filter(b -> b).count());
        assertThat(Set.copyOf(armed.rule().roleArns())).containsExactly(ORDERS);
        long seed = armed.rule().seed();
        engine.stopExperiment(id);
        return new Run(id, seed, outcomes);
    }
}
