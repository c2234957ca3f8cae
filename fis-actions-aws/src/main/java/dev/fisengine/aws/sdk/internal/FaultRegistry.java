package dev.fisengine.aws.sdk.internal;

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
    private final List<ArmedRule> armed = new ArrayList<>();
    private volatile FaultIndex index = FaultIndex.EMPTY;
    private long sequence;

    FaultRegistry(String owner) {
        this.owner = owner;
    }

    /** The registry of {@code runtime}, created on first use. */
    public static FaultRegistry of(FisRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
        ApiFaultRegistry r = runtime.component(ApiFaultRegistry.class, rt -> new FaultRegistry(rt.runtimeId()));
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
        Objects.requireNonNull(rule, "rule");
        synchronized (this) {
            ArmedRule r = new ArmedRule(this, rule, sequence++);
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

    @Override
    public void close() {
        for (ArmedApiFault f : armed()) {
            f.close();
        }
    }

    @Override
    public String toString() {
        return "ApiFaultRegistry[" + owner + ", armed=" + index.rules().size() + "]";
    }
}
