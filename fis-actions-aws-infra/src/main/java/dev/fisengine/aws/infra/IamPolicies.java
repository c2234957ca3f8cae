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

    /**
     * The caller-side API-fault actions (run by fis-actions-aws in the engine's JVM; on AWS by FIS itself) and the
     * permission AWS FIS documents for each: the experiment role must be allowed to inject.
     */
    public static final Map<String, String> API_FAULT_PERMISSIONS = Map.of(
            "aws:fis:inject-api-internal-error", "fis:InjectApiInternalError",
            "aws:fis:inject-api-throttle-error", "fis:InjectApiThrottleError",
            "aws:fis:inject-api-unavailable-error", "fis:InjectApiUnavailableError",
            "aws:ec2:api-insufficient-instance-capacity-error", "ec2:InjectApiError",
            "aws:ec2:asg-insufficient-instance-capacity-error", "ec2:InjectApiError",
            "aws:kinesis:stream-provisioned-throughput-exception", "kinesis:InjectApiError",
            "aws:kinesis:stream-expired-iterator-exception", "kinesis:InjectApiError");

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
            if (actionId.equals("aws:network:disrupt-connectivity")) {
                networkAclStatements(statements, a.getKey(), a.getValue(), targets, unscoped);
                continue;
            }
            if (API_FAULT_PERMISSIONS.containsKey(actionId)) {
                apiFaultStatement(statements.addObject(), a.getKey(), actionId, a.getValue(), targets, unscoped);
                continue;
            }
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

    /**
     * {@code aws:network:disrupt-connectivity}, scoped as AWS's managed policy
     * {@code AWSFaultInjectionSimulatorNetworkAccess} scopes it: the cloned ACL may only be created and tagged with
     * {@code managedByFIS=true} (the action tags it at creation), entries added to and deletion of ACLs carrying that
     * tag only, and the association swapped on the target subnets (their ARNs, else any subnet: tag conditions would
     * also apply to the ACL) and ACLs. A tag condition on the subnets cannot be expressed here, since the same call
     * names the new ACL, which does not carry the subnets' tags.
     */
    private static void networkAclStatements(ArrayNode statements, String name, JsonNode action, JsonNode targets,
            Set<String> unscoped) {
        ACTION_PERMISSIONS.get("aws:network:disrupt-connectivity").stream().filter(IamPolicies::isUnscoped)
                .forEach(unscoped::add);
        String acl = "arn:aws:ec2:*:*:network-acl/*";
        String sid = sid(name);
        ObjectNode create = statements.addObject().put("Sid", sid + "CreateAcl").put("Effect", "Allow");
        create.putArray("Action").add("ec2:CreateNetworkAcl");
        create.putArray("Resource").add(acl);
        create.putObject("Condition").putObject("StringEquals").put("aws:RequestTag/managedByFIS", "true");
        ObjectNode inVpc = statements.addObject().put("Sid", sid + "CreateAclInVpc").put("Effect", "Allow");
        inVpc.putArray("Action").add("ec2:CreateNetworkAcl");
        inVpc.putArray("Resource").add("arn:aws:ec2:*:*:vpc/*");
        ObjectNode tag = statements.addObject().put("Sid", sid + "TagAcl").put("Effect", "Allow");
        tag.putArray("Action").add("ec2:CreateTags");
        tag.putArray("Resource").add(acl);
        tag.putObject("Condition").putObject("StringEquals").put("ec2:CreateAction", "CreateNetworkAcl")
                .put("aws:RequestTag/managedByFIS", "true");
        ObjectNode change = statements.addObject().put("Sid", sid + "ChangeFisAcl").put("Effect", "Allow");
        change.putArray("Action").add("ec2:CreateNetworkAclEntry").add("ec2:DeleteNetworkAcl");
        change.putArray("Resource").add(acl).add("arn:aws:ec2:*:*:vpc/*");
        change.putObject("Condition").putObject("StringEquals").put("ec2:ResourceTag/managedByFIS", "true");
        Set<String> subnets = new TreeSet<>();
        boolean byArns = !action.path("targets").isEmpty();
        for (JsonNode targetName : action.path("targets")) {
            JsonNode target = targets.path(targetName.asText());
            if (target.path("resourceArns").size() > 0) {
                target.path("resourceArns").forEach(arn -> subnets.add(arn.asText()));
            } else {
                byArns = false;
            }
        }
        ObjectNode swap = statements.addObject().put("Sid", sid + "SwapAssociation").put("Effect", "Allow");
        swap.putArray("Action").add("ec2:ReplaceNetworkAclAssociation");
        ArrayNode resources = swap.putArray("Resource");
        if (byArns) {
            subnets.forEach(resources::add);
        } else {
            resources.add("arn:aws:ec2:*:*:subnet/*");
        }
        resources.add(acl);
    }

    /**
     * The statement of an API-fault action, scoped by the condition keys AWS FIS defines for it: {@code fis:Service},
     * {@code fis:Operations}, {@code fis:Percentage} and {@code fis:Targets} (the target roles) for
     * {@code fis:InjectApi*} on the experiment; {@code ec2:FisActionId} and {@code ec2:FisTargetArns} for
     * {@code ec2:InjectApiError}; the target streams for {@code kinesis:InjectApiError}.
     */
    private static void apiFaultStatement(ObjectNode s, String name, String actionId, JsonNode action,
            JsonNode targets, Set<String> unscoped) {
        String permission = API_FAULT_PERMISSIONS.get(actionId);
        s.put("Sid", sid(name)).put("Effect", "Allow").putArray("Action").add(permission);
        Set<String> arns = new TreeSet<>();
        boolean byArns = true;
        for (JsonNode targetName : action.path("targets")) {
            JsonNode target = targets.path(targetName.asText());
            if (target.path("resourceArns").size() > 0) {
                target.path("resourceArns").forEach(arn -> arns.add(arn.asText()));
            } else {
                byArns = false;
            }
            if (target.path("resourceType").asText().equals("aws:ec2:autoscaling-group")) {
                unscoped.add("autoscaling:DescribeAutoScalingGroups");
            }
        }
        JsonNode parameters = action.path("parameters");
        ObjectNode condition = JSON.createObjectNode();
        if (permission.startsWith("fis:")) {
            s.putArray("Resource").add("arn:*:fis:*:*:experiment/*");
            if (parameters.hasNonNull("service")) {
                condition.putObject("StringEquals").put("fis:Service", parameters.path("service").asText());
            }
            ObjectNode all = JSON.createObjectNode();
            if (parameters.hasNonNull("operations")) {
                ArrayNode ops = all.putArray("fis:Operations");
                for (String op : parameters.path("operations").asText().split(",")) {
                    if (!op.isBlank()) {
                        ops.add(op.trim());
                    }
                }
            }
            if (byArns && !arns.isEmpty()) {
                arns.forEach(all.putArray("fis:Targets")::add);
            }
            if (!all.isEmpty()) {
                condition.set("ForAllValues:StringEquals", all);
            }
            if (parameters.hasNonNull("percentage")) {
                condition.putObject("NumericLessThanOrEquals").put("fis:Percentage",
                        parameters.path("percentage").asText());
            }
        } else if (permission.startsWith("ec2:")) {
            s.put("Resource", "*");
            condition.putObject("StringEquals").put("ec2:FisActionId", actionId);
            if (byArns && !arns.isEmpty()) {
                arns.forEach(condition.putObject("ForAllValues:ArnEquals").putArray("ec2:FisTargetArns")::add);
            }
        } else if (byArns && !arns.isEmpty()) {
            arns.forEach(s.putArray("Resource")::add);
        } else {
            s.put("Resource", "*");
        }
        if (!condition.isEmpty()) {
            s.set("Condition", condition);
        }
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
