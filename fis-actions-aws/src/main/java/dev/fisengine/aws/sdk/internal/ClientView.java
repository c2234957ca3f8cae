package dev.fisengine.aws.sdk.internal;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One client's view of one snapshot: which operations of the client's service some armed rule can hit. The
 * interceptors keep the last view and rebuild it when the snapshot (compared by identity with the registry's current
 * one, read on every attempt) or the client's service changes, so that an attempt no rule can hit costs a snapshot
 * read, an operation-name read and one hash lookup, and allocates nothing. The view only decides whether an attempt
 * is worth publishing; every injection is still decided by the rules of the current snapshot, each checking its
 * {@code live} flag and its fault gate (experiment stop, safety lever, kill switch) first.
 */
final class ClientView {
    final FaultIndex index;
    final String serviceName;
    final String endpointPrefix;
    final CallTarget.ServiceKeys keys;
    private final Set<String> operations;
    private final boolean allOperations;

    private ClientView(FaultIndex index, String serviceName, String endpointPrefix, CallTarget.ServiceKeys keys) {
        this.index = index;
        this.serviceName = serviceName;
        this.endpointPrefix = endpointPrefix;
        this.keys = keys;
        Set<String> ops = new HashSet<>();
        boolean all = index.operations(keys.key, ops);
        all |= index.operations(keys.alt, ops);
        this.operations = ops;
        this.allOperations = all;
    }

    /** The view of {@code index} for a client of this service, reusing {@code previous}'s keys when they fit. */
    static ClientView of(FaultIndex index, String serviceName, String endpointPrefix, ClientView previous) {
        CallTarget.ServiceKeys keys = previous != null && previous.keys.sameAs(serviceName, endpointPrefix)
                ? previous.keys : new CallTarget.ServiceKeys(serviceName, endpointPrefix);
        return new ClientView(index, serviceName, endpointPrefix, keys);
    }

    /** Whether this view was built for {@code index} and a client of {@code serviceName}. */
    boolean isFor(FaultIndex index, String serviceName) {
        return this.index == index && (this.serviceName == serviceName || Objects.equals(this.serviceName,
                serviceName));
    }

    /** Whether some rule of the snapshot names {@code operation} of the client's service (or all of them). */
    boolean hits(String operation) {
        return allOperations || operations.contains(operation);
    }
}
