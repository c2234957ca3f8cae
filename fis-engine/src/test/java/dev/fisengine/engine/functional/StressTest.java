package dev.fisengine.engine.functional;

import static dev.fisengine.engine.fixtures.Templates.arm;
import static dev.fisengine.engine.fixtures.Templates.template;
import static dev.fisengine.engine.fixtures.Templates.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Quotas;
import dev.fisengine.engine.builtin.NoneStopConditionProvider;
import dev.fisengine.engine.builtin.WaitActionProvider;
import dev.fisengine.engine.fixtures.Engines;
import dev.fisengine.engine.fixtures.TestAction;
import dev.fisengine.engine.plugins.Plugins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Thousands of experiments on system time, started and stopped from several threads at random moments: every one
 * ends in a terminal state, every armed fault is reverted exactly once, a returned stop leaves nothing of its
 * experiment armed, and nothing is armed at the end.
 */
class StressTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 500;

    @Test
    void experimentsStartedAndStoppedConcurrentlyAllEndAndRevertExactlyOnce() throws Exception {
        TestAction action = new TestAction().failing("f", "boom");
        Plugins plugins = Plugins.builder().action(new WaitActionProvider()).action(action)
                .stopCondition(new NoneStopConditionProvider()).build();
        FisEngine engine = FisEngine.builder().plugins(plugins).slf4jLog(false).seed(1)
                .options(Engines.testOptions().quotas(Quotas.builder().activeExperiments(100_000).build())
                        .maxRetainedExperiments(100_000).build())
                .build();
        List<String> templates = List.of(
                engine.createExperimentTemplate(template().action("a", arm("PT0.002S")).build()).id(),
                engine.createExperimentTemplate(template().action("a", arm(null)).action("b", arm("PT0.001S", "a"))
                        .action("c", waitFor("PT0.001S", "b")).build()).id(),
                engine.createExperimentTemplate(template().action("p1", arm("PT0.005S")).action("p2",
                        arm("PT0.003S")).action("p3", arm("PT0.004S")).action("f", arm(null, "p1")).build()).id(),
                engine.createExperimentTemplate(template().action("long", arm("PT10S")).build()).id());

        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> leftArmedAfterStop = new ConcurrentLinkedQueue<>();
        AtomicInteger stops = new AtomicInteger();
        ExecutorService drivers = Executors.newFixedThreadPool(THREADS);
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            work.add(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < PER_THREAD; i++) {
                    int which = random.nextInt(templates.size());
                    String id = engine.startExperiment(templates.get(which)).id();
                    ids.add(id);
                    if (which == 3 || random.nextInt(10) < 4) {
                        int spins = random.nextInt(3000);
                        for (int s = 0; s < spins; s++) {
                            Thread.onSpinWait();
                        }
                        try {
                            engine.stopExperiment(id);
                            stops.incrementAndGet();
                            String prefix = id + "/";
                            action.armed().stream().filter(k -> k.startsWith(prefix))
                                    .forEach(leftArmedAfterStop::add);
                        } catch (ValidationException alreadyEnded) {
                            // it finished before the stop: fine
                        }
                    }
                }
                return null;
            });
        }
        for (Future<Void> f : drivers.invokeAll(work)) {
            f.get(60, TimeUnit.SECONDS);
        }
        drivers.shutdown();

        Map<ExperimentStatus, Integer> byStatus = new EnumMap<>(ExperimentStatus.class);
        for (String id : ids) {
            Experiment e = engine.awaitExperiment(id, Duration.ofSeconds(20));
            assertThat(e.state().status().isTerminal()).as("%s is %s", id, e.state().status()).isTrue();
            byStatus.merge(e.state().status(), 1, Integer::sum);
        }
        engine.close();

        assertThat(ids).hasSize(THREADS * PER_THREAD);
        assertThat(leftArmedAfterStop).isEmpty();
        assertThat(action.armed()).isEmpty();
        assertThat(action.armCount()).isEqualTo(action.starts().size());
        for (TestAction.Started s : action.starts()) {
            assertThat(action.revertCount(s.experimentId(), s.actionName()))
                    .as("reverts of %s/%s", s.experimentId(), s.actionName()).isEqualTo(1);
        }
        assertThat(action.revertCounts()).hasSize(action.starts().size());
        assertThat(stops.get()).isGreaterThan(PER_THREAD);
        assertThat(byStatus).containsKeys(ExperimentStatus.COMPLETED, ExperimentStatus.STOPPED,
                ExperimentStatus.FAILED);
    }
}
