package dev.fisengine.engine.functional;

import dev.fisengine.api.spi.EngineStartHook;
import dev.fisengine.api.spi.FisRuntime;
import java.util.concurrent.atomic.AtomicInteger;

/** A start hook listed in the test class path's {@code META-INF/services}: counts its runs. */
public final class DiscoveredHook implements EngineStartHook {
    static final AtomicInteger RUNS = new AtomicInteger();

    @Override
    public void onEngineStart(FisRuntime runtime) {
        RUNS.incrementAndGet();
    }
}
