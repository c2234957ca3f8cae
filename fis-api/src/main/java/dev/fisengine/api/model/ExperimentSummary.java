package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.time.Instant;
import java.util.Map;

/** {@code ExperimentSummary}: one entry of {@code ListExperiments}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentSummary(
        String id,
        String arn,
        String experimentTemplateId,
        ExperimentState state,
        Instant creationTime,
        Map<String, String> tags,
        ExperimentOptions experimentOptions) {
    public ExperimentSummary {
        tags = Copies.map(tags);
    }
}
