package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.time.Instant;
import java.util.Map;

/** {@code ExperimentTemplateSummary}: one entry of {@code ListExperimentTemplates}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentTemplateSummary(
        String id, String arn, String description, Instant creationTime, Instant lastUpdateTime,
        Map<String, String> tags) {
    public ExperimentTemplateSummary {
        tags = Copies.map(tags);
    }
}
