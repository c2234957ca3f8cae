package dev.fisengine.aws.sdk.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the armed rules, indexed by service and then operation, so that a lookup costs two hash
 * lookups whatever the number of rules. {@link #EMPTY} is the shared idle snapshot: the hot path compares against it
 * by identity.
 */
public final class FaultIndex {
    /** The snapshot with no rule: the idle state. */
    public static final FaultIndex EMPTY = new FaultIndex(List.of());

    private static final ArmedRule[] NONE = new ArmedRule[0];

    /**
     * Service names a rule also answers to, where the IAM/FIS name is neither the client's endpoint prefix nor its SDK
     * service name (both of which every client is looked up by): IAM's {@code ses} covers SES v2, whose clients are
     * {@code email} / {@code sesv2}. An alias never names a second key of a client the rule already matches, so no
     * rule is decided twice for one attempt.
     */
    static final Map<String, List<String>> ALIASES = Map.of("ses", List.of("sesv2"));

    private final List<ArmedRule> rules;
    private final Map<String, ServiceRules> byService;
    /** Whether a rule filters Kinesis requests by stream, so the interceptors record shard iterators. */
    final boolean tracksIterators;

    private FaultIndex(List<ArmedRule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, List<ArmedRule>> grouped = new LinkedHashMap<>();
        for (ArmedRule r : this.rules) {
            grouped.computeIfAbsent(r.rule().service(), k -> new ArrayList<>()).add(r);
            for (String alias : ALIASES.getOrDefault(r.rule().service(), List.of())) {
                grouped.computeIfAbsent(alias, k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, ServiceRules> index = new HashMap<>();
        grouped.forEach((service, list) -> index.put(service, new ServiceRules(list)));
        this.byService = index;
        this.tracksIterators = this.rules.stream()
                .anyMatch(r -> r.rule().filter() instanceof dev.fisengine.aws.sdk.RequestFilter.KinesisStreams);
    }

    /** A snapshot of {@code rules} (in arming order); {@link #EMPTY} when there are none. */
    static FaultIndex of(List<ArmedRule> rules) {
        return rules.isEmpty() ? EMPTY : new FaultIndex(rules);
    }

    /** The rules that match {@code operation} of {@code serviceKey}, in arming order; an empty array if none. */
    public ArmedRule[] lookup(String serviceKey, String operation) {
        ServiceRules s = byService.get(serviceKey);
        return s == null ? NONE : s.forOperation(operation);
    }

    List<ArmedRule> rules() {
        return rules;
    }

    /**
     * Adds to {@code into} the operations of {@code serviceKey} that some rule names; returns whether a rule hits
     * every operation of it. For {@link ClientView}, built once per snapshot and client.
     */
    boolean operations(String serviceKey, java.util.Set<String> into) {
        ServiceRules s = serviceKey == null ? null : byService.get(serviceKey);
        if (s == null) {
            return false;
        }
        into.addAll(s.byOperation.keySet());
        return s.allOperations.length > 0;
    }

    private static final class ServiceRules {
        private final Map<String, ArmedRule[]> byOperation;
        private final ArmedRule[] allOperations;

        ServiceRules(List<ArmedRule> rules) {
            List<ArmedRule> wildcard = new ArrayList<>();
            Map<String, List<ArmedRule>> ops = new HashMap<>();
            for (ArmedRule r : rules) {
                if (r.rule().allOperations()) {
                    wildcard.add(r);
                    for (List<ArmedRule> l : ops.values()) {
                        l.add(r);
                    }
                } else {
                    for (String op : r.rule().operations()) {
                        ops.computeIfAbsent(op, k -> new ArrayList<>(wildcard)).add(r);
                    }
                }
            }
            Map<String, ArmedRule[]> frozen = new HashMap<>();
            ops.forEach((op, list) -> frozen.put(op, list.toArray(NONE)));
            this.byOperation = frozen;
            this.allOperations = wildcard.toArray(NONE);
        }

        ArmedRule[] forOperation(String operation) {
            ArmedRule[] r = byOperation.get(operation);
            return r != null ? r : allOperations;
        }
    }
}
