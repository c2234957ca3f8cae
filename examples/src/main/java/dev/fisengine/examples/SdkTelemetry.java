package dev.fisengine.examples;

import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * What one SDK client did, seen from the SDK itself: API calls and their {@code RetryCount} metric (a
 * {@link MetricPublisher}), and attempts answered with an injected fault (an {@link ExecutionInterceptor} that looks
 * for the {@code x-fisengine-fault} header every injected response carries). Register the same instance as both on
 * the client's {@code overrideConfiguration}. Never throws.
 */
final class SdkTelemetry implements ExecutionInterceptor, MetricPublisher {
    /** The header on every response the engine injected (its value names the fault, e.g. {@code throttle}). */
    static final String FAULT_HEADER = "x-fisengine-fault";

    private final LongAdder calls = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder injected = new LongAdder();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.increment();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (context.httpResponse().firstMatchingHeader(FAULT_HEADER).isPresent()) {
            injected.increment();
        }
    }

    @Override
    public void publish(MetricCollection metrics) {
        calls.increment();
        for (Integer n : metrics.metricValues(CoreMetric.RETRY_COUNT)) {
            retries.add(n);
        }
    }

    @Override
    public void close() {}

    /** API calls that ended (with a response or an exception). */
    long calls() {
        return calls.sum();
    }

    /** The sum of the calls' {@code RetryCount}: attempts the SDK's retry strategy made after a failed one. */
    long retries() {
        return retries.sum();
    }

    /** HTTP attempts sent (or answered by the engine). */
    long attempts() {
        return attempts.sum();
    }

    /** Attempts the engine answered with an injected fault. */
    long faultsInjected() {
        return injected.sum();
    }
}
