package dev.fisengine.aws.sdk.internal;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The interceptor the SDK adds to every client through
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}, for zero-code instrumentation. When the
 * switch ({@link AutoInstrument}) is off, every hook returns at once on a constant: it does nothing at all. When on,
 * it reports attempts for the process-wide default engine, like {@link FaultInterceptor} does for an explicit one.
 */
public final class GlobalFaultInterceptor implements ExecutionInterceptor {
    private static final boolean ENABLED = AutoInstrument.ENABLED;

    private final CallTargets.ViewCache views = new CallTargets.ViewCache(true);

    /** Created by the SDK, one per client. */
    public GlobalFaultInterceptor() {
        if (ENABLED) {
            RemoteSwitch.ensureStarted(); // FISENGINE_SDK_SERVER: the first client connects the JVM
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        if (!ENABLED) {
            return;
        }
        FaultIndex index = DefaultBinding.INSTANCE.current();
        if (index == FaultIndex.EMPTY) {
            return;
        }
        try {
            CallTargets.publish(views, index, context.request(), context.httpRequest(), executionAttributes);
        } catch (RuntimeException e) {
            HotPathLog.warn("recording the call for API fault injection failed; the call proceeds without faults", e);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
        if (!ENABLED) {
            return;
        }
        FaultIndex index = DefaultBinding.INSTANCE.current();
        if (index != FaultIndex.EMPTY) {
            if (index.tracksIterators) {
                RequestFilters.observe(context, executionAttributes);
            }
            checkMissed(executionAttributes);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
        if (ENABLED && DefaultBinding.INSTANCE.current() != FaultIndex.EMPTY) {
            checkMissed(executionAttributes);
        }
    }

    /**
     * A call an armed rule would have hit went out through an HTTP client that is not the FIS decorator: the client
     * was built with its own HTTP client, or before the SDK's HTTP service property named the FIS service. Counted,
     * and warned about once per client, so that an experiment does not silently hit nothing.
     */
    private void checkMissed(ExecutionAttributes attributes) {
        try {
            if (CallTargets.missed(attributes)) {
                ZeroCodeMisses.record(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), warned);
            }
        } catch (RuntimeException e) {
            HotPathLog.warn("checking zero-code coverage failed", e);
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean warned = new java.util.concurrent.atomic.AtomicBoolean();
}
