package dev.fisengine.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * An EventBridge-shaped "FIS Experiment State Change" event:
 * {@code {"source":"aws.fis","detail-type":"FIS Experiment State Change","resources":[experiment ARN],
 * "detail":{"experiment-id","experiment-template-id","new-state":{status,reason},"old-state":{status,reason}}}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentStateChange(
        String source,
        @JsonProperty("detail-type") String detailType,
        Instant time,
        List<String> resources,
        Detail detail) {
    public static final String SOURCE = "aws.fis";
    public static final String DETAIL_TYPE = "FIS Experiment State Change";

    public ExperimentStateChange {
        resources = List.copyOf(resources);
    }

    /** The event's {@code detail}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(
            @JsonProperty("experiment-id") String experimentId,
            @JsonProperty("experiment-template-id") String experimentTemplateId,
            @JsonProperty("new-state") State newState,
            @JsonProperty("old-state") State oldState) {}

    /** A {@code status} (lower-case) and {@code reason}. */
    public record State(String status, String reason) {}
}
