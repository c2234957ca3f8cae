package dev.fisengine.guice.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.guice.FisEngineModule;
import dev.fisengine.guice.fixtures.FeatureFlagAction;
import dev.fisengine.guice.fixtures.FeatureFlags;
import dev.fisengine.guice.fixtures.Templates;
import dev.fisengine.guice.fixtures.TestOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A user's own action plugin, bound through Multibinder and built by Guice with the application's services, is
 * listed by the engine and runs in an experiment driven by a manual clock.
 */
class CustomActionExperimentTest {
    private final ManualClock clock = new ManualClock();
    private final Injector injector = Guice.createInjector(
            FisEngineModule.builder().options(TestOptions.options()).clock(clock).seed(1).slf4jLog(false).build(),
            new AbstractModule() {
                @Override
                protected void configure() {
                    FisEngineModule.actionBinder(binder()).addBinding().to(FeatureFlagAction.class);
                }
            });
    private final FisEngine engine = injector.getInstance(FisEngine.class);
    private final FeatureFlags flags = injector.getInstance(FeatureFlags.class);

    @AfterEach
    void close() {
        engine.close();
    }

    private String template(String duration) {
        return engine.createExperimentTemplate(Templates.oneAction("dark-launch", FeatureFlagAction.ID,
                "{\"flag\": \"dark-launch\", \"duration\": \"" + duration + "\"}")).id();
    }

    @Test
    void theBoundActionIsDescribedByTheEngine() {
        assertThat(engine.getAction(FeatureFlagAction.ID).parameters()).containsOnlyKeys("flag", "duration");
        assertThat(engine.validator().validateJson(Templates.oneAction("x", FeatureFlagAction.ID,
                "{\"duration\": \"PT1M\"}")).valid()).as("flag is required").isFalse();
    }

    @Test
    void theBoundActionRunsForItsDurationAndIsRevertedWhenItEnds() {
        String id = engine.startExperiment(template("PT5M")).id();
        clock.awaitIdle();

        Experiment running = engine.getExperiment(id);
        assertThat(running.state().status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(running.actions().get("dark-launch").state().status()).isEqualTo(ActionStatus.RUNNING);
        assertThat(flags.isEnabled("dark-launch")).as("the application's own flag service, from Guice").isTrue();

        clock.advance(Duration.ofMinutes(4));
        assertThat(flags.isEnabled("dark-launch")).isTrue();

        clock.advance(Duration.ofMinutes(1));
        Experiment done = engine.getExperiment(id);
        assertThat(done.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(done.actions().get("dark-launch").endTime()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds(300));
        assertThat(flags.isEnabled("dark-launch")).isFalse();
    }

    @Test
    void stoppingTheExperimentRevertsTheBoundAction() {
        String id = engine.startExperiment(template("PT1H")).id();
        clock.awaitIdle();
        assertThat(flags.isEnabled("dark-launch")).isTrue();

        engine.stopExperiment(id);

        assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(flags.isEnabled("dark-launch")).isFalse();
    }

    @Test
    void closingTheEngineRevertsWhatIsStillArmed() {
        engine.startExperiment(template("PT1H"));
        clock.awaitIdle();
        assertThat(flags.isEnabled("dark-launch")).isTrue();

        engine.close();

        assertThat(flags.isEnabled("dark-launch")).isFalse();
    }
}
