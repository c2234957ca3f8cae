package dev.fisengine.aws.sdk;

import dev.fisengine.api.spi.FaultGate;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.aws.sdk.internal.FaultRegistry;
import java.util.List;

/**
 * The API faults armed in one engine, consulted by every AWS SDK client instrumented for that engine
 * ({@link FisSdk#instrument}). One per engine: {@link #of(FisRuntime)} gets it from the engine's component store, so
 * two engines in one JVM never see each other's faults.
 *
 * <p>Arming publishes a new immutable snapshot indexed by (service, operation); disarming (closing the returned
 * {@link ArmedApiFault}) publishes one without the rule. When nothing is armed the SDK hook reads one volatile
 * reference and passes the call through untouched. Closing the registry (the engine does when it closes) disarms
 * everything. Not meant to be implemented outside this module.
 */
public interface ApiFaultRegistry extends AutoCloseable {

    /** The registry of {@code runtime}'s engine, created on first use. */
    static ApiFaultRegistry of(FisRuntime runtime) {
        return FaultRegistry.of(runtime);
    }

    /**
     * Arms {@code rule} under the engine's own gate ({@link FisRuntime#faultGate()}); see
     * {@link #arm(ApiFaultRule, FaultGate)}.
     */
    ArmedApiFault arm(ApiFaultRule rule);

    /**
     * Arms {@code rule}: from when this returns, every new attempt of a matching call is decided against it, and
     * hit only while {@code gate} is open (an experiment's {@code ActionContext.faultGate()}, closed by the engine the
     * moment the experiment starts stopping, the safety lever or kill switch is engaged, or the engine closes). The
     * rule's random source is seeded with {@link ApiFaultRule#seed()}.
     *
     * @throws IllegalStateException when {@code gate} (or the engine's own gate) is closed: nothing is armed
     */
    ArmedApiFault arm(ApiFaultRule rule, FaultGate gate);

    /** The armed faults, in the order they were armed. */
    List<ArmedApiFault> armed();

    /** Whether no fault is armed. */
    boolean isIdle();

    /** Disarms every armed fault. The registry stays usable. */
    @Override
    void close();
}
