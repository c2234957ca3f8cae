package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.util.Map;

/**
 * The body of {@code StartExperiment}. {@code clientToken} is the idempotency token (the same token returns the same
 * experiment); {@code experimentOptions} may carry only {@code actionsMode} ({@code run-all} | {@code skip-all}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StartExperimentRequest(
        String clientToken, String experimentTemplateId, ExperimentOptions experimentOptions,
        Map<String, String> tags) {
    public StartExperimentRequest {
        tags = Copies.map(tags);
    }

    /** A request with no client token, default options and no tags. */
    public static StartExperimentRequest of(String experimentTemplateId) {
        return new StartExperimentRequest(null, experimentTemplateId, null, null);
    }
}
