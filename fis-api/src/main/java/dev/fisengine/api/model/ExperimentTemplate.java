package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored experiment template as {@code GetExperimentTemplate} returns it ({@code ExperimentTemplate} shape).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentTemplate(
        String id,
        String arn,
        String description,
        Map<String, ExperimentTemplateTarget> targets,
        Map<String, ExperimentTemplateAction> actions,
        List<StopConditionSpec> stopConditions,
        Instant creationTime,
        Instant lastUpdateTime,
        String roleArn,
        Map<String, String> tags,
        LogConfiguration logConfiguration,
        ExperimentOptions experimentOptions,
        Long targetAccountConfigurationsCount,
        ReportConfiguration experimentReportConfiguration) {
    public ExperimentTemplate {
        targets = Copies.map(targets);
        actions = Copies.map(actions);
        stopConditions = Copies.list(stopConditions);
        tags = Copies.map(tags);
    }
}
