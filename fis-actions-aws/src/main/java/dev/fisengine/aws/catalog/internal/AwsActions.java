package dev.fisengine.aws.catalog.internal;

import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.ARC_ZONAL_SHIFT_MANAGED_RESOURCE;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.DIRECTCONNECT_VIRTUAL_INTERFACE;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.DSQL_CLUSTER;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.DYNAMODB_GLOBAL_TABLE;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.EC2_AUTOSCALING_GROUP;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.EC2_EBS_VOLUME;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.EC2_INSTANCE;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.EC2_SPOT_INSTANCE;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.EC2_SUBNET;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.EC2_TRANSIT_GATEWAY;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.EC2_VPC_ENDPOINT;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.ECS_CLUSTER;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.ECS_TASK;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.EKS_CLUSTER;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.EKS_NODEGROUP;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.EKS_POD;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.ELASTICACHE_REDIS_REPLICATION_GROUP;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.ELASTICACHE_REPLICATION_GROUP;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.IAM_ROLE;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.KINESIS_STREAM;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.LAMBDA_FUNCTION;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.MEMORYDB_MULTI_REGION_CLUSTER;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.RDS_CLUSTER;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.RDS_DB;
import static dev.fisengine.aws.catalog.internal.AwsTargetTypes.S3_BUCKET;
import static dev.fisengine.aws.catalog.internal.Params.arn;
import static dev.fisengine.aws.catalog.internal.Params.bool;
import static dev.fisengine.aws.catalog.internal.Params.duration;
import static dev.fisengine.aws.catalog.internal.Params.integer;
import static dev.fisengine.aws.catalog.internal.Params.integerAtLeast;
import static dev.fisengine.aws.catalog.internal.Params.json;
import static dev.fisengine.aws.catalog.internal.Params.list;
import static dev.fisengine.aws.catalog.internal.Params.number;
import static dev.fisengine.aws.catalog.internal.Params.oneOf;
import static dev.fisengine.aws.catalog.internal.Params.percentage;
import static dev.fisengine.aws.catalog.internal.Params.requiredBool;
import static dev.fisengine.aws.catalog.internal.Params.requiredDuration;
import static dev.fisengine.aws.catalog.internal.Params.string;

import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.Identification;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The AWS FIS action catalog as data: every current action of the FIS Actions reference except {@code aws:fis:wait}
 * (fis-engine) and {@code aws:cloudwatch:assert-alarm-state} (fis-stop-cloudwatch), plus the deprecated
 * {@code aws:elasticache:interrupt-cluster-az-power}. Target-key quotas are FIS's per-action resolved-resource quotas.
 *
 * <p>The API-fault actions are executable in-process (their providers live in {@code dev.fisengine.aws.actions}):
 * the three {@code aws:fis:inject-api-*}, {@code aws:ec2:api-insufficient-instance-capacity-error} and the two
 * {@code aws:kinesis:stream-*} actions, faults on the caller's side; every other action is described for validation
 * (module fis-actions-aws-infra runs most of them through the AWS API).
 */
public final class AwsActions {
    public static final String INJECT_API_INTERNAL_ERROR = "aws:fis:inject-api-internal-error";
    public static final String INJECT_API_THROTTLE_ERROR = "aws:fis:inject-api-throttle-error";
    public static final String INJECT_API_UNAVAILABLE_ERROR = "aws:fis:inject-api-unavailable-error";

    private AwsActions() {}

    /** Every action, sorted by id. */
    public static List<ActionDescriptor> all() {
        List<ActionDescriptor> actions = new ArrayList<>();
        actions.addAll(fis());
        actions.addAll(ssmAndArc());
        actions.addAll(ec2AndEbs());
        actions.addAll(ecs());
        actions.addAll(eks());
        actions.addAll(dataStores());
        actions.addAll(network());
        actions.addAll(lambda());
        actions.sort(Comparator.comparing(ActionDescriptor::id));
        return List.copyOf(actions);
    }

    // ---- aws:fis:inject-api-* -------------------------------------------------------------------------------------

    private static List<ActionDescriptor> fis() {
        return List.of(
                injectApi(INJECT_API_INTERNAL_ERROR, "internal error"),
                injectApi(INJECT_API_THROTTLE_ERROR, "throttled error"),
                injectApi(INJECT_API_UNAVAILABLE_ERROR, "unavailable error"));
    }

    private static ActionDescriptor injectApi(String id, String kind) {
        return action(id, "Cause an AWS service to return " + kind + " responses for specific callers and "
                + "operations.")
                .key(TargetKeyDescriptor.of("Roles", IAM_ROLE))
                .param(requiredDuration())
                .param(string("service",
                        "The AWS service namespace to inject into. AWS FIS accepts ec2 and kinesis; this engine "
                                + "accepts any AWS SDK for Java v2 service id (dynamodb, s3, sqs, ...).")
                        .required().pattern("[a-z][a-z0-9-]*").awsAllowedValues("ec2", "kinesis"))
                .param(percentage("percentage", "The percentage (1-100) of calls to inject the fault into.")
                        .required())
                .param(list("operations",
                        "The operations to inject the fault into, comma-separated API operation names of the "
                                + "service, e.g. DescribeInstances,DescribeVolumes.")
                        .required().pattern("[A-Z][A-Za-z0-9]*"))
                .lastsFor("duration")
                .executable()
                .build();
    }

    // ---- SSM and ARC ----------------------------------------------------------------------------------------------

    private static List<ActionDescriptor> ssmAndArc() {
        return List.of(
                action("aws:ssm:send-command",
                        "Run the specified SSM document on the target EC2 instances. The action's state follows "
                                + "the SSM command status; AWS FIS monitors it until the duration has elapsed.")
                        .key(TargetKeyDescriptor.of("Instances", EC2_INSTANCE).withMaxResources(5))
                        .param(arn("documentArn", "The ARN of the SSM document.").required())
                        .param(string("documentVersion", "The version of the document; defaults to the default "
                                + "version."))
                        .param(json("documentParameters", "The parameters the document accepts, as a JSON object "
                                + "of string (or string list) values. Required if the document has required "
                                + "parameters."))
                        .param(requiredDuration())
                        .lastsFor("duration")
                        .build(),
                action("aws:ssm:start-automation-execution",
                        "Start the execution of the specified SSM Automation document; stop it if the experiment "
                                + "stops.")
                        .param(arn("documentArn", "The ARN of the Automation document.").required())
                        .param(string("documentVersion", "The version of the document; defaults to the default "
                                + "version."))
                        .param(json("documentParameters", "The parameters the document accepts, as a JSON object "
                                + "of string (or string list) values. Required if the document has required "
                                + "parameters."))
                        .param(duration("maxDuration",
                                "The maximum time allowed for the automation execution to complete, from one "
                                        + "minute to 12 hours.").required())
                        .lastsFor("maxDuration")
                        .build(),
                action("aws:arc:start-zonal-autoshift",
                        "Shift traffic for the target managed resources away from an Availability Zone with an "
                                + "ARC zonal shift for the duration (a recovery action).")
                        .key(TargetKeyDescriptor.of("ManagedResources", ARC_ZONAL_SHIFT_MANAGED_RESOURCE))
                        .param(requiredDuration())
                        .param(string("availabilityZoneIdentifier",
                                "The Availability Zone (name or ID) to shift traffic away from.").required())
                        .param(list("managedResourceTypes", "Only managed resources of these types.",
                                "ASG", "ALB", "NLB", "EKS"))
                        .param(oneOf("zonalAutoshiftStatus", "Only managed resources with this zonal autoshift "
                                + "status.", "ENABLED", "DISABLED", "ANY").defaultValue("ENABLED"))
                        .lastsFor("duration")
                        .build());
    }

    // ---- EC2, EBS -------------------------------------------------------------------------------------------------

    private static List<ActionDescriptor> ec2AndEbs() {
        TargetKeyDescriptor instances = TargetKeyDescriptor.of("Instances", EC2_INSTANCE).withMaxResources(5);
        return List.of(
                action("aws:ec2:stop-instances", "Stop the specified EC2 instances.")
                        .key(instances)
                        .param(duration("startInstancesAfterDuration",
                                "The time to wait before restarting the instances (ISO 8601 duration)."))
                        .param(bool("completeIfInstancesTerminated",
                                "Whether the action completes, instead of failing, when the instances were "
                                        + "terminated by someone else before they could be restarted.", false))
                        .lastsFor("startInstancesAfterDuration")
                        .build(),
                action("aws:ec2:terminate-instances", "Terminate the specified EC2 instances.")
                        .key(instances)
                        .build(),
                action("aws:ec2:reboot-instances", "Reboot the specified EC2 instances.")
                        .key(instances)
                        .build(),
                action("aws:ec2:send-spot-instance-interruptions",
                        "Interrupt the specified Spot Instances: a rebalance recommendation now, an interruption "
                                + "notice two minutes before the interruption time, then the instances are "
                                + "terminated or stopped according to their interruption behavior.")
                        .key(TargetKeyDescriptor.of("SpotInstances", EC2_SPOT_INSTANCE).withMaxResources(5))
                        .param(duration("durationBeforeInterruption",
                                "The time to wait before interrupting the instances, from 2 to 15 minutes.",
                                Duration.ofMinutes(2), Duration.ofMinutes(15)).required())
                        .lastsFor("durationBeforeInterruption")
                        .build(),
                action("aws:ec2:api-insufficient-instance-capacity-error",
                        "Return InsufficientInstanceCapacity errors to RunInstances, CreateCapacityReservation, "
                                + "StartInstances and CreateFleet requests made by the target IAM roles in the "
                                + "given Availability Zones.")
                        .key(TargetKeyDescriptor.of("Roles", IAM_ROLE).withIdentification(Identification.ARNS))
                        .param(requiredDuration())
                        .param(availabilityZoneIdentifiers())
                        .param(percentage("percentage", "The percentage (1-100) of calls to inject the error "
                                + "into.").required())
                        .lastsFor("duration")
                        .executable()
                        .build(),
                action("aws:ec2:asg-insufficient-instance-capacity-error",
                        "Return InsufficientInstanceCapacity errors to the launches of the target Auto Scaling "
                                + "groups (launch templates only) in the given Availability Zones.")
                        .key(TargetKeyDescriptor.of("AutoScalingGroups", EC2_AUTOSCALING_GROUP)
                                .withMaxResources(5))
                        .param(requiredDuration())
                        .param(availabilityZoneIdentifiers())
                        .param(percentage("percentage", "The percentage (1-100) of launches to fail.")
                                .defaultValue("100"))
                        .lastsFor("duration")
                        .build(),
                action("aws:ebs:pause-volume-io",
                        "Pause I/O operations on the target EBS volumes (attached to Nitro-based instances, in one "
                                + "Availability Zone).")
                        .key(TargetKeyDescriptor.of("Volumes", EC2_EBS_VOLUME))
                        .param(requiredDuration(Duration.ofSeconds(1), "from one second to 12 hours"))
                        .lastsFor("duration")
                        .build(),
                action("aws:ebs:volume-io-latency", "Inject latency into I/O operations on the target EBS volumes.")
                        .key(TargetKeyDescriptor.of("Volumes", EC2_EBS_VOLUME))
                        .param(number("readIOPercentage", "The percentage (0.1-100) of read I/O operations to "
                                + "delay.", 0.1, 100).defaultValue("100"))
                        .param(integer("readIOLatencyMilliseconds", "The latency added to read I/O operations, in "
                                + "milliseconds (1 for io2 volumes, 10 for others, up to 60000).", 1, 60_000)
                                .defaultValue("100"))
                        .param(number("writeIOPercentage", "The percentage (0.1-100) of write I/O operations to "
                                + "delay.", 0.1, 100).defaultValue("100"))
                        .param(integer("writeIOLatencyMilliseconds", "The latency added to write I/O operations, in "
                                + "milliseconds (1 for io2 volumes, 10 for others, up to 60000).", 1, 60_000)
                                .defaultValue("100"))
                        .param(requiredDuration(Duration.ofSeconds(1), "from one second to 12 hours"))
                        .lastsFor("duration")
                        .build());
    }

    private static ParameterDescriptor.Builder availabilityZoneIdentifiers() {
        return list("availabilityZoneIdentifiers",
                "The Availability Zones (comma-separated names or IDs) to return the error in.").required();
    }

    // ---- ECS ------------------------------------------------------------------------------------------------------

    private static List<ActionDescriptor> ecs() {
        TargetKeyDescriptor tasks = TargetKeyDescriptor.of("Tasks", ECS_TASK).withMaxResources(5);
        return List.of(
                action("aws:ecs:drain-container-instances",
                        "Drain a percentage of the container instances of the target ECS clusters (set them to "
                                + "DRAINING) and restore them after the duration.")
                        .key(TargetKeyDescriptor.of("Clusters", ECS_CLUSTER).withMaxResources(5))
                        .param(percentage("drainagePercentage", "The percentage (1-100) of container instances "
                                + "to drain.").required())
                        .param(requiredDuration())
                        .lastsFor("duration")
                        .build(),
                action("aws:ecs:stop-task", "Stop the target ECS tasks.")
                        .key(tasks)
                        .build(),
                action("aws:ecs:task-cpu-stress", "Run CPU stress on the target ECS tasks (SSM agent sidecar).")
                        .key(tasks)
                        .param(requiredDuration())
                        .param(integer("percent", "The target CPU load, from 0 (no load) to 100 (full load).",
                                0, 100).defaultValue("100"))
                        .param(integerAtLeast("workers", "The number of CPU stressors; 0 uses all CPUs.", 0)
                                .defaultValue("0"))
                        .param(installDependencies())
                        .lastsFor("duration")
                        .build(),
                action("aws:ecs:task-io-stress", "Run I/O stress on the target ECS tasks (SSM agent sidecar).")
                        .key(tasks)
                        .param(requiredDuration())
                        .param(percentage("percent", "The percentage (1-100) of free space on the file system to "
                                + "use.").defaultValue("80"))
                        .param(integerAtLeast("workers", "The number of workers (mixed read/write stressors).", 1)
                                .defaultValue("1"))
                        .param(installDependencies())
                        .lastsFor("duration")
                        .build(),
                action("aws:ecs:task-kill-process",
                        "Kill the specified process in the target ECS tasks (requires pidMode task).")
                        .key(tasks)
                        .param(string("processName", "The name of the process to kill.").required())
                        .param(signal())
                        .param(installDependencies())
                        .build(),
                action("aws:ecs:task-network-blackhole-port",
                        "Drop inbound or outbound traffic for the specified protocol and port on the target ECS "
                                + "tasks.")
                        .key(tasks)
                        .param(requiredDuration())
                        .param(port())
                        .param(trafficType().required())
                        .param(protocol().defaultValue("tcp"))
                        .param(installDependencies())
                        .param(useEcsFaultInjectionEndpoints())
                        .lastsFor("duration")
                        .build(),
                action("aws:ecs:task-network-latency",
                        "Add latency and jitter to the network interface of the target ECS tasks for traffic to "
                                + "the given sources.")
                        .key(tasks)
                        .param(requiredDuration())
                        .param(delayMilliseconds())
                        .param(jitterMilliseconds())
                        .param(flowsPercent())
                        .param(sources())
                        .param(installDependencies())
                        .param(useEcsFaultInjectionEndpoints())
                        .lastsFor("duration")
                        .build(),
                action("aws:ecs:task-network-packet-loss",
                        "Add packet loss to the network interface of the target ECS tasks for traffic to the "
                                + "given sources.")
                        .key(tasks)
                        .param(requiredDuration())
                        .param(lossPercent())
                        .param(flowsPercent())
                        .param(sources())
                        .param(installDependencies())
                        .param(useEcsFaultInjectionEndpoints())
                        .lastsFor("duration")
                        .build());
    }

    private static ParameterDescriptor.Builder installDependencies() {
        return bool("installDependencies",
                "Whether AWS FIS installs the tools the fault needs if they are missing.", true);
    }

    private static ParameterDescriptor.Builder useEcsFaultInjectionEndpoints() {
        return bool("useEcsFaultInjectionEndpoints",
                "Whether to use the ECS fault injection endpoints instead of the SSM agent (required on "
                        + "Fargate).", false);
    }

    // ---- EKS ------------------------------------------------------------------------------------------------------

    private static List<ActionDescriptor> eks() {
        TargetKeyDescriptor pods = TargetKeyDescriptor.of("Pods", EKS_POD).withMaxResources(50);
        return List.of(
                action("aws:eks:inject-kubernetes-custom-resource",
                        "Run a Chaos Mesh or Litmus experiment on the target EKS cluster by creating the given "
                                + "Kubernetes custom resource, and delete it when the action ends.")
                        .key(TargetKeyDescriptor.of("Cluster", EKS_CLUSTER)
                                .withIdentification(Identification.ARNS).withMaxResources(1))
                        .param(oneOf("kubernetesApiVersion", "The API version of the custom resource.",
                                "chaos-mesh.org/v1alpha1", "litmuschaos.io/v1alpha1").required())
                        .param(oneOf("kubernetesKind", "The kind of the custom resource.",
                                "AWSChaos", "DNSChaos", "GCPChaos", "HTTPChaos", "IOChaos", "JVMChaos",
                                "KernelChaos", "NetworkChaos", "PhysicalMachineChaos", "PodChaos", "PodHttpChaos",
                                "PodIOChaos", "PodNetworkChaos", "Schedule", "StressChaos", "TimeChaos",
                                "ChaosEngine").required())
                        .param(string("kubernetesNamespace", "The namespace to create the custom resource in.")
                                .required())
                        .param(json("kubernetesSpec", "The spec of the custom resource, as a JSON document.")
                                .required())
                        .param(duration("maxDuration",
                                "The maximum time for the custom resource to run, from one minute to 12 hours.")
                                .required())
                        .lastsFor("maxDuration")
                        .build(),
                pod(action("aws:eks:pod-cpu-stress", "Run CPU stress on the target pods.")
                        .key(pods)
                        .param(requiredDuration())
                        .param(integer("percent", "The target CPU load, from 0 (no load) to 100 (full load).",
                                0, 100).defaultValue("100"))
                        .param(integerAtLeast("workers", "The number of CPU stressors; 0 uses all CPUs.", 0)
                                .defaultValue("0")),
                        "privileged", "baseline", "restricted")
                        .lastsFor("duration")
                        .build(),
                pod(action("aws:eks:pod-delete", "Delete the target pods.")
                        .key(pods)
                        .param(integerAtLeast("gracePeriodSeconds",
                                "The time the pods get to terminate gracefully, in seconds; 0 deletes them "
                                        + "immediately, absent uses each pod's own grace period.", 0)),
                        "privileged", "baseline", "restricted")
                        .build(),
                pod(action("aws:eks:pod-io-stress", "Run I/O stress on the target pods.")
                        .key(pods)
                        .param(requiredDuration())
                        .param(integerAtLeast("workers", "The number of workers (mixed read/write stressors).", 1)
                                .defaultValue("1"))
                        .param(percentage("percent", "The percentage (1-100) of free space on the file system to "
                                + "use.").defaultValue("80")),
                        "privileged", "baseline")
                        .lastsFor("duration")
                        .build(),
                pod(action("aws:eks:pod-memory-stress", "Run memory stress on the target pods.")
                        .key(pods)
                        .param(requiredDuration())
                        .param(integerAtLeast("workers", "The number of memory stressors.", 1).defaultValue("1"))
                        .param(percentage("percent", "The percentage (1-100) of virtual memory to use.")
                                .defaultValue("80")),
                        "privileged", "baseline", "restricted")
                        .lastsFor("duration")
                        .build(),
                pod(action("aws:eks:pod-network-blackhole-port",
                        "Drop inbound or outbound traffic for the specified protocol and port on the target pods.")
                        .key(pods)
                        .param(requiredDuration())
                        .param(protocol().required())
                        .param(trafficType().required())
                        .param(port()),
                        "privileged")
                        .lastsFor("duration")
                        .build(),
                pod(action("aws:eks:pod-network-latency",
                        "Add latency and jitter to the network interface of the target pods for traffic to the "
                                + "given sources.")
                        .key(pods)
                        .param(requiredDuration())
                        .param(networkInterface())
                        .param(delayMilliseconds())
                        .param(jitterMilliseconds())
                        .param(flowsPercent())
                        .param(sources()),
                        "privileged")
                        .lastsFor("duration")
                        .build(),
                pod(action("aws:eks:pod-network-packet-loss",
                        "Add packet loss to the network interface of the target pods for traffic to the given "
                                + "sources.")
                        .key(pods)
                        .param(requiredDuration())
                        .param(networkInterface())
                        .param(lossPercent())
                        .param(flowsPercent())
                        .param(sources()),
                        "privileged")
                        .lastsFor("duration")
                        .build(),
                action("aws:eks:terminate-nodegroup-instances",
                        "Terminate a percentage of the instances of the target EKS managed node groups.")
                        .key(TargetKeyDescriptor.of("Nodegroups", EKS_NODEGROUP).withMaxResources(5))
                        .param(percentage("instanceTerminationPercentage",
                                "The percentage (1-100) of instances to terminate.").required())
                        .build());
    }

    /** Adds the parameters every {@code aws:eks:pod-*} action shares (the FIS orchestration pod's settings). */
    private static Def pod(Def def, String... securityPolicies) {
        return def
                .param(string("kubernetesServiceAccount",
                        "The Kubernetes service account the FIS pod runs as (needs the RBAC permissions of the "
                                + "action).").required())
                .param(string("fisPodContainerImage",
                        "The container image of the FIS pod; defaults to the image AWS FIS provides."))
                .param(integer("maxErrorsPercent",
                        "The percentage (0-100) of targets that may fail before the action fails.", 0, 100)
                        .defaultValue("0"))
                .param(string("fisPodLabels", "The Kubernetes labels attached to the FIS pod."))
                .param(string("fisPodAnnotations", "The Kubernetes annotations attached to the FIS pod."))
                .param(oneOf("fisPodSecurityPolicy", "The Kubernetes pod security standard of the FIS pod.",
                        securityPolicies));
    }

    // ---- network parameters shared by ECS, EKS --------------------------------------------------------------------

    private static ParameterDescriptor.Builder port() {
        return integer("port", "The port number (1-65535).", 1, 65_535).required();
    }

    private static ParameterDescriptor.Builder protocol() {
        return oneOf("protocol", "The protocol.", "tcp", "udp");
    }

    private static ParameterDescriptor.Builder trafficType() {
        return oneOf("trafficType", "The direction of the traffic.", "ingress", "egress");
    }

    private static ParameterDescriptor.Builder signal() {
        return oneOf("signal", "The signal sent to the process.", "SIGTERM", "SIGKILL").defaultValue("SIGTERM");
    }

    private static ParameterDescriptor.Builder delayMilliseconds() {
        return integerAtLeast("delayMilliseconds", "The delay, in milliseconds.", 0).defaultValue("200");
    }

    private static ParameterDescriptor.Builder jitterMilliseconds() {
        return integerAtLeast("jitterMilliseconds", "The jitter, in milliseconds.", 0).defaultValue("10");
    }

    private static ParameterDescriptor.Builder flowsPercent() {
        return percentage("flowsPercent", "The percentage (1-100) of network flows affected.")
                .defaultValue("100");
    }

    private static ParameterDescriptor.Builder lossPercent() {
        return integer("lossPercent", "The percentage (0-100) of packets lost.", 0, 100).defaultValue("7");
    }

    private static ParameterDescriptor.Builder sources() {
        return list("sources",
                "Comma-separated sources of the affected traffic: IPv4 addresses, CIDR blocks, domain names, "
                        + "Availability Zone names or IDs, DYNAMODB, S3, or ALL.")
                .defaultValue("ALL");
    }

    private static ParameterDescriptor.Builder networkInterface() {
        return list("interface",
                "The network interfaces, comma-separated, or ALL, or DEFAULT (the primary interface).")
                .defaultValue("DEFAULT");
    }

    // ---- databases, caches, streams, storage ----------------------------------------------------------------------

    private static List<ActionDescriptor> dataStores() {
        TargetKeyDescriptor streams = TargetKeyDescriptor.of("KinesisStreams", KINESIS_STREAM).withMaxResources(280);
        return List.of(
                action("aws:rds:failover-db-cluster", "Fail over the target Aurora or RDS DB clusters.")
                        .key(TargetKeyDescriptor.of("Clusters", RDS_CLUSTER).withMaxResources(5))
                        .build(),
                action("aws:rds:reboot-db-instances", "Reboot the target RDS DB instances.")
                        .key(TargetKeyDescriptor.of("DBInstances", RDS_DB).withMaxResources(5))
                        .param(bool("forceFailover",
                                "Whether the reboot fails over a Multi-AZ DB instance to another Availability "
                                        + "Zone.", false))
                        .build(),
                action("aws:dynamodb:global-table-pause-replication",
                        "Pause the replication of the target DynamoDB global tables to their replicas, by adding "
                                + "deny statements to the tables' resource policies for the duration.")
                        .key(TargetKeyDescriptor.of("Tables", DYNAMODB_GLOBAL_TABLE))
                        .param(requiredDuration())
                        .lastsFor("duration")
                        .build(),
                action("aws:dsql:cluster-connection-failure",
                        "Fail a percentage of the connections to the target Aurora DSQL clusters.")
                        .key(TargetKeyDescriptor.of("Clusters", DSQL_CLUSTER))
                        .param(requiredDuration())
                        .param(percentage("percentage", "The percentage (1-100) of connections to fail.")
                                .required())
                        .lastsFor("duration")
                        .build(),
                action("aws:elasticache:replicationgroup-interrupt-az-power",
                        "Interrupt the power of the nodes of the target ElastiCache replication groups in the "
                                + "Availability Zone given by the target's availabilityZoneIdentifier.")
                        .key(TargetKeyDescriptor.of("ReplicationGroups", ELASTICACHE_REPLICATION_GROUP)
                                .withMaxResources(5))
                        .param(requiredDuration())
                        .lastsFor("duration")
                        .build(),
                action("aws:elasticache:interrupt-cluster-az-power",
                        "Deprecated: use aws:elasticache:replicationgroup-interrupt-az-power. Interrupt the power "
                                + "of the nodes of the target ElastiCache for Redis replication groups in one "
                                + "Availability Zone.")
                        .key(TargetKeyDescriptor.of("ReplicationGroups", ELASTICACHE_REDIS_REPLICATION_GROUP)
                                .withMaxResources(5))
                        .param(requiredDuration())
                        .lastsFor("duration")
                        .deprecatedBy("aws:elasticache:replicationgroup-interrupt-az-power")
                        .build(),
                action("aws:memorydb:multi-region-cluster-pause-replication",
                        "Pause the replication of the regional cluster, in the experiment's Region, of the target "
                                + "MemoryDB multi-Region clusters.")
                        .key(TargetKeyDescriptor.of("MultiRegionClusters", MEMORYDB_MULTI_REGION_CLUSTER))
                        .param(requiredDuration())
                        .lastsFor("duration")
                        .build(),
                action("aws:kinesis:stream-provisioned-throughput-exception",
                        "Return ProvisionedThroughputExceededException to GetRecords, GetShardIterator, PutRecord "
                                + "and PutRecords requests on the target Kinesis data streams.")
                        .key(streams)
                        .param(requiredDuration())
                        .param(percentage("percentage", "The percentage (1-100) of requests to fail.").required())
                        .lastsFor("duration")
                        .executable()
                        .build(),
                action("aws:kinesis:stream-expired-iterator-exception",
                        "Return ExpiredIteratorException to GetRecords requests on the target Kinesis data "
                                + "streams.")
                        .key(streams)
                        .param(requiredDuration())
                        .param(percentage("percentage", "The percentage (1-100) of requests to fail.").required())
                        .lastsFor("duration")
                        .executable()
                        .build(),
                action("aws:s3:bucket-pause-replication",
                        "Pause the replication from the target S3 buckets to the destination buckets in the "
                                + "given Region.")
                        .key(TargetKeyDescriptor.of("Buckets", S3_BUCKET)
                                .withIdentification(Identification.TAGS).withMaxResources(20))
                        .param(requiredDuration())
                        .param(string("region", "The Region of the destination buckets.").required())
                        .param(list("destinationBuckets", "Only replication to these destination buckets "
                                + "(comma-separated names)."))
                        .param(list("prefixes", "Only replication rules whose filter has one of these prefixes "
                                + "(comma-separated)."))
                        .lastsFor("duration")
                        .build());
    }

    // ---- network --------------------------------------------------------------------------------------------------

    private static List<ActionDescriptor> network() {
        return List.of(
                action("aws:network:disrupt-connectivity",
                        "Deny the given kind of traffic to and from the target subnets, by associating them with "
                                + "a cloned network ACL for the duration.")
                        .key(TargetKeyDescriptor.of("Subnets", EC2_SUBNET).withMaxResources(5))
                        .param(oneOf("scope", "The traffic to deny.", "all", "availability-zone", "dynamodb",
                                "prefix-list", "s3", "s3express", "vpc").required())
                        .param(requiredDuration())
                        .param(string("prefixListIdentifier",
                                "The name, ID or ARN of the customer-managed prefix list to deny (scope "
                                        + "prefix-list only, where it is required)."))
                        .lastsFor("duration")
                        .build(),
                action("aws:network:route-table-disrupt-cross-region-connectivity",
                        "Block the traffic from the target subnets to the given Region, with route tables that "
                                + "route its address ranges nowhere.")
                        .key(TargetKeyDescriptor.of("Subnets", EC2_SUBNET).withMaxResources(6))
                        .param(string("region", "The Region to isolate.").required())
                        .param(requiredDuration())
                        .lastsFor("duration")
                        .build(),
                action("aws:network:transit-gateway-disrupt-cross-region-connectivity",
                        "Block the traffic from the target transit gateways' peering attachments to the given "
                                + "Region.")
                        .key(TargetKeyDescriptor.of("TransitGateways", EC2_TRANSIT_GATEWAY).withMaxResources(5))
                        .param(string("region", "The Region to isolate.").required())
                        .param(requiredDuration())
                        .lastsFor("duration")
                        .build(),
                action("aws:network:disrupt-vpc-endpoint",
                        "Block the traffic to the target VPC interface endpoints, by replacing their security "
                                + "groups with an empty one for the duration.")
                        .key(TargetKeyDescriptor.of("VPCEndpoints", EC2_VPC_ENDPOINT))
                        .param(requiredDuration())
                        .lastsFor("duration")
                        .build(),
                action("aws:directconnect:virtual-interface-disconnect",
                        "Disconnect the BGP sessions of the target Direct Connect virtual interfaces (BGP failover "
                                + "test) for the duration.")
                        .key(TargetKeyDescriptor.of("VirtualInterfaces", DIRECTCONNECT_VIRTUAL_INTERFACE))
                        .param(requiredDuration(Duration.ofMinutes(10), "from 10 minutes to 12 hours"))
                        .lastsFor("duration")
                        .build());
    }

    // ---- Lambda ---------------------------------------------------------------------------------------------------

    private static List<ActionDescriptor> lambda() {
        TargetKeyDescriptor functions = TargetKeyDescriptor.of("Functions", LAMBDA_FUNCTION);
        return List.of(
                action("aws:lambda:invocation-add-delay",
                        "Delay the start of the handler of the target Lambda functions' invocations (the AWS FIS "
                                + "Lambda extension must be set up).")
                        .key(functions)
                        .param(requiredDuration())
                        .param(invocationPercentage())
                        .param(integer("startupDelayMilliseconds",
                                "The delay before the handler starts, in milliseconds (0-900000).", 0, 900_000)
                                .defaultValue("1000"))
                        .lastsFor("duration")
                        .build(),
                action("aws:lambda:invocation-error",
                        "Mark the invocations of the target Lambda functions as failed (the AWS FIS Lambda "
                                + "extension must be set up).")
                        .key(functions)
                        .param(requiredDuration())
                        .param(invocationPercentage())
                        .param(preventExecution())
                        .lastsFor("duration")
                        .build(),
                action("aws:lambda:invocation-http-integration-response",
                        "Replace the response of the target Lambda functions' invocations with the given HTTP "
                                + "integration response (the AWS FIS Lambda extension must be set up).")
                        .key(functions)
                        .param(string("contentTypeHeader", "The Content-Type header of the response.").required())
                        .param(integer("statusCode", "The HTTP status code of the response (000-999).", 0, 999)
                                .required())
                        .param(requiredDuration())
                        .param(invocationPercentage())
                        .param(preventExecution())
                        .lastsFor("duration")
                        .build());
    }

    private static ParameterDescriptor.Builder invocationPercentage() {
        return percentage("invocationPercentage", "The percentage (1-100) of invocations to inject the fault into.")
                .defaultValue("100");
    }

    private static ParameterDescriptor.Builder preventExecution() {
        return requiredBool("preventExecution",
                "Whether the fault is returned without running the handler (true), or after running it (false).");
    }

    // ---- builder --------------------------------------------------------------------------------------------------

    private static Def action(String id, String description) {
        return new Def(id, description);
    }

    /** A compact front for {@link ActionDescriptor.Builder}: catalog actions are not executable unless said. */
    private static final class Def {
        private final ActionDescriptor.Builder builder;
        private boolean executable;

        Def(String id, String description) {
            this.builder = ActionDescriptor.builder(id).description(description);
        }

        Def key(TargetKeyDescriptor key) {
            builder.target(key);
            return this;
        }

        Def param(ParameterDescriptor.Builder parameter) {
            builder.parameter(parameter.build());
            return this;
        }

        Def lastsFor(String durationParameter) {
            builder.durationParameter(durationParameter);
            return this;
        }

        Def deprecatedBy(String replacement) {
            builder.deprecatedBy(replacement);
            return this;
        }

        Def executable() {
            this.executable = true;
            return this;
        }

        ActionDescriptor build() {
            return builder.executable(executable).build();
        }
    }
}
