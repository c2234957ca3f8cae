package dev.fisengine.junit;

import static dev.fisengine.testkit.FisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.InMemoryStopCondition;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The extension used as a user would: a template that throttles DynamoDB PutItem runs around each test, against a
 * real DynamoDB SDK client over HTTP to a loopback server, on the manual clock.
 */
@FisExperiment("templates/orders-throttle.json")
class OrdersThrottleTest {
    @FisPlugins
    static final ActionProvider THROTTLE = new ThrottleApiAction();

    private static LoopbackDynamoDb dynamo;
    private DynamoDbClient ddb;
    private Experiment afterTest;

    @BeforeAll
    static void server() {
        dynamo = new LoopbackDynamoDb();
    }

    @AfterAll
    static void stopServer() {
        dynamo.close();
    }

    @BeforeEach
    void client(FisExperimentRun run) {
        assertThat(run.isStarted()).as("started after @BeforeEach").isFalse();
        ddb = run.instrument(dynamo.clientBuilder()).build();
    }

    @AfterEach
    void close(FisExperimentRun run) {
        ddb.close();
        afterTest = run.experiment();
        assertThat(afterTest).hasEnded();
        assertThat(run.apiFaultRegistry().isIdle()).as("registry idle after the test").isTrue();
    }

    private void putOrder() {
        ddb.putItem(b -> b.tableName("orders").item(Map.of("id", AttributeValue.fromS("o-1"))));
    }

    private void getOrder() {
        ddb.getItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("o-1"))));
    }

    @Test
    void putItemIsThrottledWhileTheExperimentRunsAndOnlyPutItem(FisExperimentRun run) {
        assertThat(run.experiment()).isRunning().hasActionState("ThrottlePutItem", ActionStatus.RUNNING);
        int putsBefore = dynamo.calls("PutItem");

        assertThatThrownBy(this::putOrder).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.isThrottlingException()).isTrue();
            assertThat(e.statusCode()).isEqualTo(400);
        });
        getOrder();

        assertThat(dynamo.calls("PutItem")).as("PutItem calls that reached the server").isEqualTo(putsBefore);
        assertThat(run.faultsInjected("dynamodb", "PutItem")).isEqualTo(1);
        assertThat(run.faultsInjected("dynamodb", "GetItem")).isZero();
        assertThat(run.faultsInjected("sqs")).isZero();

        run.advance(Duration.ofMinutes(5));
        assertThat(run.experiment()).isCompleted();
        putOrder();
        assertThat(dynamo.calls("PutItem")).isEqualTo(putsBefore + 1);
        assertThat(run.faultsInjected()).as("counted after the fault was disarmed").isEqualTo(1);
        assertThat(run.apiFaults()).singleElement().satisfies(f -> {
            assertThat(f.rule().operations()).containsExactly("PutItem");
            assertThat(f.isArmed()).isFalse();
        });
        assertThat(run.log())
                .hasLogTypes("experiment-start", "action-start", "action-end", "experiment-end")
                .hasActionEnded("ThrottlePutItem", "completed")
                .experimentEndedWith("completed");
    }

    @Test
    void aTriggeredStopConditionEndsTheFaultEarly(FisExperimentRun run, InMemoryStopCondition switches,
            ManualClock clock, FisEngine engine) {
        assertThatThrownBy(this::putOrder).isInstanceOf(DynamoDbException.class);
        switches.trigger("orders-alarm", "orders error rate above 1%");
        clock.advance(Duration.ofSeconds(5));
        assertThat(engine.getExperiment(run.id())).isStopped().hasReasonContaining("orders error rate above 1%")
                .hasActionState("ThrottlePutItem", ActionStatus.STOPPED);
        putOrder();
        assertThat(run.log()).hasActionEnded("ThrottlePutItem", "stopped").experimentEndedWith("stopped");
    }

    @Test
    @FisExperiment(value = "templates/orders-throttle.json", start = StartMode.MANUAL)
    void theTestStartsTheExperimentWhenItIsReady(FisExperimentRun run) {
        putOrder();
        assertThatThrownBy(run::id).isInstanceOf(IllegalStateException.class).hasMessageContaining("run.start()");
        Experiment started = run.start();
        assertThat(started).isRunning();
        assertThatThrownBy(this::putOrder).isInstanceOf(DynamoDbException.class);
        assertThat(run.stop()).isStopped();
        putOrder();
        assertThat(run.faultsInjected("dynamodb", "PutItem")).isEqualTo(1);
        assertThatThrownBy(run::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
    }

    @Test
    @FisExperiment(value = "templates/orders-throttle.json", awaitCompletion = true)
    void theTestCanSeeTheOutcomeOnly(FisExperimentRun run, ManualClock clock) {
        assertThat(run.experiment()).isCompleted();
        assertThat(clock.instant()).isEqualTo(run.experiment().endTime());
        assertThat(Duration.between(run.experiment().startTime(), run.experiment().endTime()))
                .isEqualTo(Duration.ofMinutes(5));
        putOrder();
        assertThat(run.faultsInjected()).isZero();
    }

    @Test
    void theExtensionStopsWhatTheTestLeftRunning(FisExperimentRun run) {
        assertThat(run.experiment()).isRunning();
        assertThat(run.apiFaultRegistry().isIdle()).isFalse();
        // @AfterEach checks it ended and the registry is idle
    }
}
