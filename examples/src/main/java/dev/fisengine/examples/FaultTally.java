package dev.fisengine.examples;

import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ArmedApiFault;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The engine's own count of injected faults: every {@link ArmedApiFault} the engine's {@link ApiFaultRegistry} has
 * armed, remembered after it is disarmed (its counters stay readable), summed. {@link #poll()} must be called more
 * often than faults are armed and disarmed (the live view polls every 100 ms; API-fault actions last seconds).
 * Thread-safe.
 */
final class FaultTally {
    private final ApiFaultRegistry registry;
    private final Set<ArmedApiFault> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    FaultTally(ApiFaultRegistry registry) {
        this.registry = registry;
    }

    /** Remembers the faults armed now and returns them. */
    synchronized List<ArmedApiFault> poll() {
        List<ArmedApiFault> armed = registry.armed();
        seen.addAll(armed);
        return armed;
    }

    /** Faults injected by every fault armed so far (polls first). */
    synchronized long injected() {
        poll();
        long sum = 0;
        for (ArmedApiFault f : seen) {
            sum += f.injectedFaults();
        }
        return sum;
    }

    /** Every fault armed so far, in no particular order. */
    synchronized List<ArmedApiFault> all() {
        return new ArrayList<>(seen);
    }
}
