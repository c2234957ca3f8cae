package dev.fisengine.engine;

import static dev.fisengine.engine.fixtures.Templates.arm;
import static dev.fisengine.engine.fixtures.Templates.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.engine.fixtures.Engines;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Building and closing engines: components, the shutdown hook, the system-clock default. */
class EngineLifecycleTest {

    /** A component that counts how often it is created and closed. */
    static final class Pool implements AutoCloseable {
        static final AtomicInteger CREATED = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final FisRuntime runtime;

        Pool(FisRuntime runtime) {
            this.runtime = runtime;
            CREATED.incrementAndGet();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    record Settings(String name) {}

    @Test
    void componentsAreCreatedOncePerEngineAndClosedWithIt() {
        Engines env = new Engines();
        Settings settings = new Settings("custom");
        FisEngine engine = env.builder().component(Settings.class, settings).build();
        FisEngine other = env.builder().build();

        Pool a = engine.component(Pool.class, Pool::new);
        Pool b = engine.component(Pool.class, rt -> {
            throw new AssertionError("must not be called twice");
        });
        Pool c = other.component(Pool.class, Pool::new);

        assertThat(b).isSameAs(a);
        assertThat(c).isNotSameAs(a);
        assertThat(engine.component(Settings.class, rt -> new Settings("default"))).isSameAs(settings);
        assertThat(a.runtime).isNotInstanceOf(FisEngine.class);
        assertThat(a.runtime.runtimeId()).isEqualTo(engine.runtimeId()).isNotEqualTo(other.runtimeId());
        assertThat(a.runtime.clock()).isSameAs(env.clock);

        engine.close();
        engine.close();
        assertThat(a.closes).hasValue(1);
        assertThat(c.closes).hasValue(0);
        other.close();
        assertThat(c.closes).hasValue(1);
        assertThatThrownBy(() -> env.builder().component(Settings.class, settings).component(Settings.class,
                settings)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aComponentFactoryMayAskForAnotherComponent() {
        try (FisEngine engine = new Engines().build()) {
            Pool outer = engine.component(Pool.class, rt -> {
                rt.component(Settings.class, r -> new Settings("inner"));
                return new Pool(rt);
            });
            assertThat(outer).isNotNull();
            assertThat(engine.component(Settings.class, r -> new Settings("x")).name()).isEqualTo("inner");
        }
    }

    @Test
    void theShutdownHookStopsExperimentsAndCloseRemovesIt() {
        Engines env = new Engines();
        FisEngine engine = env.builder().options(Engines.testOptions().shutdownHook(true).build()).build();
        Thread hook = engine.shutdownHookThread();
        assertThat(hook).isNotNull();
        String tid = engine.createExperimentTemplate(template().action("fault", arm("PT10M")).build()).id();
        String id = engine.startExperiment(tid).id();
        env.clock.awaitIdle();

        hook.run(); // what the JVM would do at exit

        assertThat(env.action.armed()).isEmpty();
        assertThat(engine.getExperiment(id).state().reason())
                .isEqualTo("Experiment stopped because the JVM is shutting down.");
        FisEngine second = env.builder().options(Engines.testOptions().shutdownHook(true).build()).build();
        Thread secondHook = second.shutdownHookThread();
        second.close();
        assertThat(Runtime.getRuntime().removeShutdownHook(secondHook)).isFalse(); // already removed by close()
        assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isTrue(); // the hook path leaves it to the JVM
        assertThat(env.builder().build().shutdownHookThread()).isNull(); // testOptions: off
    }

    @Test
    void withoutAClockTheEngineRunsOnSystemTimeAndStopsItsTimerOnClose() {
        Engines env = new Engines();
        FisEngine engine = FisEngine.builder().plugins(env.plugins()).options(Engines.testOptions().build())
                .slf4jLog(false).build();
        try (engine) {
            String tid = engine.createExperimentTemplate(template().action("quick", arm("PT0.01S")).build()).id();
            String id = engine.startExperiment(tid).id();
            assertThat(engine.awaitExperiment(id, Duration.ofSeconds(10)).state().status())
                    .isEqualTo(ExperimentStatus.COMPLETED);
            assertThat(env.action.armed()).isEmpty();
        }
        assertThat(engine.clock().getClass().getSimpleName()).isEqualTo("SystemEngineClock");
    }
}
