package dev.fisengine.engine.functional;

import static dev.fisengine.engine.fixtures.Templates.arm;
import static dev.fisengine.engine.fixtures.Templates.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.fisengine.api.event.ExperimentListener;
import dev.fisengine.api.exception.ConflictException;
import dev.fisengine.api.exception.ServiceQuotaExceededException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.SafetyLeverStatus;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Quotas;
import dev.fisengine.engine.builtin.NoneStopConditionProvider;
import dev.fisengine.engine.builtin.WaitActionProvider;
import dev.fisengine.engine.fixtures.Engines;
import dev.fisengine.engine.fixtures.TestAction;
import dev.fisengine.engine.plugins.Plugins;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Starts, stops, tags and the safety lever racing from several threads, with listeners that call back into the
 * engine: nothing deadlocks (a watchdog fails the test and prints every thread if it does), every experiment ends,
 * every revert runs exactly once, nothing is left armed, and every active slot comes back — at FIS's default quota of
 * 5 active experiments, so that a leaked slot would show.
 */
class RaceAndDeadlockTest {
    private static final int THREADS = 4;
    private static final int OPERATIONS = 10_000;

    @Test
    void tenThousandRacingStartsStopsAndLeverOperationsLeaveNothingBehind() throws Exception {
        TestAction action = new TestAction();
        FisEngine engine = engine(action, List.of());
        List<String> templates = templates(engine);
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        CopyOnWriteArrayList<String> known = new CopyOnWriteArrayList<>();
        AtomicInteger quotaRejections = new AtomicInteger();
        AtomicInteger leverEngagements = new AtomicInteger();

        runWithWatchdog(THREADS, t -> () -> {
            Random random = new Random(t);
            for (int i = 0; i < OPERATIONS / THREADS; i++) {
                int dice = random.nextInt(100);
                if (dice < 55) {
                    try {
                        String id = engine.startExperiment(templates.get(random.nextInt(templates.size()))).id();
                        ids.add(id);
                        known.add(id);
                    } catch (ServiceQuotaExceededException full) {
                        quotaRejections.incrementAndGet();
                    }
                } else if (dice < 85 && !known.isEmpty()) {
                    try {
                        engine.stopExperiment(known.get(random.nextInt(known.size())));
                    } catch (ValidationException alreadyEnded) {
                        // fine
                    }
                } else if (dice < 88) {
                    try {
                        boolean engage = random.nextBoolean();
                        engine.updateSafetyLeverState(FisEngine.SAFETY_LEVER_ID,
                                engage ? SafetyLeverStatus.ENGAGED : SafetyLeverStatus.DISENGAGED, "race " + i);
                        if (engage) {
                            leverEngagements.incrementAndGet();
                        }
                    } catch (ConflictException engaging) {
                        // another thread is engaging it: fine
                    }
                } else if (!known.isEmpty()) {
                    engine.getExperiment(known.get(random.nextInt(known.size())));
                }
            }
            return null;
        });
        leverOff(engine);

        for (String id : ids) {
            Experiment e = engine.awaitExperiment(id, Duration.ofSeconds(30));
            assertThat(e.state().status().isTerminal()).as("%s is %s", id, e.state().status()).isTrue();
        }
        assertThat(engine.activeExperiments()).as("active slots after every experiment ended").isZero();
        assertThat(action.armed()).isEmpty();
        for (TestAction.Started s : action.starts()) {
            assertThat(action.revertCount(s.experimentId(), s.actionName()))
                    .as("reverts of %s/%s", s.experimentId(), s.actionName()).isEqualTo(1);
        }
        assertThat(action.revertCounts()).hasSize(action.starts().size());
        for (int i = 0; i < 5; i++) { // the quota's 5 slots are all free again
            assertThat(engine.startExperiment(templates.get(3)).state().status())
                    .isEqualTo(ExperimentStatus.INITIATING);
        }
        assertThat(ids).hasSizeGreaterThan(500);
        assertThat(quotaRejections.get()).as("the default quota was reached, so a leak would have shown")
                .isPositive();
        assertThat(leverEngagements.get()).isPositive();
        engine.close();
        assertThat(action.armed()).isEmpty();
    }

    @Test
    void listenersCallingTheEngineWhileOtherThreadsStartTagAndStopNeverDeadlock() throws Exception {
        AtomicReference<FisEngine> ref = new AtomicReference<>();
        AtomicInteger nestedStarts = new AtomicInteger();
        AtomicReference<Throwable> listenerFailure = new AtomicReference<>();
        ExperimentListener reentrant = change -> {
            FisEngine e = ref.get();
            String id = change.detail().experimentId();
            try {
                e.getSafetyLever(FisEngine.SAFETY_LEVER_ID);
                e.listExperimentTemplates();
                e.listExperiments();
                e.tagResource(e.getExperiment(id).arn(), Map.of("state", change.detail().newState().status()));
                if (change.detail().newState().status().equals("running") && nestedStarts.incrementAndGet() < 50) {
                    String tid = e.getExperiment(id).experimentTemplateId();
                    e.stopExperiment(e.startExperiment(tid).id());
                }
                if (change.detail().newState().status().equals("initiating") && id.hashCode() % 3 == 0) {
                    e.stopExperiment(id);
                }
            } catch (ValidationException | ServiceQuotaExceededException | ConflictException expected) {
                // ended meanwhile, quota full, lever engaging: modeled errors, fine
            } catch (IllegalStateException closed) {
                if (!e.isClosed()) { // events still delivered while the test closes the engine: a start is refused
                    listenerFailure.compareAndSet(null, closed);
                }
            } catch (Throwable t) {
                listenerFailure.compareAndSet(null, t);
            }
        };
        TestAction action = new TestAction();
        FisEngine engine = engine(action, List.of(reentrant));
        ref.set(engine);
        List<String> templates = templates(engine);
        CopyOnWriteArrayList<String> known = new CopyOnWriteArrayList<>();

        runWithWatchdog(THREADS, t -> () -> {
            Random random = new Random(100 + t);
            for (int i = 0; i < 300; i++) {
                int dice = random.nextInt(10);
                try {
                    if (dice < 4) {
                        known.add(engine.startExperiment(templates.get(random.nextInt(templates.size()))).id());
                    } else if (dice < 6 && !known.isEmpty()) {
                        String id = known.get(random.nextInt(known.size()));
                        engine.tagResource(engine.getExperiment(id).arn(), Map.of("t" + t, Integer.toString(i)));
                    } else if (dice < 9 && !known.isEmpty()) {
                        engine.stopExperiment(known.get(random.nextInt(known.size())));
                    } else {
                        engine.updateSafetyLeverState(FisEngine.SAFETY_LEVER_ID, random.nextBoolean()
                                ? SafetyLeverStatus.ENGAGED : SafetyLeverStatus.DISENGAGED, "t" + t);
                    }
                } catch (ValidationException | ServiceQuotaExceededException | ConflictException expected) {
                    // fine
                }
            }
            return null;
        });
        leverOff(engine);
        for (String id : known) {
            assertThat(engine.awaitExperiment(id, Duration.ofSeconds(30)).state().status().isTerminal()).isTrue();
        }
        engine.close();

        assertThat(listenerFailure.get()).isNull();
        assertThat(action.armed()).isEmpty();
        assertThat(nestedStarts.get()).isPositive();
    }

    private static FisEngine engine(TestAction action, List<ExperimentListener> listeners) {
        Plugins plugins = Plugins.builder().action(new WaitActionProvider()).action(action)
                .stopCondition(new NoneStopConditionProvider()).build();
        FisEngine.Builder b = FisEngine.builder().plugins(plugins).slf4jLog(false).seed(7)
                .options(Engines.testOptions().quotas(Quotas.defaults()).maxRetainedExperiments(100_000).build());
        listeners.forEach(b::listener);
        return b.build();
    }

    private static List<String> templates(FisEngine engine) {
        return List.of(
                engine.createExperimentTemplate(template().action("a", arm("PT0.002S")).build()).id(),
                engine.createExperimentTemplate(template().action("a", arm(null)).action("b", arm("PT0.001S", "a"))
                        .build()).id(),
                engine.createExperimentTemplate(template().action("p1", arm("PT0.003S")).action("p2",
                        arm("PT0.001S")).build()).id(),
                engine.createExperimentTemplate(template().action("long", arm("PT10S")).build()).id());
    }

    private static void leverOff(FisEngine engine) {
        for (int i = 0; i < 1000; i++) {
            try {
                engine.updateSafetyLeverState(FisEngine.SAFETY_LEVER_ID, SafetyLeverStatus.DISENGAGED, "done");
                return;
            } catch (ConflictException engaging) {
                Thread.onSpinWait();
            }
        }
        fail("the lever stayed engaging");
    }

    /** Runs one task per thread; fails with a dump of every thread if they do not finish in 90 s (a deadlock). */
    static void runWithWatchdog(int threads, java.util.function.IntFunction<Callable<Void>> task) throws Exception {
        ExecutorService drivers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(drivers.submit(task.apply(t)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            for (Future<Void> f : futures) {
                try {
                    f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    fail("Deadlock or hang: the drivers did not finish in 90 s.%n%s", threadDump());
                }
            }
        } finally {
            drivers.shutdownNow();
        }
    }

    private static String threadDump() {
        StringBuilder sb = new StringBuilder();
        long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        sb.append("deadlocked threads: ").append(deadlocked == null ? "none" : deadlocked.length).append('\n');
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            sb.append(info);
        }
        return sb.toString();
    }
}
