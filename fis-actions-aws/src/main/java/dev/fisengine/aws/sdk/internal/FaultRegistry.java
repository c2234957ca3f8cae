package dev.fisengine.aws.sdk.internal;

import dev.fisengine.api.spi.FaultGate;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The implementation of {@link ApiFaultRegistry}: one volatile reference to an immutable {@link FaultIndex},
 * replaced copy-on-write by writers that synchronize on the registry.
 */
public final class FaultRegistry implements ApiFaultRegistry {
    private final String owner;
    private final FaultGate engineGate;
    private final List<ArmedRule> armed = new ArrayList<>();
    private volatile FaultIndex index = FaultIndex.EMPTY;
    private long sequence;

    /** A registry outside any engine: its gate is the process-wide kill switch only. */
    FaultRegistry(String owner) {
        this(owner, FaultGate.processWide());
    }

    FaultRegistry(String owner, FaultGate engineGate) {
        this.owner = owner;
        this.engineGate = Objects.requireNonNull(engineGate, "engineGate");
    }

    /** The registry of {@code runtime}, created on first use. */
    public static FaultRegistry of(FisRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
        ApiFaultRegistry r = runtime.component(ApiFaultRegistry.class, rt -> new FaultRegistry(rt.runtimeId(),
                rt.faultGate()));
        if (!(r instanceof FaultRegistry fr)) {
            throw new IllegalStateException("runtime " + runtime.runtimeId() + " has an ApiFaultRegistry component of "
                    + r.getClass().getName() + "; only the one fis-actions-aws creates is supported");
        }
        return fr;
    }

    /** The current snapshot: the hot path's single volatile read. */
    public FaultIndex current() {
        return index;
    }

    @Override
    public ArmedApiFault arm(ApiFaultRule rule) {
        return arm(rule, engineGate);
    }

    @Override
    public ArmedApiFault arm(ApiFaultRule rule, FaultGate gate) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(gate, "gate");
        FaultGate both = gate == engineGate ? gate : new BothGates(gate, engineGate);
        synchronized (this) {
            if (!both.isOpen()) {
                throw new IllegalStateException("Cannot arm " + rule.service() + " fault: " + both.closedReason());
            }
            ArmedRule r = new ArmedRule(this, rule, sequence++, both);
            armed.add(r);
            index = FaultIndex.of(armed);
            return r;
        }
    }

    synchronized void remove(ArmedRule rule) {
        if (armed.remove(rule)) {
            index = FaultIndex.of(armed);
        }
    }

    @Override
    public synchronized List<ArmedApiFault> armed() {
        return List.copyOf(armed);
    }

    @Override
    public boolean isIdle() {
        return index == FaultIndex.EMPTY;
    }

    /**
     * Disarms everything and, when zero-code clients are bound to this registry ({@code FisSdk.setDefaultRuntime}),
     * unbinds them: the engine closes its components when it closes, and a closed engine injects nothing.
     */
    @Override
    public void close() {
        DefaultBinding.clearIf(this);
        for (ArmedApiFault f : armed()) {
            f.close();
        }
    }

    /** A rule's gate when it is armed for an experiment: the experiment's and the engine's. */
    private record BothGates(FaultGate first, FaultGate second) implements FaultGate {
        @Override
        public boolean isOpen() {
            return first.isOpen() && second.isOpen();
        }

        @Override
        public String closedReason() {
            return !first.isOpen() ? first.closedReason() : second.closedReason();
        }
    }

    @Override
    public String toString() {
        return "ApiFaultRegistry[" + owner + ", armed=" + index.rules().size() + "]";
    }
}
