package dev.fisengine.engine.functional;

import static dev.fisengine.engine.fixtures.Templates.arm;
import static dev.fisengine.engine.fixtures.Templates.template;
import static dev.fisengine.engine.fixtures.Templates.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentLogSink;
import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.api.model.LogConfiguration;
import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionMonitor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.LogDestinationContext;
import dev.fisengine.api.spi.LogDestinationProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.engine.Deadlines;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.fixtures.Engines;
import dev.fisengine.engine.fixtures.Templates;
import dev.fisengine.engine.plugins.Plugins;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The experiment log delivered to the template's {@code logConfiguration} destinations
 * ({@link LogDestinationProvider}) — in order, flushed at the end, never fatal, a hung destination abandoned — and an
 * action's state following its {@link ActionMonitor}, on the engine's manual clock.
 */
class LogDestinationAndMonitorTest {
    private static final LogConfiguration CLOUDWATCH = new LogConfiguration(
            new LogConfiguration.CloudWatchLogsConfiguration(
                    "arn:aws:logs:us-east-1:123456789012:log-group:fis-logs:*"), null, 2);

    private final Engines env = new Engines();
    private FisEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private FisEngine engine(Deadlines deadlines, LogDestinationProvider destination, ActionProvider... actions) {
        Plugins.Builder plugins = Plugins.builder().addAll(env.plugins());
        if (destination != null) {
            plugins.logDestination(destination);
        }
        for (ActionProvider a : actions) {
            plugins.action(a);
        }
        engine = env.builder().plugins(plugins.build())
                .options(Engines.testOptions().deadlines(deadlines).build()).build();
        return engine;
    }

    private static CreateExperimentTemplateRequest withLog(Templates t, LogConfiguration log) {
        CreateExperimentTemplateRequest r = t.build();
        return new CreateExperimentTemplateRequest(r.clientToken(), r.description(), r.targets(), r.actions(),
                r.stopConditions(), r.roleArn(), r.tags(), log, r.experimentOptions(),
                r.experimentReportConfiguration());
    }

    private String run(Templates t, LogConfiguration log) {
        String id = engine.startExperiment(engine.createExperimentTemplate(withLog(t, log)).id()).id();
        env.clock.awaitIdle();
        return id;
    }

    /** A destination that records what it gets, optionally failing to open or hanging on its first record. */
    static final class Destination implements LogDestinationProvider {
        final List<LogDestinationContext> opened = new CopyOnWriteArrayList<>();
        final List<ExperimentLogRecord> records = new CopyOnWriteArrayList<>();
        final List<String> closedAfter = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        String openFailure;
        CountDownLatch hang;

        @Override
        public String destination() {
            return CLOUDWATCH_LOGS;
        }

        @Override
        public ExperimentLogSink open(LogDestinationContext context) {
            opened.add(context);
            if (openFailure != null) {
                throw new IllegalStateException(openFailure);
            }
            return new Sink();
        }

        final class Sink implements ExperimentLogSink, AutoCloseable {
            @Override
            public void accept(ExperimentLogRecord record) {
                calls.incrementAndGet();
                if (hang != null) {
                    try {
                        hang.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                records.add(record);
            }

            @Override
            public void close() {
                closedAfter.add(records.isEmpty() ? "nothing" : records.get(records.size() - 1).logType());
            }
        }
    }

    @Test
    void theDestinationGetsEveryRecordInOrderAndIsClosedAfterExperimentEnd() {
        Destination d = new Destination();
        engine(Deadlines.defaults(), d);
        String id = run(template().action("wait", waitFor("PT1M")), CLOUDWATCH);
        env.clock.advance(Duration.ofMinutes(1));
        Experiment e = engine.awaitExperiment(id, Duration.ofSeconds(10));

        assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(d.opened).hasSize(1);
        assertThat(d.opened.get(0).experimentId()).isEqualTo(id);
        assertThat(d.opened.get(0).configuration()).isEqualTo(CLOUDWATCH);
        assertThat(d.records).isEqualTo(env.recorder.records(id));
        assertThat(d.records).extracting(ExperimentLogRecord::logType).startsWith("experiment-start")
                .endsWith("experiment-end");
        assertThat(d.closedAfter).containsExactly("experiment-end");
    }

    @Test
    void aTemplateWithoutLogConfigurationOpensNoDestination() {
        Destination d = new Destination();
        engine(Deadlines.defaults(), d);
        String id = run(template().action("wait", waitFor("PT1M")), null);
        env.clock.advance(Duration.ofMinutes(1));
        engine.awaitExperiment(id, Duration.ofSeconds(10));

        assertThat(d.opened).isEmpty();
    }

    @Test
    void aDestinationThatCannotOpenIsReportedAndTheExperimentCompletes() {
        Destination d = new Destination();
        d.openFailure = "log group fis-logs does not exist";
        engine(Deadlines.defaults(), d);
        String id = run(template().action("wait", waitFor("PT1M")), CLOUDWATCH);
        env.clock.advance(Duration.ofMinutes(1));
        Experiment e = engine.awaitExperiment(id, Duration.ofSeconds(10));

        assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(d.opened).hasSize(1);
        assertThat(d.records).isEmpty();
        assertThat(env.recorder.logTypes(id)).contains("experiment-end");
    }

    @Test
    void aHangingDestinationIsAbandonedOnceAndGetsNothingMore() {
        Destination d = new Destination();
        d.hang = new CountDownLatch(1);
        engine(Deadlines.defaults().toBuilder().listener(Duration.ofMillis(200)).build(), d);
        try {
            // No clock advance: the hung delivery thread stays tracked by the manual clock until released. The
            // action ends at once; awaitExperiment waits (real time) for every record to be delivered or abandoned.
            String id = engine.startExperiment(engine.createExperimentTemplate(withLog(
                    template().action("arm", arm("PT0S")), CLOUDWATCH)).id()).id();
            Experiment e = engine.awaitExperiment(id, Duration.ofSeconds(10));

            assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
            assertThat(env.recorder.logTypes(id)).as("the other sinks get every record")
                    .startsWith("experiment-start").endsWith("experiment-end");
            assertThat(d.calls.get()).as("called once, then left alone").isEqualTo(1);
        } finally {
            d.hang.countDown();
        }
    }

    /** An action whose state follows a scripted monitor, checked every 10 s; with or without a duration. */
    static final class Followed implements ActionProvider {
        final Queue<Object> script = new ArrayDeque<>();
        final AtomicInteger checks = new AtomicInteger();
        final AtomicInteger reverts = new AtomicInteger();
        private final boolean withDuration;

        Followed() {
            this(true);
        }

        Followed(boolean withDuration) {
            this.withDuration = withDuration;
        }

        @Override
        public ActionDescriptor descriptor() {
            ActionDescriptor.Builder b = ActionDescriptor.builder(withDuration ? "fisengine:test:followed"
                    : "fisengine:test:followed-until-done").description("Follows a scripted monitor.");
            if (withDuration) {
                b.parameter(ParameterDescriptor.builder("duration", ParameterFormat.DURATION)
                        .description("At most this long.").build()).durationParameter("duration");
            }
            return b.build();
        }

        @Override
        public void start(ActionContext context) {
            context.onRevert(reverts::incrementAndGet);
            context.monitor(Duration.ofSeconds(10), () -> {
                checks.incrementAndGet();
                Object next;
                synchronized (script) {
                    next = script.isEmpty() ? ActionMonitor.Result.running() : script.poll();
                }
                if (next instanceof RuntimeException e) {
                    throw e;
                }
                return (ActionMonitor.Result) next;
            });
        }
    }

    private static ExperimentTemplateAction followed(String duration) {
        return new ExperimentTemplateAction("fisengine:test:followed", null, Map.of("duration", duration), null,
                null);
    }

    @Test
    void aMonitoredActionCompletesWhenItsMonitorSaysSoBeforeItsDuration() {
        Followed f = new Followed();
        f.script.add(ActionMonitor.Result.running());
        f.script.add(ActionMonitor.Result.completed("command succeeded"));
        engine(Deadlines.defaults(), null, f);
        String id = run(template().action("follow", followed("PT10M")).action("after", waitFor("PT1M", "follow")),
                null);

        env.clock.advance(Duration.ofSeconds(10));
        env.clock.awaitIdle();
        assertThat(engine.getExperiment(id).actions().get("follow").state().status())
                .isEqualTo(ActionStatus.RUNNING);
        env.clock.advance(Duration.ofSeconds(10));
        env.clock.awaitIdle();

        Experiment e = engine.getExperiment(id);
        assertThat(e.actions().get("follow").state().status()).isEqualTo(ActionStatus.COMPLETED);
        assertThat(e.actions().get("after").state().status()).isEqualTo(ActionStatus.RUNNING);
        assertThat(f.checks.get()).isEqualTo(2);
        assertThat(f.reverts.get()).isEqualTo(1);
        env.clock.advance(Duration.ofMinutes(10));
        env.clock.awaitIdle();
        assertThat(f.checks.get()).as("no check after the action ended").isEqualTo(2);
    }

    @Test
    void aMonitoredActionWithoutADurationRunsUntilItsMonitorSaysItIsDone() {
        Followed f = new Followed(false);
        for (int i = 0; i < 5; i++) {
            f.script.add(ActionMonitor.Result.running());
        }
        f.script.add(ActionMonitor.Result.completed(null));
        engine(Deadlines.defaults(), null, f);
        String id = run(template().action("follow", new ExperimentTemplateAction("fisengine:test:followed-until-done",
                null, Map.of(), null, null)), null);

        env.clock.advance(Duration.ofSeconds(50));
        env.clock.awaitIdle();
        assertThat(engine.getExperiment(id).actions().get("follow").state().status()).isEqualTo(ActionStatus.RUNNING);
        env.clock.advance(Duration.ofSeconds(10));
        env.clock.awaitIdle();

        Experiment e = engine.getExperiment(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(f.checks.get()).isEqualTo(6);
        assertThat(e.actions().get("follow").endTime()).isEqualTo(e.startTime().plusSeconds(60));
    }

    @Test
    void aMonitoredActionFailsWhenItsMonitorSaysFailedAndTheExperimentFails() {
        Followed f = new Followed();
        f.script.add(ActionMonitor.Result.failed("command cmd-1 Failed on i-1"));
        engine(Deadlines.defaults(), null, f);
        String id = run(template().action("follow", followed("PT10M")), null);

        env.clock.advance(Duration.ofSeconds(10));
        env.clock.awaitIdle();

        Experiment e = engine.getExperiment(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(e.actions().get("follow").state().status()).isEqualTo(ActionStatus.FAILED);
        assertThat(e.actions().get("follow").state().reason()).isEqualTo("command cmd-1 Failed on i-1");
        assertThat(f.reverts.get()).isEqualTo(1);
    }

    @Test
    void aMonitorThatThrowsFailsTheAction() {
        Followed f = new Followed();
        f.script.add(new IllegalStateException("ListCommands: AccessDenied"));
        engine(Deadlines.defaults(), null, f);
        String id = run(template().action("follow", followed("PT10M")), null);

        env.clock.advance(Duration.ofSeconds(10));
        env.clock.awaitIdle();

        Experiment e = engine.getExperiment(id);
        assertThat(e.actions().get("follow").state().status()).isEqualTo(ActionStatus.FAILED);
        assertThat(e.actions().get("follow").state().reason()).contains("ListCommands: AccessDenied");
    }

    @Test
    void aMonitoredActionStillEndsWhenItsDurationElapses() {
        Followed f = new Followed();
        engine(Deadlines.defaults(), null, f);
        String id = run(template().action("follow", followed("PT25S")), null);

        env.clock.advance(Duration.ofSeconds(30));
        env.clock.awaitIdle();

        Experiment e = engine.getExperiment(id);
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(f.checks.get()).isEqualTo(2);
    }
}
