package dev.fisengine.aws.sdk.internal;

import java.util.Objects;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Tells the HTTP decorator which service and operation each attempt belongs to. Idle (nothing armed) each hook is
 * one volatile read and an identity check; armed, {@code beforeTransmission} (once per attempt, after signing)
 * publishes the attempt's {@link CallTarget}.
 */
public class FaultInterceptor implements ExecutionInterceptor {
    private final FaultSource source;
    private final CallTargets.ServiceKeysCache keys = new CallTargets.ServiceKeysCache();

    public FaultInterceptor(FaultSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        FaultIndex index = source.current();
        if (index == FaultIndex.EMPTY) {
            return;
        }
        try {
            CallTargets.publish(keys, index, context.request(), context.httpRequest(), executionAttributes);
        } catch (RuntimeException e) {
            HotPathLog.warn("recording the call for API fault injection failed; the call proceeds without faults", e);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
        FaultIndex index = source.current();
        if (index != FaultIndex.EMPTY) {
            if (index.tracksIterators) {
                RequestFilters.observe(context, executionAttributes);
            }
            CallTargets.clearSync();
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
        if (source.current() != FaultIndex.EMPTY) {
            CallTargets.clearSync();
        }
    }

    @Override
    public String toString() {
        return "FisFaultInterceptor[" + source + "]";
    }

    /**
     * Adds the interceptor when the client is built, after everything the application configured on the builder, so
     * that a later {@code overrideConfiguration(...)} cannot drop it.
     */
    public static final class Plugin implements SdkPlugin {
        private final FaultInterceptor interceptor;

        public Plugin(FaultInterceptor interceptor) {
            this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
        }

        @Override
        public void configureClient(SdkServiceClientConfiguration.Builder config) {
            config.overrideConfiguration(o -> o.addExecutionInterceptor(interceptor));
        }
    }
}
