package dev.fisengine.engine.validation.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The FIS API model's input shapes for {@code CreateExperimentTemplate} (botocore {@code fis/2020-12-01/service-2.json}):
 * members, types, lengths, patterns, counts and required members. Smithy patterns are not anchored, so {@code [\S]+}
 * means "contains a non-whitespace character"; only target parameter values carry an anchored pattern.
 */
public final class Shapes {
    private Shapes() {}

    /** A model shape. */
    public sealed interface Shape permits Struct, MapOf, ListOf, Str, Int {
        String name();
    }

    /** How a string's pattern is applied. */
    public enum PatternKind {
        /** {@code [\s\S]*}: anything. */
        ANY,
        /** {@code [\s\S]+}: at least one character. */
        NON_EMPTY,
        /** {@code [\S]+} (unanchored): at least one non-whitespace character. */
        NON_BLANK,
        /** An anchored regular expression the whole value must match. */
        ANCHORED
    }

    /** A string shape. {@code max} 0 means unbounded. */
    public record Str(String name, int min, int max, PatternKind kind, Pattern anchored, List<String> enumValues)
            implements Shape {}

    /** A 32-bit integer shape. */
    public record Int(String name) implements Shape {}

    /** A structure: members in model order, the required ones. */
    public record Struct(String name, Map<String, Shape> members, Set<String> required) implements Shape {}

    /** A map from string keys (checked against {@code key}) to values; {@code max} 0 means unbounded. */
    public record MapOf(String name, Str key, Shape value, int max) implements Shape {}

    /** A list; {@code max} 0 means unbounded. */
    public record ListOf(String name, Shape member, int max) implements Shape {}

    private static Str str(String name, int min, int max, PatternKind kind) {
        return new Str(name, min, max, kind, null, List.of());
    }

    private static Str enumeration(String name, String... values) {
        return new Str(name, 0, 0, PatternKind.ANY, null, List.of(values));
    }

    private static Struct struct(String name, Set<String> required, Object... members) {
        Map<String, Shape> m = new LinkedHashMap<>();
        for (int i = 0; i < members.length; i += 2) {
            m.put((String) members[i], (Shape) members[i + 1]);
        }
        return new Struct(name, java.util.Collections.unmodifiableMap(m), required);
    }

    static final Str ARN = str("ResourceArn", 20, 2048, PatternKind.NON_BLANK);
    static final Str TAG_KEY = str("TagKey", 0, 128, PatternKind.NON_EMPTY);
    static final Str TAG_VALUE = str("TagValue", 0, 256, PatternKind.ANY);
    static final MapOf TAG_MAP = new MapOf("TagMap", TAG_KEY, TAG_VALUE, 50);
    static final Str S3_BUCKET = str("S3BucketName", 3, 63, PatternKind.NON_BLANK);

    /** {@code ExperimentTemplateTargetParameterValue}: 1–1024, {@code ^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$} (anchored). */
    public static final Pattern TARGET_PARAMETER_VALUE = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+$");

    static final Struct FILTER = struct("ExperimentTemplateTargetInputFilter", Set.of("path", "values"),
            "path", str("ExperimentTemplateTargetFilterPath", 0, 256, PatternKind.NON_BLANK),
            "values", new ListOf("ExperimentTemplateTargetFilterValues",
                    str("ExperimentTemplateTargetFilterValue", 0, 128, PatternKind.NON_BLANK), 0));

    static final Struct TARGET = struct("CreateExperimentTemplateTargetInput", Set.of("resourceType", "selectionMode"),
            "resourceType", str("TargetResourceTypeId", 0, 128, PatternKind.NON_BLANK),
            "resourceArns", new ListOf("ResourceArnList", ARN, 5),
            "resourceTags", TAG_MAP,
            "filters", new ListOf("ExperimentTemplateTargetFilterInputList", FILTER, 0),
            "selectionMode", str("ExperimentTemplateTargetSelectionMode", 0, 64, PatternKind.NON_BLANK),
            "parameters", new MapOf("ExperimentTemplateTargetParameterMap",
                    str("ExperimentTemplateTargetParameterName", 0, 64, PatternKind.NON_BLANK),
                    new Str("ExperimentTemplateTargetParameterValue", 1, 1024, PatternKind.ANCHORED,
                            TARGET_PARAMETER_VALUE, List.of()), 0));

    static final Struct ACTION = struct("CreateExperimentTemplateActionInput", Set.of("actionId"),
            "actionId", str("ActionId", 0, 128, PatternKind.NON_BLANK),
            "description", str("ExperimentTemplateActionDescription", 0, 512, PatternKind.NON_EMPTY),
            "parameters", new MapOf("ExperimentTemplateActionParameterMap",
                    str("ExperimentTemplateActionParameterName", 0, 64, PatternKind.NON_BLANK),
                    str("ExperimentTemplateActionParameter", 0, 1024, PatternKind.NON_BLANK), 0),
            "targets", new MapOf("ExperimentTemplateActionTargetMap",
                    str("ExperimentTemplateActionTargetName", 0, 64, PatternKind.NON_BLANK),
                    str("ExperimentTemplateTargetName", 0, 64, PatternKind.NON_BLANK), 0),
            "startAfter", new ListOf("ExperimentTemplateActionStartAfterList",
                    str("ExperimentTemplateActionStartAfter", 0, 64, PatternKind.NON_BLANK), 0));

    static final Struct STOP_CONDITION = struct("CreateExperimentTemplateStopConditionInput", Set.of("source"),
            "source", str("StopConditionSource", 0, 64, PatternKind.NON_BLANK),
            "value", str("StopConditionValue", 20, 2048, PatternKind.NON_EMPTY));

    static final Struct LOG_CONFIGURATION = struct("CreateExperimentTemplateLogConfigurationInput",
            Set.of("logSchemaVersion"),
            "cloudWatchLogsConfiguration", struct("ExperimentTemplateCloudWatchLogsLogConfigurationInput",
                    Set.of("logGroupArn"), "logGroupArn", str("CloudWatchLogGroupArn", 20, 2048, PatternKind.NON_BLANK)),
            "s3Configuration", struct("ExperimentTemplateS3LogConfigurationInput", Set.of("bucketName"),
                    "bucketName", S3_BUCKET,
                    "prefix", str("S3ObjectKey", 1, 700, PatternKind.NON_EMPTY)),
            "logSchemaVersion", new Int("LogSchemaVersion"));

    static final Struct EXPERIMENT_OPTIONS = struct("CreateExperimentTemplateExperimentOptionsInput", Set.of(),
            "accountTargeting", enumeration("AccountTargeting", "single-account", "multi-account"),
            "emptyTargetResolutionMode", enumeration("EmptyTargetResolutionMode", "fail", "skip"));

    static final Str REPORT_DURATION = str("ReportConfigurationDuration", 0, 32, PatternKind.NON_BLANK);

    static final Struct REPORT_CONFIGURATION = struct("CreateExperimentTemplateReportConfigurationInput", Set.of(),
            "outputs", struct("ExperimentTemplateReportConfigurationOutputsInput", Set.of(),
                    "s3Configuration", struct("ReportConfigurationS3OutputInput", Set.of(),
                            "bucketName", S3_BUCKET,
                            "prefix", str("ReportConfigurationS3OutputPrefix", 0, 256, PatternKind.NON_BLANK))),
            "dataSources", struct("ExperimentTemplateReportConfigurationDataSourcesInput", Set.of(),
                    "cloudWatchDashboards", new ListOf("ReportConfigurationCloudWatchDashboardInputList",
                            struct("ReportConfigurationCloudWatchDashboardInput", Set.of(),
                                    "dashboardIdentifier",
                                    str("ReportConfigurationCloudWatchDashboardIdentifier", 0, 512,
                                            PatternKind.NON_BLANK)), 0)),
            "preExperimentDuration", REPORT_DURATION,
            "postExperimentDuration", REPORT_DURATION);

    /**
     * {@code CreateExperimentTemplateRequest}. The model marks {@code clientToken} required, but it is an idempotency
     * token that SDKs and the CLI fill in, so it is optional here.
     */
    public static final Struct REQUEST = struct("CreateExperimentTemplateRequest",
            Set.of("description", "stopConditions", "actions", "roleArn"),
            "clientToken", str("ClientToken", 1, 1024, PatternKind.NON_BLANK),
            "description", str("ExperimentTemplateDescription", 0, 512, PatternKind.NON_EMPTY),
            "stopConditions", new ListOf("CreateExperimentTemplateStopConditionInputList", STOP_CONDITION, 0),
            "targets", new MapOf("CreateExperimentTemplateTargetInputMap",
                    str("ExperimentTemplateTargetName", 0, 64, PatternKind.NON_BLANK), TARGET, 0),
            "actions", new MapOf("CreateExperimentTemplateActionInputMap",
                    str("ExperimentTemplateActionName", 0, 64, PatternKind.NON_BLANK), ACTION, 0),
            "roleArn", str("RoleArn", 20, 2048, PatternKind.NON_BLANK),
            "tags", TAG_MAP,
            "logConfiguration", LOG_CONFIGURATION,
            "experimentOptions", EXPERIMENT_OPTIONS,
            "experimentReportConfiguration", REPORT_CONFIGURATION);

    /** Members of {@code ExperimentTemplate} (get-experiment-template output) that create input does not have. */
    public static final Set<String> READ_ONLY_TEMPLATE_MEMBERS =
            Set.of("id", "arn", "creationTime", "lastUpdateTime", "targetAccountConfigurationsCount");
}
