package dev.fisengine.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What an experiment would do, from a dry run ({@link FisEngine#planExperiment}, {@code fis run --dry-run}): its
 * targets resolved as for a run, and for each action the calls its provider says it would make
 * ({@link dev.fisengine.api.spi.ActionProvider#plan}). Nothing was started, armed or changed.
 *
 * @param experimentTemplateId the template
 * @param targets each target, in template order
 * @param actions each action, in template order
 */
public record ExperimentPlan(String experimentTemplateId, List<Target> targets, List<Action> actions) {
    public ExperimentPlan {
        targets = List.copyOf(targets);
        actions = List.copyOf(actions);
    }

    /**
     * One target as it resolved.
     *
     * @param name the template's target name
     * @param resourceType its resource type
     * @param resourceArns the resources selected (after filters and the selection mode)
     * @param error why it did not resolve, or {@code null}
     */
    public record Target(String name, String resourceType, List<String> resourceArns, String error) {
        public Target {
            resourceArns = List.copyOf(resourceArns);
        }
    }

    /**
     * One action and what it would call.
     *
     * @param name the template's action name
     * @param actionId its action type
     * @param startAfter the actions it would start after
     * @param calls what it would call, one line each
     * @param error why it could not be planned (no provider, a target that did not resolve, the provider's plan
     *     failed), or {@code null}
     */
    public record Action(String name, String actionId, List<String> startAfter, List<String> calls, String error) {
        public Action {
            startAfter = List.copyOf(startAfter);
            calls = List.copyOf(calls);
        }
    }

    /** Whether every target resolved and every action could be planned. */
    public boolean ok() {
        return targets.stream().allMatch(t -> t.error() == null) && actions.stream().allMatch(a -> a.error() == null);
    }

    /** The plan as text, one line each, as {@code fis run --dry-run} prints it. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Target t : targets) {
            out.add("target " + t.name() + " (" + t.resourceType() + "): " + (t.error() != null
                    ? "does not resolve: " + t.error() : t.resourceArns().size() + " resolved"));
            t.resourceArns().forEach(a -> out.add("  " + a));
        }
        for (Action a : actions) {
            out.add("action " + a.name() + " (" + a.actionId() + ")"
                    + (a.startAfter().isEmpty() ? "" : " after " + String.join(", ", a.startAfter()))
                    + (a.error() != null ? ": cannot run: " + a.error() : ""));
            a.calls().forEach(c -> out.add("  " + c));
        }
        return out;
    }
}
