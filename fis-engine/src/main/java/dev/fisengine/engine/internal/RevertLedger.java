package dev.fisengine.engine.internal;

import dev.fisengine.api.spi.RevertStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The revert steps actions registered, per action, each handed out exactly once. Plugins register from their own
 * threads ({@code ActionContext.onRevert}), the run takes them on its mailbox: the ledger's own monitor guards it, and
 * no plugin code runs under it. A step registered after its action's steps were taken is refused, and the caller
 * runs it at once.
 */
final class RevertLedger {
    private final Map<ActionRun, List<RevertStep>> steps = new HashMap<>();
    private final Set<ActionRun> taken = new HashSet<>();

    /** Records {@code step}; {@code false} when the action's steps were already taken (run it now). */
    synchronized boolean register(ActionRun action, RevertStep step) {
        if (taken.contains(action)) {
            return false;
        }
        steps.computeIfAbsent(action, k -> new ArrayList<>()).add(step);
        return true;
    }

    /** Takes the action's steps, latest registered first; later registrations are refused. */
    synchronized List<RevertStep> take(ActionRun action) {
        taken.add(action);
        List<RevertStep> list = steps.remove(action);
        if (list == null) {
            return List.of();
        }
        List<RevertStep> out = new ArrayList<>(list.size());
        for (int i = list.size() - 1; i >= 0; i--) {
            out.add(list.get(i));
        }
        return out;
    }
}
