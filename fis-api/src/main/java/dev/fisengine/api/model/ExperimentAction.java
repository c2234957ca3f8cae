package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code ExperimentAction}: an action of a running or finished experiment, as {@code GetExperiment} shows it: the
 * template action (copied at start) plus its {@code state}, {@code startTime} and {@code endTime}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentAction(
        String actionId,
        String description,
        Map<String, String> parameters,
        Map<String, String> targets,
        List<String> startAfter,
        ExperimentActionState state,
        Instant startTime,
        Instant endTime) {
    public ExperimentAction {
        parameters = Copies.map(parameters);
        targets = Copies.map(targets);
        startAfter = Copies.list(startAfter);
    }
}
