package dev.fisengine.engine.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An experiment's actions as a {@code startAfter} DAG: which are ready to start, how many are active (against the
 * parallel-actions quota), whether all are done. Pure bookkeeping, confined to the run's mailbox.
 */
final class ActionGraph {
    private final Map<String, ActionRun> actions = new LinkedHashMap<>();
    private long startCounter;

    void add(ActionRun a) {
        actions.put(a.name, a);
    }

    Collection<ActionRun> all() {
        return actions.values();
    }

    /**
     * Defensive (validation rejects these): a problem with the graph as {@code {message, action}}, or {@code null}.
     */
    String[] problem() {
        for (ActionRun a : actions.values()) {
            for (String dep : a.startAfter) {
                if (!actions.containsKey(dep)) {
                    return new String[] {"Action '" + a.name + "' starts after unknown action '" + dep + "'.", a.name};
                }
            }
        }
        Set<String> done = new HashSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (ActionRun a : actions.values()) {
                if (!done.contains(a.name) && done.containsAll(a.startAfter)) {
                    done.add(a.name);
                    progress = true;
                }
            }
        }
        if (done.size() < actions.size()) {
            List<String> cyclic = new ArrayList<>(actions.keySet());
            cyclic.removeAll(done);
            return new String[] {"Actions " + cyclic + " wait for each other through startAfter (a cycle).",
                cyclic.get(0)};
        }
        return null;
    }

    /** Pending actions whose {@code startAfter} actions are all done, in template order. */
    List<ActionRun> ready() {
        List<ActionRun> out = new ArrayList<>();
        for (ActionRun a : actions.values()) {
            if (a.status == dev.fisengine.api.model.ActionStatus.PENDING && dependenciesDone(a)) {
                out.add(a);
            }
        }
        return out;
    }

    int activeCount() {
        int n = 0;
        for (ActionRun a : actions.values()) {
            if (a.isActive()) {
                n++;
            }
        }
        return n;
    }

    boolean allDone() {
        for (ActionRun a : actions.values()) {
            if (!a.isDone()) {
                return false;
            }
        }
        return true;
    }

    long nextStartOrder() {
        return ++startCounter;
    }

    /** The actions, latest started first (the order reverts are reported in). */
    List<ActionRun> latestStartedFirst() {
        List<ActionRun> byStart = new ArrayList<>(actions.values());
        byStart.sort(Comparator.comparingLong((ActionRun a) -> a.startOrder).reversed());
        return byStart;
    }

    private boolean dependenciesDone(ActionRun a) {
        for (String dep : a.startAfter) {
            ActionRun d = actions.get(dep);
            if (d == null || !d.isDone()) {
                return false;
            }
        }
        return true;
    }
}
