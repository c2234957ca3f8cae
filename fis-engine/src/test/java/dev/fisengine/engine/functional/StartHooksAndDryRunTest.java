package dev.fisengine.engine.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.exception.ResourceNotFoundException;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.EngineStartHook;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.engine.Deadlines;
import dev.fisengine.engine.ExperimentPlan;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.fixtures.Engines;
import dev.fisengine.engine.fixtures.Templates;
import dev.fisengine.engine.fixtures.TestAction;
import dev.fisengine.engine.fixtures.ThingResolver;
import dev.fisengine.engine.plugins.Plugins;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Engine start hooks (run once, before the engine is handed out; a hook that hangs or throws cannot keep the engine
 * from starting) and dry runs (targets resolved, each action's plan asked, nothing started or armed).
 */
class StartHooksAndDryRunTest {
    private final Engines fx = new Engines();

    private FisEngine engineWith(Duration hookDeadline, EngineStartHook... hooks) {
        Plugins.Builder plugins = Plugins.builder().addAll(fx.plugins());
        for (EngineStartHook h : hooks) {
            plugins.startHook(h);
        }
        return fx.builder().plugins(plugins.build()).options(Engines.testOptions()
                .deadlines(Deadlines.defaults().toBuilder().startHook(hookDeadline).build()).build()).build();
    }

    /** Counts its runs and the runtime it saw. */
    static final class Counting implements EngineStartHook {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicReference<FisRuntime> runtime = new AtomicReference<>();

        @Override
        public void onEngineStart(FisRuntime r) {
            runs.incrementAndGet();
            runtime.set(r);
        }
    }

    @Test
    void aHookRunsOnceBeforeTheEngineIsHandedOutWithTheEnginesRuntime() {
        Counting hook = new Counting();
        try (FisEngine engine = engineWith(Duration.ofSeconds(5), hook)) {
            assertThat(hook.runs).hasValue(1); // done when build() returned
            assertThat(hook.runtime.get().runtimeId()).isEqualTo(engine.runtimeId());
            assertThat(hook.runtime.get()).as("a view, never the engine itself").isNotSameAs(engine);
        }
        assertThat(hook.runs).as("closing does not run it again").hasValue(1);
    }

    @Test
    void aHookThatHangsIsInterruptedAndAbandonedAtItsDeadlineAndTheEngineStartsAnyway() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        EngineStartHook hangs = new EngineStartHook() {
            @Override
            public String name() {
                return "hangs";
            }

            @Override
            public void onEngineStart(FisRuntime runtime) {
                try {
                    new CountDownLatch(1).await(); // forever, unless interrupted
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
            }
        };
        Counting other = new Counting();
        long t0 = System.nanoTime();
        try (FisEngine engine = engineWith(Duration.ofMillis(300), hangs, other)) {
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(tookMs).as("build() is bounded by the start-hook deadline (+ its margin)").isLessThan(2_300);
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the hung hook was interrupted").isTrue();
            assertThat(engine.abandonedPluginCalls()).isEqualTo(1);
            assertThat(other.runs).as("the other hook ran, in parallel").hasValue(1);
            String id = engine.startExperiment(engine.createExperimentTemplate(Templates.template()
                    .action("A", Templates.arm(null)).build()).id()).id();
            assertThat(engine.awaitExperiment(id, Duration.ofSeconds(10)).state().status())
                    .isEqualTo(ExperimentStatus.COMPLETED);
        }
    }

    @Test
    void aHookThatIgnoresItsInterruptDoesNotHoldTheEngineEither() {
        CountDownLatch release = new CountDownLatch(1);
        EngineStartHook stubborn = runtime -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (release.getCount() > 0 && System.nanoTime() < end) {
                Thread.interrupted(); // swallows every interrupt
                Thread.onSpinWait();
            }
        };
        long t0 = System.nanoTime();
        try (FisEngine engine = engineWith(Duration.ofMillis(200), stubborn)) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2_200);
            assertThat(engine.isClosed()).isFalse();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aHookThatThrowsIsReportedAndTheEngineStartsAnyway() {
        EngineStartHook throwing = runtime -> {
            throw new IllegalStateException("boom");
        };
        Counting other = new Counting();
        try (FisEngine engine = engineWith(Duration.ofSeconds(5), throwing, other)) {
            assertThat(other.runs).hasValue(1);
            assertThat(engine.abandonedPluginCalls()).isZero();
            assertThat(engine.listExperiments().items()).isEmpty();
        }
    }

    @Test
    void hooksAreFoundByServiceLoaderAndTheSameClassRunsOnce() {
        int before = DiscoveredHook.RUNS.get();
        Plugins plugins = Plugins.builder().discover(getClass().getClassLoader())
                .startHook(new DiscoveredHook()).build();
        assertThat(plugins.startHooks()).filteredOn(h -> h instanceof DiscoveredHook).hasSize(1);
        try (FisEngine engine = fx.builder().plugins(plugins).build()) {
            assertThat(DiscoveredHook.RUNS.get() - before).isEqualTo(1);
            assertThat(engine.plugins().startHooks()).hasSameElementsAs(plugins.startHooks());
        }
    }

    // ---------------------------------------------------------------------------------------------- dry runs

    /** Plans two calls; starting it would be a test failure. */
    static final class Planned implements ActionProvider {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicReference<ActionContext> seen = new AtomicReference<>();

        @Override
        public ActionDescriptor descriptor() {
            return ActionDescriptor.builder("fisengine:test:planned").description("planned")
                    .target(TargetKeyDescriptor.of("Things", ThingResolver.TYPE)).build();
        }

        @Override
        public void start(ActionContext context) {
            starts.incrementAndGet();
        }

        @Override
        public List<String> plan(ActionContext context) {
            seen.set(context);
            context.onRevert(() -> { }); // refused: a dry run registers nothing
            return List.of("never");
        }
    }

    @Test
    void aDryRunResolvesTargetsAndAsksEachActionItsPlanWithoutStartingAnything() {
        fx.things.add("a", Map.of("env", "test"), Map.of()).add("b", Map.of("env", "test"), Map.of());
        Planned planned = new Planned();
        ActionProvider planning = new ActionProvider() {
            @Override
            public ActionDescriptor descriptor() {
                return ActionDescriptor.builder("fisengine:test:stop").description("stops things")
                        .target(TargetKeyDescriptor.of("Things", ThingResolver.TYPE)).build();
            }

            @Override
            public void start(ActionContext context) {
                throw new AssertionError("a dry run must not start an action");
            }

            @Override
            public List<String> plan(ActionContext context) {
                assertThat(context.faultGate().isOpen()).isFalse();
                assertThat(context.experimentRoleArn()).contains(Templates.ROLE);
                return List.of("thing:Stop " + context.targets().get("Things").size() + " things");
            }
        };
        Plugins plugins = Plugins.builder().addAll(fx.plugins()).action(planning).action(planned).build();
        try (FisEngine engine = fx.builder().plugins(plugins).build()) {
            String template = engine.createExperimentTemplate(Templates.template()
                    .target("T", Templates.things("ALL", Map.of("env", "test"), null))
                    .target("Missing", Templates.thingArns("ALL", ThingResolver.arn("nope")))
                    .action("Stop", new dev.fisengine.api.model.ExperimentTemplateAction("fisengine:test:stop",
                            null, null, Map.of("Things", "T"), null))
                    .action("Arm", Templates.armOn("PT10M", "T", "Stop"))
                    .action("Bad", new dev.fisengine.api.model.ExperimentTemplateAction("fisengine:test:planned",
                            null, null, Map.of("Things", "T"), null))
                    .action("Orphan", Templates.armOn("PT1M", "Missing"))
                    .build()).id();

            ExperimentPlan plan = engine.planExperiment(template);

            assertThat(plan.targets()).extracting(ExperimentPlan.Target::name).containsExactly("T", "Missing");
            assertThat(plan.targets().get(0).resourceArns()).containsExactly(ThingResolver.arn("a"),
                    ThingResolver.arn("b"));
            assertThat(plan.targets().get(1).error()).contains("resources not found").contains("nope");
            Map<String, ExperimentPlan.Action> byName = new java.util.HashMap<>();
            plan.actions().forEach(a -> byName.put(a.name(), a));
            assertThat(byName.get("Stop").calls()).containsExactly("thing:Stop 2 things");
            assertThat(byName.get("Arm").startAfter()).containsExactly("Stop");
            assertThat(byName.get("Arm").calls()).singleElement().asString()
                    .startsWith("would start " + TestAction.ID + " with parameters {duration=PT10M, level=7} on "
                            + "targets Things=[" + ThingResolver.arn("a"));
            assertThat(byName.get("Bad").error()).contains("a dry run registers no revert step");
            assertThat(byName.get("Orphan").error()).contains("target 'Missing' (Things) did not resolve");
            assertThat(plan.ok()).isFalse();
            assertThat(plan.lines()).contains("target T (test:thing): 2 resolved",
                    "action Stop (fisengine:test:stop)", "  thing:Stop 2 things");

            assertThat(fx.action.starts()).isEmpty();
            assertThat(fx.action.armed()).isEmpty();
            assertThat(planned.starts).hasValue(0);
            assertThat(engine.listExperiments().items()).as("no experiment was created").isEmpty();
            assertThat(engine.activeExperiments()).isZero();
        }
    }

    @Test
    void aDryRunOfAnUnknownTemplateIsResourceNotFound() {
        try (FisEngine engine = fx.build()) {
            assertThatThrownBy(() -> engine.planExperiment("EXTnope")).isInstanceOf(ResourceNotFoundException.class);
        }
    }
}
