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
 * publishes the attempt's {@link CallTarget} when a rule can hit its operation, which the client's
 * {@link ClientView} of the current snapshot tells with one hash lookup.
 */
public class FaultInterceptor implements ExecutionInterceptor {
    private final FaultSource source;
    private final CallTargets.ViewCache views;

    /** An interceptor that may be added to clients of several services ({@code FisSdk.interceptor}). */
    public FaultInterceptor(FaultSource source) {
        this(source, false);
    }

    /**
     * @param singleClient whether this interceptor serves one client only (as {@code FisSdk.instrument} adds it), so
     *     that its view of the armed rules is kept per snapshot without reading the attempt's service
     */
    public FaultInterceptor(FaultSource source, boolean singleClient) {
        this.source = Objects.requireNonNull(source, "source");
        this.views = new CallTargets.ViewCache(singleClient);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        FaultIndex index = source.current();
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
     *
     * <p>Cost: the SDK's {@code overrideConfiguration(Consumer)} of a plugin rebuilds the whole override configuration,
     * which sets the client's execution attributes to an empty set that the SDK then merges into every request: 24
     * bytes per call (the view and the lambda of {@code ExecutionAttributes.putAbsentAttributes}). Handing the client a
     * fresh override configuration with only the interceptors set avoids it but also resets the client's resolved
     * retry strategy, so it is not done ({@code benchmarks/README.md}).
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
