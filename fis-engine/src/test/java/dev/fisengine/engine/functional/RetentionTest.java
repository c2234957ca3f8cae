package dev.fisengine.engine.functional;

import static dev.fisengine.engine.fixtures.Templates.arm;
import static dev.fisengine.engine.fixtures.Templates.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.exception.ResourceNotFoundException;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.model.ExperimentSummary;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Page;
import dev.fisengine.engine.Quotas;
import dev.fisengine.engine.builtin.NoneStopConditionProvider;
import dev.fisengine.engine.fixtures.Engines;
import dev.fisengine.engine.fixtures.TestAction;
import dev.fisengine.engine.plugins.Plugins;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Ended experiments are kept by count (1,000 by default) and by age, so a process that runs experiments for weeks
 * keeps a bounded history; listing pages through it without copying it.
 */
class RetentionTest {
    private static final int EXPERIMENTS = 100_000;
    /**
     * Heap growth allowed after GC between 20,000 and 100,000 experiments. A leak of 300 bytes per experiment would be
     * 24 MB here; what is measured is noise of a few MB (G1's "used" after a full GC moves by whole regions).
     */
    private static final long FLAT_BOUND_BYTES = 16L * 1024 * 1024;

    @Test
    void memoryStaysFlatOverAHundredThousandExperiments() {
        AtomicLong starts = new AtomicLong();
        ActionProvider counting = new ActionProvider() { // keeps nothing per experiment, unlike TestAction
            @Override
            public ActionDescriptor descriptor() {
                return ActionDescriptor.builder(TestAction.ID).build();
            }

            @Override
            public void start(ActionContext context) {
                starts.incrementAndGet();
            }
        };
        Plugins plugins = Plugins.builder().action(counting).stopCondition(new NoneStopConditionProvider()).build();
        java.util.concurrent.atomic.LongAdder delivered = new java.util.concurrent.atomic.LongAdder();
        try (FisEngine engine = FisEngine.builder().plugins(plugins).slf4jLog(false).seed(3)
                .logSink(r -> delivered.increment()).listener(c -> delivered.increment()) // events go out too
                .options(Engines.testOptions().quotas(Quotas.defaults()).build()).build()) {
            String tid = engine.createExperimentTemplate(template().action("a", noParameters()).build()).id();
            long afterWarmUp = 0;
            long halfway = 0;
            String last = null;
            for (int i = 1; i <= EXPERIMENTS; i++) {
                last = engine.startExperiment(tid).id();
                assertThat(engine.awaitExperiment(last, Duration.ofSeconds(10)).state().status())
                        .isEqualTo(ExperimentStatus.COMPLETED);
                if (i == 20_000) {
                    afterWarmUp = usedHeapAfterGc();
                } else if (i == 60_000) {
                    halfway = usedHeapAfterGc();
                }
            }
            long atEnd = usedHeapAfterGc();
            System.out.printf("RetentionTest: heap used after GC at 20,000 / 60,000 / 100,000 experiments: "
                    + "%d / %d / %d KiB%n", afterWarmUp / 1024, halfway / 1024, atEnd / 1024);

            assertThat(engine.retainedExperiments()).isEqualTo(1000);
            assertThat(engine.activeExperiments()).isZero();
            assertThat(atEnd - afterWarmUp).as("heap growth from 20,000 to %d experiments: %d KiB", EXPERIMENTS,
                    (atEnd - afterWarmUp) / 1024).isLessThan(FLAT_BOUND_BYTES);
            assertThat(engine.getExperiment(last).id()).isEqualTo(last);
            assertThat(starts.get()).isEqualTo(EXPERIMENTS);
            assertThat(delivered.sum()).isEqualTo(EXPERIMENTS * 8L); // 4 state changes and 4 records each, all delivered
        }
    }

    @Test
    void theOldestEndedExperimentsAreForgottenFirstAndByAge() {
        Engines env = new Engines();
        try (FisEngine engine = env.builder().options(Engines.testOptions().maxRetainedExperiments(3)
                .experimentRetention(Duration.ofDays(1)).build()).build()) {
            String tid = engine.createExperimentTemplate(template().action("a", arm(null)).build()).id();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(engine.startExperiment(tid).id());
                env.clock.awaitIdle();
            }
            assertThat(ids(engine.listExperiments())).containsExactlyElementsOf(ids.subList(2, 5));
            assertThatThrownBy(() -> engine.getExperiment(ids.get(0))).isInstanceOf(ResourceNotFoundException.class);

            Page<ExperimentSummary> first = engine.listExperiments(2, null, null);
            assertThat(ids(first)).containsExactly(ids.get(2), ids.get(3));
            assertThat(ids(engine.listExperiments(2, first.nextToken(), null))).containsExactly(ids.get(4));

            env.clock.advance(Duration.ofDays(1).plusSeconds(1));
            assertThat(engine.listExperiments().items()).isEmpty();
            assertThat(engine.retainedExperiments()).isZero();
        }
    }

    private static dev.fisengine.api.model.ExperimentTemplateAction noParameters() {
        return new dev.fisengine.api.model.ExperimentTemplateAction(TestAction.ID, null, null, null, null);
    }

    private static List<String> ids(Page<ExperimentSummary> page) {
        return page.items().stream().map(ExperimentSummary::id).toList();
    }

    /** The least heap in use over three full GCs (each one's figure moves by whole G1 regions). */
    private static long usedHeapAfterGc() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
