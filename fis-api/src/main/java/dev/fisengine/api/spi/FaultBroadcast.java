package dev.fisengine.api.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The faults armed in one engine, as data that other JVMs can apply: the publishing side of "many JVMs, one
 * experiment" ({@code fis serve}'s {@code GET /_fisengine/faults}). A fault-injecting plugin {@linkplain #publish
 * publishes} a fault when it arms it and {@linkplain #withdraw withdraws} it when it disarms; a transport
 * ({@code fis-server}) {@linkplain #listen listens}, streams the faults to the JVMs connected to it, and feeds their
 * counters back ({@link #report}). The payload is the plugin's own format (a single-line JSON object): neither this
 * class nor the transport interprets it. An engine component: {@link #of(FisRuntime)}.
 *
 * <p>Thread-safe. Listeners are called without any lock of this class held.
 */
public final class FaultBroadcast {

    /**
     * A published fault.
     *
     * @param id       unique within the engine, never reused
     * @param roleArns the principal roles it hits (empty: every client)
     * @param payload  the plugin's description of the fault, a single-line JSON object
     * @param gate     the fault's gate (the experiment's): a transport treats a fault whose gate is closed as withdrawn
     */
    public record Fault(long id, Set<String> roleArns, String payload, FaultGate gate) {
        public Fault {
            roleArns = Set.copyOf(roleArns);
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(gate, "gate");
        }

        /** Whether a JVM whose clients have the roles {@code roles} can be hit ({@code roles} empty: unknown, yes). */
        public boolean concerns(Collection<String> roles) {
            return roleArns.isEmpty() || roles.isEmpty() || roles.stream().anyMatch(roleArns::contains);
        }
    }

    /** Attempts matched and faults injected, summed over the connected JVMs that reported them. */
    public record Counters(long matchedCalls, long injectedFaults, int jvms) {
        public static final Counters NONE = new Counters(0, 0, 0);
    }

    /** A transport's view of the broadcast. */
    public interface Listener {
        /** A fault was published or withdrawn. Must return at once (schedule the work). */
        void changed();

        /**
         * {@code fault} was withdrawn: return once every connected JVM that had it has confirmed the disarm, or once the
         * listener's own time bound has passed (it states it). Called on the thread that withdraws, so that
         * {@code StopExperiment} returns only after connected JVMs stopped injecting.
         */
        void withdrawn(Fault fault);
    }

    /** The most roles {@link #remoteRoles()} keeps. */
    public static final int MAX_REMOTE_ROLES = 1000;

    private final Map<Long, Fault> faults = new LinkedHashMap<>();
    private final Map<Long, Map<String, long[]>> counters = new HashMap<>();
    private final Set<String> remoteRoles = new TreeSet<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private long nextId = 1;

    public FaultBroadcast() {}

    /** The broadcast of {@code runtime}'s engine, created on first use. */
    public static FaultBroadcast of(FisRuntime runtime) {
        return runtime.component(FaultBroadcast.class, r -> new FaultBroadcast());
    }

    /** Publishes a fault; connected JVMs arm it. Returns it, with its id (keep it to {@link #withdraw} it). */
    public Fault publish(Set<String> roleArns, String payload, FaultGate gate) {
        if (payload.indexOf('\n') >= 0 || payload.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("payload must be a single line");
        }
        Fault f;
        synchronized (this) {
            f = new Fault(nextId++, roleArns, payload, gate);
            faults.put(f.id(), f);
            counters.put(f.id(), new HashMap<>());
        }
        for (Listener l : listeners) {
            l.changed();
        }
        return f;
    }

    /**
     * Withdraws {@code fault}: returns once the listeners have delivered the disarm (each within its own bound), with
     * the final counters the connected JVMs reported for it. Idempotent ({@link Counters#NONE} the second time).
     */
    public Counters withdraw(Fault fault) {
        synchronized (this) {
            if (faults.remove(fault.id()) == null) {
                return Counters.NONE;
            }
        }
        for (Listener l : listeners) {
            l.changed();
        }
        for (Listener l : listeners) {
            try {
                l.withdrawn(fault);
            } catch (RuntimeException e) {
                // a transport's failure must not fail the revert that disarms; the JVMs' leases bound the rest
            }
        }
        synchronized (this) {
            return sum(counters.remove(fault.id()));
        }
    }

    /** The published faults, in publishing order. */
    public synchronized List<Fault> faults() {
        return new ArrayList<>(faults.values());
    }

    /**
     * Records the cumulative counters JVM {@code jvmId} reports for fault {@code faultId}. Returns false when the fault
     * is unknown (never published, or already withdrawn and its counters read).
     */
    public synchronized boolean report(long faultId, String jvmId, long matchedCalls, long injectedFaults) {
        Map<String, long[]> byJvm = counters.get(faultId);
        if (byJvm == null) {
            return false;
        }
        long[] c = byJvm.computeIfAbsent(jvmId, k -> new long[2]);
        c[0] = Math.max(c[0], matchedCalls); // cumulative: a late, older report never lowers the count
        c[1] = Math.max(c[1], injectedFaults);
        return true;
    }

    /** The counters reported so far for a published fault ({@link Counters#NONE} if unknown). */
    public synchronized Counters counters(long faultId) {
        return sum(counters.get(faultId));
    }

    /**
     * Records roles that clients of connected JVMs have (so experiments can tell that a role is not unknown); at most
     * {@value #MAX_REMOTE_ROLES} are kept.
     */
    public synchronized void addRemoteRoles(Collection<String> roleArns) {
        for (String r : roleArns) {
            if (remoteRoles.size() >= MAX_REMOTE_ROLES) {
                return;
            }
            remoteRoles.add(r);
        }
    }

    /** The roles connected JVMs declared so far. */
    public synchronized Set<String> remoteRoles() {
        return Set.copyOf(remoteRoles);
    }

    /** Adds a listener; closing the returned handle removes it. */
    public AutoCloseable listen(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    private static Counters sum(Map<String, long[]> byJvm) {
        if (byJvm == null || byJvm.isEmpty()) {
            return Counters.NONE;
        }
        long m = 0;
        long i = 0;
        for (long[] c : byJvm.values()) {
            m += c[0];
            i += c[1];
        }
        return new Counters(m, i, byJvm.size());
    }

    @Override
    public synchronized String toString() {
        return "FaultBroadcast[" + faults.size() + " fault(s), " + listeners.size() + " listener(s)]";
    }
}
