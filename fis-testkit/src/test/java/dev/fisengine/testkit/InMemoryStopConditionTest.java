package dev.fisengine.testkit;

import static dev.fisengine.testkit.FisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.validation.ValidationMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryStopConditionTest {
    private final TestEngines env = new TestEngines();

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void aTriggeredSwitchStopsTheExperimentAtTheNextPollWithItsReason() {
        String id = env.start(TestEngines.waitThenArm("PT10M", "7", InMemoryStopCondition.spec("orders-alarm")));
        env.clock.awaitIdle();
        env.clock.advance(Duration.ofMinutes(1));
        assertThat(env.engine.getExperiment(id)).isRunning();

        env.switches.trigger("orders-alarm", "p99 latency above 2 s");
        env.clock.advance(Duration.ofSeconds(5));

        Experiment stopped = env.engine.getExperiment(id);
        assertThat(stopped).isStopped()
                .hasReason("Experiment stopped by stop condition fisengine:test:switch (fisengine:test:switch/orders-alarm): "
                        + "p99 latency above 2 s")
                .hasActionState("Wait", ActionStatus.STOPPED).hasActionState("Arm", ActionStatus.CANCELLED);
        assertThat(env.switches.isTriggered("orders-alarm")).isTrue();
        assertThat(env.switches.openMonitors()).isZero();
    }

    @Test
    void aSwitchTriggeredBeforeTheStartPreventsIt() {
        env.switches.trigger("orders-alarm");
        String id = env.start(TestEngines.waitThenArm("PT10M", "7", InMemoryStopCondition.spec("orders-alarm")));
        env.clock.awaitIdle();
        assertThat(env.engine.getExperiment(id)).isStopped().hasReasonContaining("switch orders-alarm was triggered")
                .hasAllActionsInState(ActionStatus.CANCELLED);
    }

    @Test
    void aResetSwitchNoLongerTriggersAndOtherSwitchesAreIndependent() {
        env.switches.trigger("a");
        env.switches.reset("a");
        env.switches.trigger("b");
        String id = env.start(TestEngines.waitThenArm("PT1M", "7", InMemoryStopCondition.spec("a")));
        Experiment done = FisTestkit.advanceUntilEnded(env.engine, env.clock, id, Duration.ofHours(1));
        assertThat(done).isCompleted();
        assertThat(env.switches.checks("a")).isGreaterThan(1);
        assertThat(env.switches.checks("b")).isZero();
        env.switches.resetAll();
        assertThat(env.switches.isTriggered("b")).isFalse();
    }

    @Test
    void aSwitchThatCannotBeReadFailsTheExperimentAfterThreePolls() {
        String id = env.start(TestEngines.waitThenArm("PT10M", "7", InMemoryStopCondition.spec("flaky")));
        env.clock.awaitIdle();
        env.switches.failChecks("flaky", "metrics store unreachable");
        env.clock.advance(Duration.ofSeconds(10));
        assertThat(env.engine.getExperiment(id)).isRunning();
        env.clock.advance(Duration.ofSeconds(5));
        assertThat(env.engine.getExperiment(id)).isFailed().hasReasonContaining("metrics store unreachable");
    }

    @Test
    void namesAreCheckedWithClearMessages() {
        assertThatThrownBy(() -> env.switches.trigger("bad name", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("switch name \"bad name\"");
        assertThatThrownBy(() -> env.switches.trigger("ok", " ")).hasMessageContaining("reason");
        assertThatThrownBy(() -> env.engine.createExperimentTemplate(TestEngines.waitThenArm("PT1M", "7",
                new dev.fisengine.api.model.StopConditionSpec(InMemoryStopCondition.SOURCE,
                        "fisengine:test:switch/bad name"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("bad name")
                .hasMessageContaining("followed by a switch name");
        assertThat(InMemoryStopCondition.value("orders-alarm")).isEqualTo("fisengine:test:switch/orders-alarm");
        env.switches.trigger("fisengine:test:switch/orders-alarm");
        assertThat(env.switches.isTriggered("orders-alarm")).isTrue();
    }

    @Test
    void itIsAnEngineExtensionThatStrictAwsValidationRejects() {
        assertThat(new InMemoryStopCondition().descriptor().description()).contains("not available in AWS FIS");
        try (FisEngine strict = FisEngine.builder().clock(FisTestkit.manualClock())
                .options(EngineOptions.builder().shutdownHook(false).validationMode(ValidationMode.STRICT_AWS).build())
                .plugins(Plugins.builder().discover(getClass().getClassLoader())
                        .stopCondition(new InMemoryStopCondition()).build())
                .slf4jLog(false).build()) {
            assertThat(strict.validator().validate(TestEngines.waitThenArm("PT1M", "7",
                    InMemoryStopCondition.spec("s"))).errors())
                    .anySatisfy(f -> assertThat(f.message()).contains("\"fisengine:test:switch\"")
                            .contains("not one AWS FIS has"));
        }
    }

    @Test
    void triggersFromManyThreadsAreSafe() throws Exception {
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int n = t;
            Thread w = new Thread(() -> {
                try {
                    go.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 1000; i++) {
                    env.switches.trigger("s" + (i % 16), "thread " + n);
                    env.switches.isTriggered("s" + ((i + 1) % 16));
                    if (i % 3 == 0) {
                        env.switches.reset("s" + (i % 16));
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        go.countDown();
        for (Thread w : workers) {
            w.join(10_000);
            assertThat(w.isAlive()).isFalse();
        }
        for (int i = 0; i < 16; i++) {
            env.switches.trigger("s" + i, "final");
        }
        for (int i = 0; i < 16; i++) {
            assertThat(env.switches.isTriggered("s" + i)).isTrue();
        }
    }
}
