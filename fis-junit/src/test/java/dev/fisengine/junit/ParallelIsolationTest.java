package dev.fisengine.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fisengine.api.spi.ActionProvider;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Two test classes run concurrently (JUnit parallel execution, classes concurrent), each with its own experiment:
 * one throttles DynamoDB PutItem, the other injects nothing. A barrier makes both call PutItem while the throttle is
 * armed; only the first class's client is throttled. (If the classes did not overlap, the barrier would time out.)
 */
class ParallelIsolationTest {
    static LoopbackDynamoDb dynamo;
    static CyclicBarrier bothRunning;

    @BeforeAll
    static void server() {
        dynamo = new LoopbackDynamoDb();
    }

    @AfterAll
    static void stopServer() {
        dynamo.close();
    }

    @Test
    void concurrentClassesDoNotSeeEachOthersFaults() {
        bothRunning = new CyclicBarrier(2);
        Events events = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(Throttled.class), selectClass(Clean.class))
                .execute().testEvents();
        events.assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        assertThat(dynamo.calls("PutItem")).as("PutItem calls that reached the server: only the clean class's")
                .isEqualTo(1);
    }

    private static void putOrder(DynamoDbClient ddb) {
        ddb.putItem(b -> b.tableName("orders").item(Map.of("id", AttributeValue.fromS("o-1"))));
    }

    private static void together() throws Exception {
        bothRunning.await(30, TimeUnit.SECONDS);
    }

    @FisExperiment("templates/orders-throttle.json")
    static class Throttled {
        @FisPlugins
        static final ActionProvider THROTTLE = new ThrottleApiAction();

        @Test
        void putItemIsThrottled(FisExperimentRun run) throws Exception {
            try (DynamoDbClient ddb = run.instrument(dynamo.clientBuilder()).build()) {
                together();
                assertThatThrownBy(() -> putOrder(ddb)).isInstanceOfSatisfying(DynamoDbException.class,
                        e -> assertThat(e.isThrottlingException()).isTrue());
                together();
                assertThat(run.faultsInjected("dynamodb", "PutItem")).isEqualTo(1);
            }
        }
    }

    @FisExperiment("templates/wait.json")
    static class Clean {
        @FisPlugins
        static final ActionProvider THROTTLE = new ThrottleApiAction();

        @Test
        void putItemIsNot(FisExperimentRun run) throws Exception {
            try (DynamoDbClient ddb = run.instrument(dynamo.clientBuilder()).build()) {
                together();
                putOrder(ddb);
                together();
                assertThat(run.faultsInjected()).isZero();
                assertThat(run.apiFaultRegistry().isIdle()).isTrue();
            }
        }
    }
}
