package dev.fisengine.aws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.Identification;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AwsActionCatalogTest {

    private static final Set<String> INJECT_API = Set.of(
            "aws:fis:inject-api-internal-error", "aws:fis:inject-api-throttle-error",
            "aws:fis:inject-api-unavailable-error", "aws:ec2:api-insufficient-instance-capacity-error",
            "aws:kinesis:stream-provisioned-throughput-exception", "aws:kinesis:stream-expired-iterator-exception");

    @Test
    void describes48CurrentActionsAndOneDeprecated() {
        List<ActionDescriptor> current = AwsActionCatalog.actions().stream()
                .filter(a -> a.deprecatedBy() == null).toList();
        List<ActionDescriptor> deprecated = AwsActionCatalog.actions().stream()
                .filter(a -> a.deprecatedBy() != null).toList();

        assertThat(current).hasSize(48);
        assertThat(deprecated).extracting(ActionDescriptor::id, ActionDescriptor::deprecatedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aws:elasticache:interrupt-cluster-az-power",
                        "aws:elasticache:replicationgroup-interrupt-az-power"));
        assertThat(AwsActionCatalog.action(deprecated.get(0).deprecatedBy())).isPresent();
        assertThat(AwsActionCatalog.actions()).extracting(ActionDescriptor::id)
                .doesNotContain("aws:fis:wait", "aws:cloudwatch:assert-alarm-state")
                .doesNotHaveDuplicates()
                .isSorted();
    }

    @Test
    void describes24CurrentTargetTypesAndOneDeprecated() {
        List<TargetTypeDescriptor> types = AwsActionCatalog.targetTypes();
        assertThat(types.stream().filter(t -> t.deprecatedBy() == null)).hasSize(24);
        assertThat(types.stream().filter(t -> t.deprecatedBy() != null))
                .extracting(TargetTypeDescriptor::resourceType, TargetTypeDescriptor::deprecatedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aws:elasticache:redis-replicationgroup",
                        "aws:elasticache:replicationgroup"));
        assertThat(types).extracting(TargetTypeDescriptor::resourceType).doesNotHaveDuplicates().isSorted()
                .contains("aws:arc:zonal-shift-managed-resource", "aws:directconnect:virtual-interface",
                        "aws:dsql:cluster", "aws:dynamodb:global-table", "aws:ec2:autoscaling-group",
                        "aws:ec2:ebs-volume", "aws:ec2:instance", "aws:ec2:spot-instance", "aws:ec2:subnet",
                        "aws:ec2:transit-gateway", "aws:ec2:vpc-endpoint", "aws:ecs:cluster", "aws:ecs:task",
                        "aws:eks:cluster", "aws:eks:nodegroup", "aws:eks:pod", "aws:elasticache:replicationgroup",
                        "aws:iam:role", "aws:kinesis:stream", "aws:lambda:function",
                        "aws:memorydb:multi-region-cluster", "aws:rds:cluster", "aws:rds:db", "aws:s3:bucket");
        assertThat(types).allSatisfy(t -> assertThat(t.description()).isNotBlank());
    }

    @Test
    void everyTargetKeyReferencesADescribedResourceType() {
        for (ActionDescriptor action : AwsActionCatalog.actions()) {
            for (TargetKeyDescriptor key : action.targets()) {
                assertThat(key.resourceTypes()).as(action.id() + " " + key.key()).isNotEmpty()
                        .allSatisfy(type -> assertThat(AwsActionCatalog.targetType(type))
                                .as(action.id() + " " + key.key() + " -> " + type).isPresent());
            }
        }
    }

    @Test
    void onlyTheApiFaultActionsAreExecutableInProcess() {
        assertThat(AwsActionCatalog.actions().stream().filter(ActionDescriptor::executable)
                .map(ActionDescriptor::id).collect(Collectors.toSet())).isEqualTo(INJECT_API);
        assertThat(AwsActionCatalog.actions()).allSatisfy(a -> {
            assertThat(a.availableInAws()).as(a.id()).isTrue();
            assertThat(a.description()).as(a.id()).isNotBlank();
            assertThat(a.parameters()).allSatisfy(p -> assertThat(p.description()).as(a.id() + " " + p.name())
                    .isNotBlank());
        });
    }

    @Test
    void everyDefaultValueIsValidForItsOwnDescriptor() {
        List<String> problems = new ArrayList<>();
        for (ActionDescriptor action : AwsActionCatalog.actions()) {
            action.parameters().forEach(p -> check(action.id(), p, problems));
        }
        for (TargetTypeDescriptor type : AwsActionCatalog.targetTypes()) {
            type.parameters().forEach(p -> check(type.resourceType(), p, problems));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void durationsAreBoundedBy12HoursAndAcceptSubMinuteValuesInEmbeddedMode() {
        for (ActionDescriptor action : AwsActionCatalog.actions()) {
            for (ParameterDescriptor p : action.parameters()) {
                if (p.format() != ParameterFormat.DURATION) {
                    continue;
                }
                String at = action.id() + " " + p.name();
                assertThat(p.minDuration()).as(at).isEqualTo(Duration.ZERO);
                assertThat(p.maxDuration()).as(at).isNotNull().isLessThanOrEqualTo(Duration.ofHours(12));
                assertThat(p.awsMinDuration()).as(at).isNotNull().isLessThan(p.maxDuration());
            }
            if (action.durationParameter() != null) {
                assertThat(action.parameter(action.durationParameter()).orElseThrow().format())
                        .as(action.id()).isEqualTo(ParameterFormat.DURATION);
            }
        }
        assertThat(awsMin("aws:ebs:pause-volume-io", "duration")).isEqualTo(Duration.ofSeconds(1));
        assertThat(awsMin("aws:ebs:volume-io-latency", "duration")).isEqualTo(Duration.ofSeconds(1));
        assertThat(awsMin("aws:directconnect:virtual-interface-disconnect", "duration"))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(awsMin("aws:network:disrupt-connectivity", "duration")).isEqualTo(Duration.ofMinutes(1));
        ParameterDescriptor spot = param("aws:ec2:send-spot-instance-interruptions", "durationBeforeInterruption");
        assertThat(spot.awsMinDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(spot.maxDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(spot.required()).isTrue();
    }

    @Test
    void stopInstancesMatchesGetAction() {
        ActionDescriptor stop = action("aws:ec2:stop-instances");
        assertThat(stop.description()).isEqualTo("Stop the specified EC2 instances.");
        ParameterDescriptor after = stop.parameter("startInstancesAfterDuration").orElseThrow();
        assertThat(after.required()).isFalse();
        assertThat(after.format()).isEqualTo(ParameterFormat.DURATION);
        assertThat(after.description())
                .isEqualTo("The time to wait before restarting the instances (ISO 8601 duration).");
        assertThat(stop.durationParameter()).isEqualTo("startInstancesAfterDuration");
        ParameterDescriptor complete = stop.parameter("completeIfInstancesTerminated").orElseThrow();
        assertThat(complete.format()).isEqualTo(ParameterFormat.BOOLEAN);
        assertThat(complete.defaultValue()).isEqualTo("false");
        TargetKeyDescriptor instances = stop.target("Instances").orElseThrow();
        assertThat(instances.resourceTypes()).containsExactly("aws:ec2:instance");
        assertThat(instances.required()).isTrue();
        assertThat(instances.maxResources()).isEqualTo(5);
        assertThat(stop.targets()).hasSize(1);
    }

    @Test
    void targetKeysMatchTheFisQuickMap() {
        assertThat(onlyKey("aws:ecs:stop-task")).isEqualTo("Tasks");
        assertThat(onlyKey("aws:ec2:send-spot-instance-interruptions")).isEqualTo("SpotInstances");
        assertThat(action("aws:ec2:send-spot-instance-interruptions").target("Instances")).isEmpty();
        assertThat(onlyKey("aws:eks:inject-kubernetes-custom-resource")).isEqualTo("Cluster");
        assertThat(onlyKey("aws:ecs:drain-container-instances")).isEqualTo("Clusters");
        assertThat(onlyKey("aws:rds:reboot-db-instances")).isEqualTo("DBInstances");
        assertThat(onlyKey("aws:kinesis:stream-expired-iterator-exception")).isEqualTo("KinesisStreams");
        assertThat(onlyKey("aws:network:disrupt-vpc-endpoint")).isEqualTo("VPCEndpoints");
        assertThat(onlyKey("aws:directconnect:virtual-interface-disconnect")).isEqualTo("VirtualInterfaces");
        assertThat(onlyKey("aws:arc:start-zonal-autoshift")).isEqualTo("ManagedResources");
        assertThat(onlyKey("aws:lambda:invocation-error")).isEqualTo("Functions");
        assertThat(action("aws:ssm:start-automation-execution").targets()).isEmpty();
        assertThat(action("aws:ssm:start-automation-execution").durationParameter()).isEqualTo("maxDuration");
        assertThat(action("aws:elasticache:interrupt-cluster-az-power").target("ReplicationGroups").orElseThrow()
                .resourceTypes()).containsExactly("aws:elasticache:redis-replicationgroup");
    }

    @Test
    void perActionIdentificationLimitsAndQuotas() {
        assertThat(key("aws:ec2:api-insufficient-instance-capacity-error", "Roles").identification())
                .containsExactly(Identification.ARNS);
        TargetKeyDescriptor cluster = key("aws:eks:inject-kubernetes-custom-resource", "Cluster");
        assertThat(cluster.identification()).containsExactly(Identification.ARNS);
        assertThat(cluster.maxResources()).isEqualTo(1);
        TargetKeyDescriptor buckets = key("aws:s3:bucket-pause-replication", "Buckets");
        assertThat(buckets.identification()).containsExactly(Identification.TAGS);
        assertThat(buckets.maxResources()).isEqualTo(20);
        assertThat(key("aws:eks:pod-delete", "Pods").maxResources()).isEqualTo(50);
        assertThat(key("aws:network:route-table-disrupt-cross-region-connectivity", "Subnets").maxResources())
                .isEqualTo(6);
        assertThat(key("aws:network:disrupt-connectivity", "Subnets").maxResources()).isEqualTo(5);
        assertThat(key("aws:ec2:stop-instances", "Instances").identification())
                .containsExactlyInAnyOrder(Identification.values());
    }

    @Test
    void eksPodIsIdentifiedByParametersOnly() {
        TargetTypeDescriptor pod = AwsActionCatalog.targetType("aws:eks:pod").orElseThrow();
        assertThat(pod.identification()).containsExactly(Identification.PARAMETERS);
        assertThat(pod.parameters().stream().filter(ParameterDescriptor::required).map(ParameterDescriptor::name))
                .containsExactly("clusterIdentifier", "namespace", "selectorType", "selectorValue");
        assertThat(pod.parameters().stream().filter(p -> p.name().equals("selectorType")).findFirst().orElseThrow()
                .allowedValues()).containsExactly("labelSelector", "deploymentName", "podName");
    }

    @Test
    void targetTypeParametersFollowTheReference() {
        assertThat(paramNames("aws:ec2:ebs-volume")).containsExactly("availabilityZoneIdentifier");
        assertThat(paramNames("aws:ec2:subnet")).containsExactly("availabilityZoneIdentifier", "vpc");
        assertThat(paramNames("aws:ecs:task")).containsExactly("cluster", "service");
        assertThat(paramNames("aws:lambda:function")).containsExactly("functionQualifier");
        assertThat(paramNames("aws:rds:cluster")).containsExactly("writerAvailabilityZoneIdentifiers");
        assertThat(paramNames("aws:rds:db")).containsExactly("availabilityZoneIdentifiers");
        TargetTypeDescriptor group = AwsActionCatalog.targetType("aws:elasticache:replicationgroup").orElseThrow();
        assertThat(group.parameters()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("availabilityZoneIdentifier");
            assertThat(p.required()).isTrue();
        });
        assertThat(AwsActionCatalog.targetType("aws:ec2:instance").orElseThrow().identification())
                .containsExactlyInAnyOrder(Identification.ARNS, Identification.TAGS, Identification.FILTERS);
        assertThat(AwsActionCatalog.targetType("aws:ecs:task").orElseThrow().identification())
                .contains(Identification.PARAMETERS);
    }

    @Test
    void apiFaultActionsAcceptAnySdkServiceButKnowAwsLimits() {
        for (String id : INJECT_API.stream().filter(i -> i.startsWith("aws:fis:")).toList()) {
            ActionDescriptor a = action(id);
            assertThat(a.durationParameter()).isEqualTo("duration");
            assertThat(a.parameters()).extracting(ParameterDescriptor::name)
                    .containsExactlyInAnyOrder("duration", "service", "percentage", "operations");
            assertThat(a.parameters()).allSatisfy(p -> assertThat(p.required()).isTrue());
            ParameterDescriptor service = a.parameter("service").orElseThrow();
            assertThat(service.format()).isEqualTo(ParameterFormat.STRING);
            assertThat(service.allowedValues()).isEmpty();
            assertThat(service.awsAllowedValues()).containsExactly("ec2", "kinesis");
            assertThat(a.parameter("operations").orElseThrow().format()).isEqualTo(ParameterFormat.LIST);
            ParameterDescriptor percentage = a.parameter("percentage").orElseThrow();
            assertThat(percentage.format()).isEqualTo(ParameterFormat.INTEGER);
            assertThat(percentage.minimum()).isEqualTo(1.0);
            assertThat(percentage.maximum()).isEqualTo(100.0);
            assertThat(a.targets()).singleElement().satisfies(k -> {
                assertThat(k.key()).isEqualTo("Roles");
                assertThat(k.resourceTypes()).containsExactly("aws:iam:role");
            });
        }
        assertThat(action("aws:fis:inject-api-throttle-error").description())
                .isEqualTo("Cause an AWS service to return throttled error responses for specific callers and "
                        + "operations.");
    }

    @Test
    void spotChecksOfParameterShapes() {
        assertThat(param("aws:network:disrupt-connectivity", "scope").allowedValues())
                .containsExactly("all", "availability-zone", "dynamodb", "prefix-list", "s3", "s3express", "vpc");
        ParameterDescriptor readPct = param("aws:ebs:volume-io-latency", "readIOPercentage");
        assertThat(readPct.format()).isEqualTo(ParameterFormat.NUMBER);
        assertThat(readPct.minimum()).isEqualTo(0.1);
        ParameterDescriptor delay = param("aws:lambda:invocation-add-delay", "startupDelayMilliseconds");
        assertThat(delay.maximum()).isEqualTo(900_000.0);
        assertThat(delay.defaultValue()).isEqualTo("1000");
        assertThat(param("aws:lambda:invocation-error", "preventExecution").required()).isTrue();
        assertThat(param("aws:ec2:asg-insufficient-instance-capacity-error", "percentage").required()).isFalse();
        assertThat(param("aws:ec2:asg-insufficient-instance-capacity-error", "percentage").defaultValue())
                .isEqualTo("100");
        assertThat(param("aws:ec2:api-insufficient-instance-capacity-error", "percentage").required()).isTrue();
        assertThat(param("aws:ssm:send-command", "documentParameters").format()).isEqualTo(ParameterFormat.JSON);
        assertThat(param("aws:ssm:send-command", "documentArn").format()).isEqualTo(ParameterFormat.ARN);
        assertThat(param("aws:eks:pod-network-latency", "fisPodSecurityPolicy").allowedValues())
                .containsExactly("privileged");
        assertThat(param("aws:eks:pod-cpu-stress", "kubernetesServiceAccount").required()).isTrue();
        assertThat(action("aws:eks:pod-delete").durationParameter()).isNull();
        assertThat(action("aws:rds:failover-db-cluster").parameters()).isEmpty();
        assertThat(param("aws:ecs:task-network-blackhole-port", "trafficType").required()).isTrue();
        assertThat(param("aws:ecs:task-network-blackhole-port", "protocol").defaultValue()).isEqualTo("tcp");
    }

    @Test
    void unknownIdsAreAbsentAndNamedWhenRequired() {
        assertThat(AwsActionCatalog.action("aws:ec2:melt-instances")).isEmpty();
        assertThat(AwsActionCatalog.targetType("aws:ec2:toaster")).isEmpty();
        assertThatThrownBy(() -> AwsActionCatalog.requireAction("aws:ec2:melt-instances"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'aws:ec2:melt-instances'");
        assertThatThrownBy(() -> AwsActionCatalog.requireTargetType("aws:ec2:toaster"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'aws:ec2:toaster'");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    static ActionDescriptor action(String id) {
        return AwsActionCatalog.action(id).orElseThrow(() -> new AssertionError("no action " + id));
    }

    private static ParameterDescriptor param(String actionId, String name) {
        return action(actionId).parameter(name).orElseThrow(() -> new AssertionError(actionId + " has no " + name));
    }

    private static Duration awsMin(String actionId, String name) {
        return param(actionId, name).awsMinDuration();
    }

    private static TargetKeyDescriptor key(String actionId, String key) {
        return action(actionId).target(key).orElseThrow(() -> new AssertionError(actionId + " has no key " + key));
    }

    private static String onlyKey(String actionId) {
        List<TargetKeyDescriptor> targets = action(actionId).targets();
        if (targets.size() != 1) {
            fail(actionId + " has target keys " + targets);
        }
        return targets.get(0).key();
    }

    private static List<String> paramNames(String resourceType) {
        return AwsActionCatalog.targetType(resourceType).orElseThrow().parameters().stream()
                .map(ParameterDescriptor::name).toList();
    }

    /** Checks a descriptor's default against its own format, bounds and allowed values. */
    private static void check(String owner, ParameterDescriptor p, List<String> problems) {
        String at = owner + " " + p.name();
        if (p.required() && p.defaultValue() != null) {
            problems.add(at + ": required with a default");
        }
        if ((p.minimum() != null || p.maximum() != null)
                && p.format() != ParameterFormat.INTEGER && p.format() != ParameterFormat.NUMBER) {
            problems.add(at + ": numeric bounds on a " + p.format());
        }
        if (p.minimum() != null && p.maximum() != null && p.minimum() > p.maximum()) {
            problems.add(at + ": minimum above maximum");
        }
        if (p.format() == ParameterFormat.ENUM && p.allowedValues().isEmpty()) {
            problems.add(at + ": ENUM without values");
        }
        String v = p.defaultValue();
        if (v == null) {
            return;
        }
        switch (p.format()) {
            case INTEGER, NUMBER -> {
                double d;
                try {
                    d = p.format() == ParameterFormat.INTEGER ? Long.parseLong(v) : Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    problems.add(at + ": default " + v + " is not a " + p.format());
                    return;
                }
                if ((p.minimum() != null && d < p.minimum()) || (p.maximum() != null && d > p.maximum())) {
                    problems.add(at + ": default " + v + " out of bounds");
                }
            }
            case BOOLEAN -> {
                if (!v.equals("true") && !v.equals("false")) {
                    problems.add(at + ": default " + v + " is not a boolean");
                }
            }
            case ENUM -> {
                if (!p.allowedValues().contains(v)) {
                    problems.add(at + ": default " + v + " not allowed");
                }
            }
            case LIST -> {
                if (!p.allowedValues().isEmpty() && !p.allowedValues().containsAll(List.of(v.split(",")))) {
                    problems.add(at + ": default " + v + " not allowed");
                }
            }
            case DURATION -> {
                try {
                    Duration.parse(v);
                } catch (DateTimeParseException e) {
                    problems.add(at + ": default " + v + " is not a duration");
                }
            }
            default -> { }
        }
    }
}
