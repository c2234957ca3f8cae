package dev.fisengine.aws.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The least-privilege IAM policy an experiment role needs for a template: the permissions AWS FIS documents for each
 * of the template's actions, plus the Describe permissions its target resolution needs. Permissions that change
 * resources are scoped to the target's {@code resourceArns}, or, for EC2 and RDS (which support
 * {@code aws:ResourceTag} conditions), to its {@code resourceTags}; read permissions ({@code Describe*},
 * {@code List*}, {@code Get*}, {@code tag:GetResources}), {@code kms:CreateGrant} and {@code iam:PassRole} are
 * granted on {@code *}, since those APIs take no resource ARN or are not scoped by FIS.
 */
public final class IamPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The permissions AWS FIS documents for each action this module runs (FIS actions reference). */
    public static final Map<String, List<String>> ACTION_PERMISSIONS = Map.ofEntries(
            Map.entry("aws:ec2:stop-instances", List.of("ec2:StopInstances", "ec2:StartInstances",
                    "ec2:DescribeInstances", "kms:CreateGrant")),
            Map.entry("aws:ec2:reboot-instances", List.of("ec2:RebootInstances", "ec2:DescribeInstances")),
            Map.entry("aws:ec2:terminate-instances", List.of("ec2:TerminateInstances", "ec2:DescribeInstances")),
            Map.entry("aws:ecs:stop-task", List.of("ecs:StopTask", "ecs:DescribeTasks", "ecs:ListTasks",
                    "tag:GetResources")),
            Map.entry("aws:ecs:drain-container-instances", List.of("ecs:UpdateContainerInstancesState",
                    "ecs:ListContainerInstances", "ecs:DescribeClusters", "tag:GetResources")),
            Map.entry("aws:rds:failover-db-cluster", List.of("rds:FailoverDBCluster", "rds:DescribeDBClusters",
                    "tag:GetResources")),
            Map.entry("aws:rds:reboot-db-instances", List.of("rds:RebootDBInstance", "rds:DescribeDBInstances",
                    "tag:GetResources")),
            Map.entry("aws:ssm:send-command", List.of("ssm:SendCommand", "ssm:ListCommands", "ssm:CancelCommand")),
            Map.entry("aws:ssm:start-automation-execution", List.of("ssm:StartAutomationExecution",
                    "ssm:StopAutomationExecution", "ssm:GetAutomationExecution", "iam:PassRole")),
            Map.entry("aws:network:disrupt-connectivity", List.of("ec2:CreateNetworkAcl",
                    "ec2:CreateNetworkAclEntry", "ec2:CreateTags", "ec2:DeleteNetworkAcl",
                    "ec2:ReplaceNetworkAclAssociation", "ec2:DescribeNetworkAcls", "ec2:DescribeSubnets",
                    "ec2:DescribeVpcs", "ec2:DescribeManagedPrefixLists", "ec2:GetManagedPrefixListEntries")),
            Map.entry("aws:eks:terminate-nodegroup-instances", List.of("ec2:TerminateInstances",
                    "ec2:DescribeInstances", "eks:DescribeNodegroup", "autoscaling:DescribeAutoScalingGroups",
                    "tag:GetResources")));

    /** The Describe permissions each resolver of this module needs. */
    public static final Map<String, List<String>> RESOLVER_PERMISSIONS = Map.of(
            "aws:ec2:instance", List.of("ec2:DescribeInstances"),
            "aws:ec2:spot-instance", List.of("ec2:DescribeInstances"),
            "aws:ec2:subnet", List.of("ec2:DescribeSubnets"),
            "aws:ec2:autoscaling-group", List.of("autoscaling:DescribeAutoScalingGroups"),
            "aws:ecs:cluster", List.of("ecs:ListClusters", "ecs:DescribeClusters"),
            "aws:ecs:task", List.of("ecs:ListClusters", "ecs:ListTasks", "ecs:DescribeTasks"),
            "aws:rds:cluster", List.of("rds:DescribeDBClusters", "rds:DescribeDBInstances"),
            "aws:rds:db", List.of("rds:DescribeDBInstances"),
            "aws:eks:nodegroup", List.of("eks:ListClusters", "eks:ListNodegroups", "eks:DescribeNodegroup"),
            "aws:kinesis:stream", List.of("kinesis:ListStreams", "kinesis:DescribeStreamSummary",
                    "kinesis:ListTagsForStream"));

    private static final Set<String> TAG_CONDITION_SERVICES = Set.of("ec2", "rds");

    private IamPolicies() {}

    /** What {@link #policy} made: the policy document and the actions it knows no permissions for. */
    public record Result(ObjectNode document, List<String> unknownActions) {}

    /** The policy for a template (the create-experiment-template JSON). */
    public static Result policy(JsonNode template) {
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        Set<String> unscoped = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        JsonNode targets = template.path("targets");
        targets.properties().forEach(t -> unscoped.addAll(RESOLVER_PERMISSIONS.getOrDefault(
                t.getValue().path("resourceType").asText(), List.of())));
        for (Map.Entry<String, JsonNode> a : template.path("actions").properties()) {
            String actionId = a.getValue().path("actionId").asText();
            List<String> permissions = ACTION_PERMISSIONS.get(actionId);
            if (permissions == null) {
                if (!actionId.equals("aws:fis:wait")) {
                    unknown.add(a.getKey() + " (" + actionId + ")");
                }
                continue;
            }
            Set<String> changes = new TreeSet<>();
            for (String p : permissions) {
                (isUnscoped(p) ? unscoped : changes).add(p);
            }
            if (changes.isEmpty()) {
                continue;
            }
            ObjectNode s = statements.addObject().put("Sid", sid(a.getKey())).put("Effect", "Allow");
            changes.forEach(s.putArray("Action")::add);
            Set<String> arns = new TreeSet<>();
            ObjectNode tags = JSON.createObjectNode();
            boolean scoped = true;
            for (JsonNode targetName : a.getValue().path("targets")) {
                JsonNode target = targets.path(targetName.asText());
                if (target.path("resourceArns").size() > 0) {
                    target.path("resourceArns").forEach(arn -> arns.add(arn.asText()));
                } else if (target.path("resourceTags").size() > 0 && changes.stream().allMatch(
                        p -> TAG_CONDITION_SERVICES.contains(p.substring(0, p.indexOf(':'))))) {
                    target.path("resourceTags").properties().forEach(tag -> tags.put(
                            "aws:ResourceTag/" + tag.getKey(), tag.getValue().asText()));
                } else {
                    scoped = false;
                }
            }
            String document = a.getValue().path("parameters").path("documentArn").asText(null);
            if (document != null && document.startsWith("arn:")) {
                arns.add(document);
            }
            if (!scoped || a.getValue().path("targets").isEmpty() && arns.isEmpty()
                    || !arns.isEmpty() && !tags.isEmpty()) {
                s.put("Resource", "*");
            } else if (!arns.isEmpty()) {
                arns.forEach(s.putArray("Resource")::add);
            } else {
                s.put("Resource", "*");
                s.putObject("Condition").set("StringEquals", tags);
            }
        }
        if (!unscoped.isEmpty()) {
            ObjectNode s = JSON.createObjectNode().put("Sid", "DescribeAndUnscoped").put("Effect", "Allow");
            unscoped.forEach(s.putArray("Action")::add);
            s.put("Resource", "*");
            statements.insert(0, s);
        }
        return new Result(doc, List.copyOf(unknown));
    }

    private static boolean isUnscoped(String permission) {
        String op = permission.substring(permission.indexOf(':') + 1);
        return op.startsWith("Describe") || op.startsWith("List") || op.startsWith("Get")
                || permission.equals("tag:GetResources") || permission.equals("kms:CreateGrant")
                || permission.equals("iam:PassRole");
    }

    private static String sid(String actionName) {
        String s = actionName.replaceAll("[^A-Za-z0-9]", "");
        return s.isEmpty() ? "Action" : s;
    }
}
