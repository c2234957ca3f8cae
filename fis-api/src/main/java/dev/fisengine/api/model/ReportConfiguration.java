package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisengine.api.internal.Copies;
import java.util.List;

/**
 * {@code experimentReportConfiguration}: where the experiment report goes, which CloudWatch dashboards it shows, and
 * how long before and after the experiment its graphs cover (ISO-8601 durations).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportConfiguration(
        Outputs outputs,
        DataSources dataSources,
        String preExperimentDuration,
        String postExperimentDuration) {

    /** {@code outputs}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outputs(S3Output s3Configuration) {}

    /** {@code outputs.s3Configuration}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record S3Output(String bucketName, String prefix) {}

    /** {@code dataSources}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataSources(List<Dashboard> cloudWatchDashboards) {
        public DataSources {
            cloudWatchDashboards = Copies.list(cloudWatchDashboards);
        }
    }

    /** One {@code cloudWatchDashboards} entry: the dashboard ARN. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dashboard(String dashboardIdentifier) {}
}
