package dev.fisengine.api.spi;

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
