package dev.fisengine.engine.functional;

import static dev.fisengine.engine.fixtures.Templates.arm;
import static dev.fisengine.engine.fixtures.Templates.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.event.ExperimentListener;
import dev.fisengine.api.event.ExperimentLogSink;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.fixtures.Engines;
import dev.fisengine.engine.fixtures.FlagStopCondition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Listeners and log sinks may call any engine operation, including {@code stopExperiment} on the experiment they are
 * told about, at any state: no deadlock, no revival, terminal is final, and nothing is left scheduled or open.
 */
class ReentrantListenerTest {
    private static final String FLAG = "flag/production-error-rate";
    private final Engines env = new Engines();
    private final AtomicReference<FisEngine> engineRef = new AtomicReference<>();
    private FisEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @ParameterizedTest(name = "a listener stops the experiment when it is told it is {0}")
    @ValueSource(strings = {"pending", "initiating", "running", "stopping"})
    void aListenerThatStopsTheExperimentAtEachStateEndsItStoppedForGood(String at) {
        ExperimentListener stopper = change -> {
            if (change.detail().newState().status().equals(at)) {
                stopQuietly(change.detail().experimentId());
            }
        };
        engine = start(env.builder().listener(stopper).build());
        String id = startTheTemplate();
        if (at.equals("stopping")) { // someone else has to begin the stop for the listener to see "stopping"
            env.clock.awaitIdle();
            engine.stopExperiment(id);
        }

        assertEndedStoppedForGood(id);
    }

    @ParameterizedTest(name = "a log sink stops the experiment on its {0} record")
    @ValueSource(strings = {"experiment-start", "action-start"})
    void aLogSinkThatStopsTheExperimentOnARecordEndsItStoppedForGood(String logType) {
        ExperimentLogSink stopper = record -> {
            if (record.logType().equals(logType)) {
                stopQuietly(record.id());
            }
        };
        engine = start(env.builder().logSink(stopper).build());
        String id = startTheTemplate();

        assertEndedStoppedForGood(id);
    }

    @Test
    void aListenerMayCallEveryOtherOperationOnTheExperimentItIsToldAbout() {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ExperimentListener busy = change -> {
            try {
                FisEngine e = engineRef.get();
                String id = change.detail().experimentId();
                e.getExperiment(id);
                e.listExperiments();
                e.getSafetyLever(FisEngine.SAFETY_LEVER_ID);
                e.tagResource(e.getExperiment(id).arn(), java.util.Map.of("seen", change.detail().newState()
                        .status()));
                e.listExperimentResolvedTargets(id, null, null, null);
                e.awaitExperiment(id, Duration.ofMillis(1));
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        engine = start(env.builder().listener(busy).build());
        String id = startTheTemplate();
        env.clock.awaitIdle();
        engine.stopExperiment(id);
        env.clock.awaitIdle();

        assertThat(failure.get()).isNull();
        assertThat(engine.getExperiment(id).tags()).containsEntry("seen", "stopped");
    }

    private FisEngine start(FisEngine e) {
        engineRef.set(e);
        return e;
    }

    private String startTheTemplate() {
        String tid = engine.createExperimentTemplate(template().stopCondition(FlagStopCondition.SOURCE, FLAG)
                .action("fault", arm("PT10M")).build()).id();
        return engine.startExperiment(tid).id();
    }

    private void stopQuietly(String id) {
        try {
            engineRef.get().stopExperiment(id);
        } catch (ValidationException alreadyEnded) {
            // a second listener call after the end: the modeled error, not a revival
        }
    }

    private void assertEndedStoppedForGood(String id) {
        Experiment awaited = engine.awaitExperiment(id, Duration.ofSeconds(10));
        env.clock.awaitIdle();
        Experiment got = engine.getExperiment(id);

        assertThat(awaited.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(got).isEqualTo(awaited);
        assertThat(env.clock.pendingTasks()).as("timers left scheduled").isZero();
        assertThat(env.flags.closed()).as("monitors closed").isEqualTo(env.flags.opened());
        assertThat(env.action.armed()).isEmpty();
        List<String> types = env.recorder.logTypes(id);
        assertThat(types.get(types.size() - 1)).isEqualTo("experiment-end");
        assertThat(types).containsOnlyOnce("experiment-end");
        List<String> statuses = env.recorder.statuses(id);
        assertThat(statuses.get(statuses.size() - 1)).isEqualTo("stopped");
        assertThat(statuses).containsOnlyOnce("stopped");

        env.clock.advance(Duration.ofHours(13)); // past the 12 h limit: nothing of it is left to fire
        assertThat(engine.getExperiment(id)).isEqualTo(got);
        assertThat(env.recorder.statuses(id)).isEqualTo(statuses);
        assertThat(engine.activeExperiments()).isZero();
    }
}
