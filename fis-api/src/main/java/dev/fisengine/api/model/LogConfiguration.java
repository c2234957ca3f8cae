package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code logConfiguration}: where FIS delivers the experiment log and in which schema version (currently 2).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogConfiguration(
        CloudWatchLogsConfiguration cloudWatchLogsConfiguration,
        S3Configuration s3Configuration,
        Integer logSchemaVersion) {

    /** {@code cloudWatchLogsConfiguration}: the log group ARN. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CloudWatchLogsConfiguration(String logGroupArn) {}

    /** {@code s3Configuration}: bucket and optional prefix. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record S3Configuration(String bucketName, String prefix) {}
}
