package dev.fisengine.api.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one action type. Keyed by the FIS {@code actionId} (the template's {@code actions.*.actionId}), which
 * {@link ActionDescriptor#id()} gives. Found by {@link java.util.ServiceLoader} or registered explicitly.
 *
 * <p>Lifecycle: the engine calls {@link #start} on one of its worker threads when the action starts. The provider
 * arms its fault (or does its work) and registers {@link RevertStep}s. If the descriptor names a duration parameter,
 * the action stays running until that elapses; otherwise it completes when {@code start} returns. Then, or when the
 * experiment stops, the engine runs the revert steps. An exception from {@code start} fails the action with the
 * exception's message as reason, and the steps registered so far are still reverted.
 */
public interface ActionProvider {
    ActionDescriptor descriptor();

    /** Breaks ties when two providers claim one actionId: the higher order wins; equal orders fail at load. */
    default int order() {
        return 0;
    }

    void start(ActionContext context) throws Exception;

    /**
     * A dry run ({@code fis run --dry-run}, {@code FisEngine.planExperiment}): what {@link #start} would do with
     * this context, one human-readable line per call it would make (e.g. {@code ec2:StopInstances i-1,i-2}), without
     * doing any of it: no side effect, nothing armed, no revert step registered. The context's targets are resolved
     * as for a run. The default says which action would start with which parameters on which targets; providers
     * that call external systems override it with the exact calls.
     */
    default List<String> plan(ActionContext context) throws Exception {
        StringBuilder targets = new StringBuilder();
        for (Map.Entry<String, List<TargetResource>> e : context.targets().entrySet()) {
            List<String> arns = new ArrayList<>();
            e.getValue().forEach(r -> arns.add(r.arn()));
            targets.append(targets.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(arns);
        }
        return List.of("would start " + context.actionId() + " with parameters " + context.parameters()
                + (targets.length() == 0 ? " (no targets)" : " on targets " + targets));
    }

    /**
     * Checks of the action's parameters beyond what the {@link #descriptor()} expresses, run when a template is
     * validated ({@code fis validate}, {@code createExperimentTemplate}), for each action of this {@code actionId}
     * whose parameters passed the descriptor's checks. Findings are warnings ({@link ParameterFinding}). Must be
     * quick and free of side effects: the validator gives it a deadline (10 s) and reports a check that
     * throws or does not answer in time as a warning of its own. The default finds nothing.
     *
     * @param parameters the action's parameters as the template gives them
     */
    default List<ParameterFinding> validate(Map<String, String> parameters) {
        return List.of();
    }
}
