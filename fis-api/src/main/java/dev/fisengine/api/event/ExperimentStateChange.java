package dev.fisengine.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * An EventBridge-shaped "FIS Experiment State Change" event, with the envelope EventBridge writes:
 * {@code {"version":"0","id":uuid,"detail-type":"FIS Experiment State Change","source":"aws.fis","account":...,
 * "time":"2026-01-01T00:00:00Z","region":...,"resources":[experiment ARN],
 * "detail":{"experiment-id","experiment-template-id","new-state":{status,reason},"old-state":{status,reason}}}}.
 * {@code time} is serialized as EventBridge does (ISO-8601, UTC, whole seconds) when written with an
 * {@code ObjectMapper} that has Jackson's {@code JavaTimeModule} and {@code WRITE_DATES_AS_TIMESTAMPS} off.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"})
public record ExperimentStateChange(
        String version,
        String id,
        @JsonProperty("detail-type") String detailType,
        String source,
        String account,
        Instant time,
        String region,
        List<String> resources,
        Detail detail) {
    public static final String VERSION = "0";
    public static final String SOURCE = "aws.fis";
    public static final String DETAIL_TYPE = "FIS Experiment State Change";

    public ExperimentStateChange {
        resources = List.copyOf(resources);
    }

    /** An event with a new random {@code id}, as EventBridge gives each event. */
    public static ExperimentStateChange of(String account, String region, Instant time, String experimentArn,
            Detail detail) {
        return new ExperimentStateChange(VERSION, java.util.UUID.randomUUID().toString(), DETAIL_TYPE, SOURCE,
                account, time == null ? null : time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), region,
                List.of(experimentArn), detail);
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
