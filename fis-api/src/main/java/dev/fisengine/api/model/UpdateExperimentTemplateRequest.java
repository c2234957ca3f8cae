package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code UpdateExperimentTemplate}: each member that is present replaces the stored one; absent
 * ({@code null}) members are kept. {@code experimentOptions} may carry only {@code emptyTargetResolutionMode}. Tags
 * are changed with {@code TagResource} / {@code UntagResource}, not here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateExperimentTemplateRequest(
        String description,
        List<StopConditionSpec> stopConditions,
        Map<String, ExperimentTemplateTarget> targets,
        Map<String, ExperimentTemplateAction> actions,
        String roleArn,
        LogConfiguration logConfiguration,
        ExperimentOptions experimentOptions,
        ReportConfiguration experimentReportConfiguration) {
    public UpdateExperimentTemplateRequest {
        stopConditions = Copies.list(stopConditions);
        targets = Copies.map(targets);
        actions = Copies.map(actions);
    }
}
