package dev.fisengine.benchmarks;

import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.api.model.StopConditionSpec;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Quotas;
import dev.fisengine.engine.builtin.NoneStopConditionProvider;
import dev.fisengine.engine.builtin.WaitActionProvider;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine operations (not the SDK hot path).
 *
 * <ul>
 *   <li>{@code baselineThreadHandoff}: hand a task to a cached pool and spin until it ran — the floor of any
 *       asynchronous start;
 *   <li>{@code startToRunning}: {@code startExperiment} until the experiment is {@code running} (system clock, the
 *       engine's own workers: pending → initiating, stop-condition check, target resolution, action start on a
 *       worker); the experiment is stopped outside the measurement;
 *   <li>{@code startRunStop}: the same plus a synchronous {@code stopExperiment} (reverts done on return);
 *   <li>{@code baselineManualClockStep}: a {@link ManualClock} advancing over one task that hands work to a tracked
 *       pool — the clock's own cost per step;
 *   <li>{@code schedulingStep}: one step of a 20-action {@code startAfter} chain on a manual clock: the running
 *       action's duration elapses, it completes, the next one is started on a worker and runs.
 * </ul>
 *
 * The forked JVM silences the per-action INFO lines of {@code aws:fis:wait} (logger {@code dev.fisengine.action}), and
 * ended experiments are kept for one second only, so neither console output nor a growing heap is measured.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar EngineBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.log.dev.fisengine.action=warn")
public class EngineBenchmark {
    private static final String ROLE = "arn:aws:iam::123456789012:role/fis";

    static Plugins plugins() {
        return Plugins.builder().action(new WaitActionProvider()).stopCondition(new NoneStopConditionProvider())
                .build();
    }

    static EngineOptions.Builder options() {
        return EngineOptions.builder().shutdownHook(false).safetyLeverSwitch(false)
                .experimentRetention(Duration.ofSeconds(1)) // ended experiments are dropped, so the heap stays flat
                .quotas(Quotas.builder().activeExperiments(1_000_000).build());
    }

    static CreateExperimentTemplateRequest template(Map<String, ExperimentTemplateAction> actions) {
        return new CreateExperimentTemplateRequest(null, "benchmark", Map.of(), actions,
                List.of(new StopConditionSpec("none", null)), ROLE, null, null, null, null);
    }

    /** A system-clock engine with a one-action template (wait one hour). */
    @State(Scope.Benchmark)
    public static class SystemEngine {
        FisEngine engine;
        String templateId;
        String current;
        ExecutorService pool;

        @Setup(Level.Trial)
        public void setUp() {
            engine = FisEngine.builder().plugins(plugins()).options(options().build()).slf4jLog(false).build();
            templateId = engine.createExperimentTemplate(template(Map.of("wait", new ExperimentTemplateAction(
                    "aws:fis:wait", null, Map.of("duration", "PT1H"), null, null)))).id();
            pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "baseline-pool");
                t.setDaemon(true);
                return t;
            });
        }

        /** Stops the experiment the last invocation started (not measured). */
        @TearDown(Level.Invocation)
        public void stopCurrent() {
            if (current != null) {
                if (!engine.getExperiment(current).state().status().isTerminal()) {
                    engine.stopExperiment(current);
                }
                current = null;
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            engine.close();
            pool.shutdownNow();
        }
    }

    /**
     * A manual-clock engine running a chain of 20 one-minute waits. Stop conditions are polled hourly so that a
     * one-minute step is exactly one scheduling step.
     */
    @State(Scope.Benchmark)
    public static class ManualEngine {
        ManualClock clock;
        FisEngine engine;
        String templateId;
        String current;

        @Setup(Level.Trial)
        public void setUp() {
            clock = new ManualClock();
            engine = FisEngine.builder().clock(clock).plugins(plugins())
                    .options(options().stopConditionPollInterval(Duration.ofHours(1)).build()).slf4jLog(false)
                    .build();
            Map<String, ExperimentTemplateAction> chain = new LinkedHashMap<>();
            for (int i = 0; i < 20; i++) {
                chain.put("w" + i, new ExperimentTemplateAction("aws:fis:wait", null, Map.of("duration", "PT1M"),
                        null, i == 0 ? null : List.of("w" + (i - 1))));
            }
            templateId = engine.createExperimentTemplate(template(chain)).id();
        }

        /** Starts a new chain when the previous one has completed (not measured). */
        @Setup(Level.Invocation)
        public void refill() {
            if (current == null || engine.getExperiment(current).state().status().isTerminal()) {
                current = engine.startExperiment(templateId).id();
                clock.awaitIdle();
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            engine.close();
        }
    }

    /** A bare manual clock whose tasks hand work to a tracked pool, as the engine's timers do. */
    @State(Scope.Benchmark)
    public static class BareClock {
        ManualClock clock;
        ExecutorService pool;
        java.util.concurrent.Executor tracked;

        @Setup(Level.Trial)
        public void setUp() {
            clock = new ManualClock();
            pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "baseline-pool");
                t.setDaemon(true);
                return t;
            });
            tracked = clock.track(pool);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.shutdownNow();
        }
    }

    @Benchmark
    public boolean baselineThreadHandoff(SystemEngine s) {
        AtomicBoolean ran = new AtomicBoolean();
        s.pool.execute(() -> ran.set(true));
        while (!ran.get()) {
            Thread.onSpinWait();
        }
        return true;
    }

    @Benchmark
    public String startToRunning(SystemEngine s) {
        String id = s.engine.startExperiment(s.templateId).id();
        s.current = id;
        while (s.engine.getExperiment(id).state().status() != ExperimentStatus.RUNNING) {
            Thread.onSpinWait();
        }
        return id;
    }

    @Benchmark
    public ExperimentStatus startRunStop(SystemEngine s) {
        String id = s.engine.startExperiment(s.templateId).id();
        while (s.engine.getExperiment(id).state().status() != ExperimentStatus.RUNNING) {
            Thread.onSpinWait();
        }
        s.engine.stopExperiment(id);
        return s.engine.getExperiment(id).state().status();
    }

    @Benchmark
    public int baselineManualClockStep(BareClock s) {
        s.clock.schedule(s.clock.instant().plusSeconds(60), () -> s.tracked.execute(() -> { }));
        s.clock.advance(Duration.ofMinutes(1));
        return s.clock.runningWork();
    }

    @Benchmark
    public ExperimentStatus schedulingStep(ManualEngine s) {
        s.clock.advance(Duration.ofMinutes(1));
        return s.engine.getExperiment(s.current).state().status();
    }
}
