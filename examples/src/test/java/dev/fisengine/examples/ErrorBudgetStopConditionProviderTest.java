package dev.fisengine.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionStatus;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ErrorBudgetStopConditionProviderTest {
    private static final String SOURCE = ErrorBudgetStopConditionProvider.SOURCE;
    private final ErrorBudgetStopConditionProvider provider = new ErrorBudgetStopConditionProvider();

    @Test
    void triggersOnlyWhenErrorsSinceOpeningExceedTheBudget() throws Exception {
        ServiceErrors errors = new ServiceErrors();
        errors.record(); // before the experiment: not counted
        StopConditionMonitor monitor = provider.open(context("maxErrorsSinceStart=2", runtimeWith(errors)));

        assertThat(monitor.check()).isEqualTo(StopConditionStatus.ok());
        errors.record();
        errors.record();
        assertThat(monitor.check().triggered()).as("2 errors, budget 2").isFalse();
        errors.record();
        assertThat(monitor.check()).isEqualTo(StopConditionStatus.triggered(
                "3 errors seen since the experiment started, more than the budget of 2"));
    }

    @Test
    void aBudgetOfZeroStopsAtTheFirstError() throws Exception {
        ServiceErrors errors = new ServiceErrors();
        StopConditionMonitor monitor = provider.open(context("maxErrorsSinceStart=0", runtimeWith(errors)));
        assertThat(monitor.check().triggered()).isFalse();
        errors.record();
        assertThat(monitor.check().triggered()).isTrue();
    }

    @Test
    void badValueIsNamed() {
        assertThatThrownBy(() -> provider.open(context("5", runtimeWith(new ServiceErrors()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stopConditions[].value of fisengine:demo:error-budget: \"5\" is not an error budget "
                        + "(maxErrorsSinceStart=N, a whole number of errors, e.g. maxErrorsSinceStart=5)");
    }

    @Test
    void anEngineWithoutServiceErrorsCannotOpenIt() {
        FisRuntime none = runtimeWith(null);
        assertThatThrownBy(() -> provider.open(context("maxErrorsSinceStart=5", none)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("register a dev.fisengine.examples.ServiceErrors with FisEngine.builder()"
                        + ".component(ServiceErrors.class, errors)");
    }

    @Test
    void isDiscoveredByServiceLoader() {
        assertThat(Plugins.discovered().stopCondition(SOURCE)).get()
                .isInstanceOf(ErrorBudgetStopConditionProvider.class);
    }

    @Test
    void stopsARunningExperimentThroughTheEngine() {
        ManualClock clock = new ManualClock();
        ServiceErrors errors = new ServiceErrors();
        try (FisEngine engine = FisEngine.builder().clock(clock).slf4jLog(false)
                .plugins(Plugins.builder().discover(getClass().getClassLoader()).build())
                .options(EngineOptions.builder().stopConditionPollInterval(Duration.ofSeconds(1)).shutdownHook(false)
                        .build())
                .component(ServiceErrors.class, errors)
                .build()) {
            String template = engine.createExperimentTemplate(template("maxErrorsSinceStart=5")).id();
            String id = engine.startExperiment(template).id();
            clock.awaitIdle();
            assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.RUNNING);

            for (int i = 0; i < 5; i++) {
                errors.record();
            }
            clock.advance(Duration.ofSeconds(1));
            assertThat(engine.getExperiment(id).state().status()).as("5 errors: within budget")
                    .isEqualTo(ExperimentStatus.RUNNING);

            errors.record();
            clock.advance(Duration.ofSeconds(1));
            clock.awaitIdle();
            Experiment stopped = engine.getExperiment(id);
            assertThat(stopped.state().status()).isEqualTo(ExperimentStatus.STOPPED);
            assertThat(stopped.state().reason()).isEqualTo("Experiment stopped by stop condition "
                    + "fisengine:demo:error-budget (maxErrorsSinceStart=5): 6 errors seen since the experiment "
                    + "started, more than the budget of 5");
        }
    }

    @Test
    void engineFailsTheExperimentWhenNoServiceErrorsIsRegistered() {
        ManualClock clock = new ManualClock();
        try (FisEngine engine = FisEngine.builder().clock(clock).slf4jLog(false)
                .options(EngineOptions.builder().shutdownHook(false).build()).build()) {
            String id = engine.startExperiment(engine.createExperimentTemplate(template("maxErrorsSinceStart=5"))
                    .id()).id();
            clock.awaitIdle();
            Experiment failed = engine.getExperiment(id);
            assertThat(failed.state().status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(failed.state().reason()).contains(SOURCE).contains("ServiceErrors");
        }
    }

    @Test
    void validatorRejectsABareNumberAsValue() {
        try (FisEngine engine = FisEngine.builder().slf4jLog(false)
                .options(EngineOptions.builder().shutdownHook(false).build()).build()) {
            assertThatThrownBy(() -> engine.createExperimentTemplate(template("5")))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.findings())
                            .allSatisfy(f -> assertThat(f.path()).isEqualTo("/stopConditions/0/value"))
                            .isNotEmpty());
        }
    }

    private static String template(String value) {
        return """
                {"description": "error budget", "roleArn": "arn:aws:iam::123456789012:role/fis",
                 "actions": {"Wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT10M"}}},
                 "stopConditions": [{"source": "fisengine:demo:error-budget", "value": "%s"}]}
                """.formatted(value);
    }

    private static StopConditionContext context(String value, FisRuntime runtime) {
        return new StopConditionContext("EXP123", SOURCE, value, runtime);
    }

    /** A runtime whose only component is {@code errors} ({@code null}: none, so the factory runs). */
    private static FisRuntime runtimeWith(ServiceErrors errors) {
        return new FisRuntime() {
            @Override
            public String runtimeId() {
                return "test";
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public <T> T component(Class<T> type, Function<? super FisRuntime, ? extends T> factory) {
                return type == ServiceErrors.class && errors != null ? type.cast(errors) : factory.apply(this);
            }
        };
    }
}
