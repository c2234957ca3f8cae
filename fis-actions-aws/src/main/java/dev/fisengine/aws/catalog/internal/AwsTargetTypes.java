package dev.fisengine.aws.catalog.internal;

import static dev.fisengine.aws.catalog.internal.Params.list;
import static dev.fisengine.aws.catalog.internal.Params.oneOf;
import static dev.fisengine.aws.catalog.internal.Params.string;

import dev.fisengine.api.spi.Identification;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The AWS FIS target resource types (FIS User Guide, "Targets for AWS FIS": the 24 supported types) plus the legacy
 * {@code aws:elasticache:redis-replicationgroup}, with their target parameters and identification modes.
 */
public final class AwsTargetTypes {
    public static final String ARC_ZONAL_SHIFT_MANAGED_RESOURCE = "aws:arc:zonal-shift-managed-resource";
    public static final String DIRECTCONNECT_VIRTUAL_INTERFACE = "aws:directconnect:virtual-interface";
    public static final String DSQL_CLUSTER = "aws:dsql:cluster";
    public static final String DYNAMODB_GLOBAL_TABLE = "aws:dynamodb:global-table";
    public static final String EC2_AUTOSCALING_GROUP = "aws:ec2:autoscaling-group";
    public static final String EC2_EBS_VOLUME = "aws:ec2:ebs-volume";
    public static final String EC2_INSTANCE = "aws:ec2:instance";
    public static final String EC2_SPOT_INSTANCE = "aws:ec2:spot-instance";
    public static final String EC2_SUBNET = "aws:ec2:subnet";
    public static final String EC2_TRANSIT_GATEWAY = "aws:ec2:transit-gateway";
    public static final String EC2_VPC_ENDPOINT = "aws:ec2:vpc-endpoint";
    public static final String ECS_CLUSTER = "aws:ecs:cluster";
    public static final String ECS_TASK = "aws:ecs:task";
    public static final String EKS_CLUSTER = "aws:eks:cluster";
    public static final String EKS_NODEGROUP = "aws:eks:nodegroup";
    public static final String EKS_POD = "aws:eks:pod";
    public static final String ELASTICACHE_REPLICATION_GROUP = "aws:elasticache:replicationgroup";
    public static final String IAM_ROLE = "aws:iam:role";
    public static final String KINESIS_STREAM = "aws:kinesis:stream";
    public static final String LAMBDA_FUNCTION = "aws:lambda:function";
    public static final String MEMORYDB_MULTI_REGION_CLUSTER = "aws:memorydb:multi-region-cluster";
    public static final String RDS_CLUSTER = "aws:rds:cluster";
    public static final String RDS_DB = "aws:rds:db";
    public static final String S3_BUCKET = "aws:s3:bucket";
    /** Legacy name of {@link #ELASTICACHE_REPLICATION_GROUP}, still used by the deprecated AZ-power action. */
    public static final String ELASTICACHE_REDIS_REPLICATION_GROUP = "aws:elasticache:redis-replicationgroup";

    private static final Set<Identification> ARNS_TAGS_FILTERS =
            EnumSet.of(Identification.ARNS, Identification.TAGS, Identification.FILTERS);
    private static final Set<Identification> ARNS_TAGS_FILTERS_PARAMETERS = EnumSet.allOf(Identification.class);

    private AwsTargetTypes() {}

    /** Every type, sorted by resource type. */
    public static List<TargetTypeDescriptor> all() {
        List<TargetTypeDescriptor> types = new ArrayList<>(List.of(
                plain(ARC_ZONAL_SHIFT_MANAGED_RESOURCE,
                        "Resources registered with Amazon Application Recovery Controller zonal shift (Auto Scaling "
                                + "groups, Application and Network Load Balancers, EKS clusters)."),
                plain(DIRECTCONNECT_VIRTUAL_INTERFACE, "AWS Direct Connect virtual interfaces."),
                plain(DSQL_CLUSTER, "Amazon Aurora DSQL clusters."),
                plain(DYNAMODB_GLOBAL_TABLE, "Amazon DynamoDB global tables."),
                plain(EC2_AUTOSCALING_GROUP, "Amazon EC2 Auto Scaling groups."),
                withParameters(EC2_EBS_VOLUME, "Amazon EBS volumes.",
                        string("availabilityZoneIdentifier",
                                "The Availability Zone (name or ID) of the volumes.")),
                plain(EC2_INSTANCE, "Amazon EC2 instances."),
                plain(EC2_SPOT_INSTANCE, "Amazon EC2 Spot Instances."),
                withParameters(EC2_SUBNET, "Amazon VPC subnets.",
                        string("availabilityZoneIdentifier",
                                "The Availability Zone (name, such as us-east-1a, or ID, such as use1-az1) of the "
                                        + "subnets."),
                        string("vpc", "The VPC of the subnets; at most one VPC per account.")),
                plain(EC2_TRANSIT_GATEWAY, "AWS Transit Gateway transit gateways."),
                plain(EC2_VPC_ENDPOINT, "Amazon VPC interface endpoints."),
                plain(ECS_CLUSTER, "Amazon ECS clusters."),
                withParameters(ECS_TASK, "Amazon ECS tasks.",
                        string("cluster", "The ECS cluster of the tasks."),
                        string("service", "The ECS service of the tasks.")),
                plain(EKS_CLUSTER, "Amazon EKS clusters."),
                plain(EKS_NODEGROUP, "Amazon EKS managed node groups."),
                new TargetTypeDescriptor(EKS_POD,
                        "Kubernetes pods in an Amazon EKS cluster. Identified by parameters only (no resource ARNs "
                                + "or tags).",
                        List.of(
                                string("clusterIdentifier", "The name or ARN of the EKS cluster.").required().build(),
                                string("namespace", "The Kubernetes namespace of the pods.").required().build(),
                                oneOf("selectorType", "How selectorValue selects the pods.",
                                        "labelSelector", "deploymentName", "podName").required().build(),
                                string("selectorValue",
                                        "The label selector, deployment name or pod name, as selectorType says.")
                                        .required().build(),
                                string("availabilityZoneIdentifier",
                                        "Only pods in this Availability Zone (name or ID).").build(),
                                string("targetContainerName",
                                        "The container to target; defaults to the first container of the pod.")
                                        .build()),
                        EnumSet.of(Identification.PARAMETERS), null),
                withParameters(ELASTICACHE_REPLICATION_GROUP,
                        "Amazon ElastiCache (Redis OSS / Valkey) Multi-AZ replication groups.",
                        availabilityZoneOfReplicationGroups()),
                plain(IAM_ROLE, "IAM roles. API fault actions affect the requests made by the target roles."),
                plain(KINESIS_STREAM, "Amazon Kinesis data streams."),
                withParameters(LAMBDA_FUNCTION, "AWS Lambda functions.",
                        string("functionQualifier",
                                "The function version or alias to target, or $LATEST.")),
                plain(MEMORYDB_MULTI_REGION_CLUSTER, "Amazon MemoryDB multi-Region clusters."),
                withParameters(RDS_CLUSTER, "Amazon Aurora and Amazon RDS DB clusters.",
                        list("writerAvailabilityZoneIdentifiers",
                                "Only clusters whose writer is in one of these Availability Zones (comma-separated "
                                        + "names or IDs), or all.")),
                withParameters(RDS_DB, "Amazon RDS DB instances.",
                        list("availabilityZoneIdentifiers",
                                "Only DB instances in one of these Availability Zones (comma-separated names or "
                                        + "IDs), or all.")),
                plain(S3_BUCKET, "Amazon S3 buckets."),
                new TargetTypeDescriptor(ELASTICACHE_REDIS_REPLICATION_GROUP,
                        "Amazon ElastiCache for Redis replication groups (legacy name of "
                                + ELASTICACHE_REPLICATION_GROUP + ").",
                        List.of(availabilityZoneOfReplicationGroups().build()), ARNS_TAGS_FILTERS_PARAMETERS,
                        ELASTICACHE_REPLICATION_GROUP)));
        types.sort(Comparator.comparing(TargetTypeDescriptor::resourceType));
        return List.copyOf(types);
    }

    private static ParameterDescriptor.Builder availabilityZoneOfReplicationGroups() {
        return string("availabilityZoneIdentifier",
                "The Availability Zone (name or ID) whose nodes lose power.").required();
    }

    private static TargetTypeDescriptor plain(String type, String description) {
        return new TargetTypeDescriptor(type, description, List.of(), ARNS_TAGS_FILTERS, null);
    }

    private static TargetTypeDescriptor withParameters(String type, String description,
            ParameterDescriptor.Builder... parameters) {
        return new TargetTypeDescriptor(type, description,
                Arrays.stream(parameters).map(ParameterDescriptor.Builder::build).toList(),
                ARNS_TAGS_FILTERS_PARAMETERS, null);
    }
}
