package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code CreateExperimentTemplate}: exactly the JSON that
 * {@code aws fis create-experiment-template --cli-input-json} accepts. {@code clientToken} is an idempotency token
 * that SDKs and the CLI fill in; it may be absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateExperimentTemplateRequest(
        String clientToken,
        String description,
        Map<String, ExperimentTemplateTarget> targets,
        Map<String, ExperimentTemplateAction> actions,
        List<StopConditionSpec> stopConditions,
        String roleArn,
        Map<String, String> tags,
        LogConfiguration logConfiguration,
        ExperimentOptions experimentOptions,
        ReportConfiguration experimentReportConfiguration) {
    public CreateExperimentTemplateRequest {
        targets = Copies.map(targets);
        actions = Copies.map(actions);
        stopConditions = Copies.list(stopConditions);
        tags = Copies.map(tags);
    }

    /** Targets, or an empty map when absent. */
    public Map<String, ExperimentTemplateTarget> targetsOrEmpty() {
        return targets == null ? Map.of() : targets;
    }

    /** Actions, or an empty map when absent. */
    public Map<String, ExperimentTemplateAction> actionsOrEmpty() {
        return actions == null ? Map.of() : actions;
    }

    /** Stop conditions, or an empty list when absent. */
    public List<StopConditionSpec> stopConditionsOrEmpty() {
        return stopConditions == null ? List.of() : stopConditions;
    }
}
