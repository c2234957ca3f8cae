package dev.fisengine.examples;

import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.StopConditionStatus;

/**
 * The stop condition {@code fisengine:demo:error-budget} (a template's {@code stopConditions[].source}): stops the
 * experiment as soon as the application has seen more errors, since the experiment started, than the budget in the
 * condition's {@code value}, {@code maxErrorsSinceStart=N}. (FIS requires a stop condition's value to be 20 to 2048
 * characters long, so the budget is spelled out rather than a bare number.)
 * <pre>{@code
 * "stopConditions": [ { "source": "fisengine:demo:error-budget", "value": "maxErrorsSinceStart=5" } ]
 * }</pre>
 *
 * <p>It reads the engine's {@link ServiceErrors} component, which the application registers when it builds the engine
 * and counts into; an engine without one cannot open the condition, so the experiment fails at start with a message
 * that says so, rather than running unguarded. Found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.fisengine.api.spi.StopConditionProvider}); {@code Plugins.builder().stopCondition(new
 * ErrorBudgetStopConditionProvider())} registers it explicitly. The engine checks it once before the experiment starts
 * and then every {@code EngineOptions.stopConditionPollInterval}.
 *
 * <p>A template of your own? See "Writing your own stop condition" in {@code docs/demo.md}.
 */
public final class ErrorBudgetStopConditionProvider implements StopConditionProvider {
    /** The {@code source} this provider answers for. */
    public static final String SOURCE = "fisengine:demo:error-budget";

    private static final String VALUE_PREFIX = "maxErrorsSinceStart=";
    private static final String VALUE_PATTERN = VALUE_PREFIX + "[0-9]{1,9}";

    private static final StopConditionDescriptor DESCRIPTOR = new StopConditionDescriptor(SOURCE,
            "Stops the experiment when the application has seen more errors since the experiment started than the "
                    + "budget given as value.",
            true, VALUE_PATTERN, "an error budget, maxErrorsSinceStart=N (a whole number of errors, e.g. "
                    + VALUE_PREFIX + "5)");

    @Override
    public StopConditionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public StopConditionMonitor open(StopConditionContext context) {
        long budget = budget(context.value());
        ServiceErrors errors = context.runtime().component(ServiceErrors.class, runtime -> {
            throw new IllegalStateException("stop condition " + SOURCE + " needs the application's error count: "
                    + "register a " + ServiceErrors.class.getName() + " with FisEngine.builder().component("
                    + "ServiceErrors.class, errors) and count into it");
        });
        long baseline = errors.count();
        return () -> {
            long seen = errors.count() - baseline;
            return seen > budget
                    ? StopConditionStatus.triggered(seen + " errors seen since the experiment started, more than the "
                            + "budget of " + budget)
                    : StopConditionStatus.ok();
        };
    }

    /** The budget in {@code value}; the validator has checked its form, but a monitor may be opened directly. */
    static long budget(String value) {
        if (value == null || !value.matches(VALUE_PATTERN)) {
            throw new IllegalArgumentException("stopConditions[].value of " + SOURCE + ": \"" + value
                    + "\" is not an error budget (" + VALUE_PREFIX + "N, a whole number of errors, e.g. "
                    + VALUE_PREFIX + "5)");
        }
        return Long.parseLong(value.substring(VALUE_PREFIX.length()));
    }

    @Override
    public String toString() {
        return "ErrorBudgetStopConditionProvider[" + SOURCE + "]";
    }
}
