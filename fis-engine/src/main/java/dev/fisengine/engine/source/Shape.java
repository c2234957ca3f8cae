package dev.fisengine.engine.source;

import java.util.LinkedHashMap;
import java.util.Map;

/** The shape of a member of the FIS model as a source format writes it; drives the CloudFormation mapping. */
sealed interface Shape {
    /** What a string holds, which decides the placeholder used for a value known only at deploy time. */
    enum Kind {
        TEXT("a value", "fisengine-placeholder"),
        ROLE_ARN("an IAM role ARN", "arn:aws:iam::111122223333:role/fisengine-placeholder"),
        RESOURCE_ARN("a resource ARN of the target's resource type", null),
        ALARM_ARN("a CloudWatch alarm ARN", "arn:aws:cloudwatch:us-east-1:111122223333:alarm:fisengine-placeholder"),
        LOG_GROUP_ARN("a CloudWatch Logs log group ARN",
                "arn:aws:logs:us-east-1:111122223333:log-group:fisengine-placeholder:*"),
        DASHBOARD_ARN("a CloudWatch dashboard ARN",
                "arn:aws:cloudwatch::111122223333:dashboard/fisengine-placeholder"),
        BUCKET("an S3 bucket name", "fisengine-placeholder-bucket");

        final String description;
        final String placeholder;

        Kind(String description, String placeholder) {
            this.description = description;
            this.placeholder = placeholder;
        }

        /** Whether a sample built from the known parts of a value is good enough to check as this kind. */
        boolean accepts(String sample) {
            if (sample == null) {
                return false;
            }
            switch (this) {
                case TEXT:
                    return !sample.isEmpty();
                case BUCKET:
                    return sample.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
                case ROLE_ARN:
                    return sample.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+");
                default:
                    return sample.matches("arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\\d{12}:.+");
            }
        }

        /** A placeholder of this kind; for resource ARNs, one of the FIS resource type (e.g. {@code aws:ec2:instance}). */
        String placeholder(String resourceType) {
            if (this != RESOURCE_ARN) {
                return placeholder;
            }
            String[] p = resourceType == null ? new String[0] : resourceType.split(":");
            if (p.length == 3 && p[1].equals("iam")) {
                return "arn:aws:iam::111122223333:" + p[2] + "/fisengine-placeholder";
            }
            if (p.length == 3) {
                return "arn:aws:" + p[1] + ":us-east-1:111122223333:" + p[2] + "/fisengine-placeholder";
            }
            return "arn:aws:iam::111122223333:role/fisengine-placeholder";
        }
    }

    record Str(Kind kind) implements Shape {}

    record Int() implements Shape {}

    record ListOf(Shape item) implements Shape {}

    record MapOf(Shape value) implements Shape {}

    /** An object: source member name to the FIS member name and shape, in the source's order. */
    record Obj(Map<String, Member> members) implements Shape {
        Member byFisName(String fis) {
            for (Member m : members.values()) {
                if (m.fis().equals(fis)) {
                    return m;
                }
            }
            return null;
        }
    }

    record Member(String source, String fis, Shape shape) {}

    static Str str(Kind kind) {
        return new Str(kind);
    }

    static Str text() {
        return new Str(Kind.TEXT);
    }

    static Member m(String source, String fis, Shape shape) {
        return new Member(source, fis, shape);
    }

    static Obj obj(Member... members) {
        Map<String, Member> map = new LinkedHashMap<>();
        for (Member m : members) {
            map.put(m.source(), m);
        }
        return new Obj(map);
    }

    /** {@code AWS::FIS::ExperimentTemplate}'s properties (CloudFormation resource reference). */
    Obj CLOUDFORMATION = obj(
            m("Description", "description", text()),
            m("RoleArn", "roleArn", str(Kind.ROLE_ARN)),
            m("Tags", "tags", new MapOf(text())),
            m("Targets", "targets", new MapOf(obj(
                    m("ResourceType", "resourceType", text()),
                    m("ResourceArns", "resourceArns", new ListOf(str(Kind.RESOURCE_ARN))),
                    m("ResourceTags", "resourceTags", new MapOf(text())),
                    m("Filters", "filters", new ListOf(obj(
                            m("Path", "path", text()),
                            m("Values", "values", new ListOf(text()))))),
                    m("SelectionMode", "selectionMode", text()),
                    m("Parameters", "parameters", new MapOf(text()))))),
            m("Actions", "actions", new MapOf(obj(
                    m("ActionId", "actionId", text()),
                    m("Description", "description", text()),
                    m("Parameters", "parameters", new MapOf(text())),
                    m("StartAfter", "startAfter", new ListOf(text())),
                    m("Targets", "targets", new MapOf(text()))))),
            m("StopConditions", "stopConditions", new ListOf(obj(
                    m("Source", "source", text()),
                    m("Value", "value", str(Kind.ALARM_ARN))))),
            m("LogConfiguration", "logConfiguration", obj(
                    m("CloudWatchLogsConfiguration", "cloudWatchLogsConfiguration", obj(
                            m("LogGroupArn", "logGroupArn", str(Kind.LOG_GROUP_ARN)))),
                    m("S3Configuration", "s3Configuration", obj(
                            m("BucketName", "bucketName", str(Kind.BUCKET)),
                            m("Prefix", "prefix", text()))),
                    m("LogSchemaVersion", "logSchemaVersion", new Int()))),
            m("ExperimentOptions", "experimentOptions", obj(
                    m("AccountTargeting", "accountTargeting", text()),
                    m("EmptyTargetResolutionMode", "emptyTargetResolutionMode", text()))),
            m("ExperimentReportConfiguration", "experimentReportConfiguration", obj(
                    m("Outputs", "outputs", obj(
                            m("ExperimentReportS3Configuration", "s3Configuration", obj(
                                    m("BucketName", "bucketName", str(Kind.BUCKET)),
                                    m("Prefix", "prefix", text()))))),
                    m("DataSources", "dataSources", obj(
                            m("CloudWatchDashboards", "cloudWatchDashboards", new ListOf(obj(
                                    m("DashboardIdentifier", "dashboardIdentifier", str(Kind.DASHBOARD_ARN))))))),
                    m("PreExperimentDuration", "preExperimentDuration", text()),
                    m("PostExperimentDuration", "postExperimentDuration", text()))));
}
