package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code Experiment}: what {@code StartExperiment}, {@code GetExperiment} and {@code StopExperiment} return. Its
 * targets, actions, stop conditions and options are the template's, copied when the experiment started (later
 * template edits do not change them). An immutable snapshot: fetch it again to see later states.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Experiment(
        String id,
        String arn,
        String experimentTemplateId,
        String roleArn,
        ExperimentState state,
        Map<String, ExperimentTemplateTarget> targets,
        Map<String, ExperimentAction> actions,
        List<StopConditionSpec> stopConditions,
        Instant creationTime,
        Instant startTime,
        Instant endTime,
        Map<String, String> tags,
        LogConfiguration logConfiguration,
        ExperimentOptions experimentOptions,
        Long targetAccountConfigurationsCount,
        ReportConfiguration experimentReportConfiguration) {
    public Experiment {
        targets = Copies.map(targets);
        actions = Copies.map(actions);
        stopConditions = Copies.list(stopConditions);
        tags = Copies.map(tags);
    }
}
