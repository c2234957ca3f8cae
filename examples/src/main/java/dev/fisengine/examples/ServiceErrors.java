package dev.fisengine.examples;

import java.util.concurrent.atomic.LongAdder;

/**
 * The errors an application saw, kept as an engine component so that a stop condition can read them: the
 * application registers one when it builds the engine and counts into it wherever it catches a failure,
 * <pre>{@code
 * ServiceErrors errors = new ServiceErrors();
 * FisEngine engine = FisEngine.builder().component(ServiceErrors.class, errors).build();
 * ...
 * catch (SdkException e) { errors.record(); ... }
 * }</pre>
 * and the {@code fisengine:demo:error-budget} stop condition ({@link ErrorBudgetStopConditionProvider}) gets it back
 * with {@code runtime.component(ServiceErrors.class, ...)}. Thread-safe.
 */
public final class ServiceErrors {
    private final LongAdder errors = new LongAdder();

    /** Counts one error the application saw. */
    public void record() {
        errors.increment();
    }

    /** Errors counted so far. */
    public long count() {
        return errors.sum();
    }

    @Override
    public String toString() {
        return "ServiceErrors[" + count() + "]";
    }
}
