package dev.fisengine.aws.catalog.internal;

import dev.fisengine.aws.catalog.ArnTargetResolverProvider;

/**
 * One {@link java.util.ServiceLoader} entry per catalog resource type except {@code aws:iam:role} (resolved by
 * {@code dev.fisengine.aws.iam}): a one-line subclass of {@link ArnTargetResolverProvider} naming its resource type.
 * Listed in {@code META-INF/services/dev.fisengine.api.spi.TargetResolverProvider} by binary name
 * ({@code ArnTargetResolvers$Ec2Instance}).
 */
public final class ArnTargetResolvers {
    private ArnTargetResolvers() {}

    /** {@code aws:arc:zonal-shift-managed-resource}. */
    public static final class ArcZonalShiftManagedResource extends ArnTargetResolverProvider {
        public ArcZonalShiftManagedResource() {
            super("aws:arc:zonal-shift-managed-resource");
        }
    }

    /** {@code aws:directconnect:virtual-interface}. */
    public static final class DirectconnectVirtualInterface extends ArnTargetResolverProvider {
        public DirectconnectVirtualInterface() {
            super("aws:directconnect:virtual-interface");
        }
    }

    /** {@code aws:dsql:cluster}. */
    public static final class DsqlCluster extends ArnTargetResolverProvider {
        public DsqlCluster() {
            super("aws:dsql:cluster");
        }
    }

    /** {@code aws:dynamodb:global-table}. */
    public static final class DynamodbGlobalTable extends ArnTargetResolverProvider {
        public DynamodbGlobalTable() {
            super("aws:dynamodb:global-table");
        }
    }

    /** {@code aws:ec2:autoscaling-group}. */
    public static final class Ec2AutoscalingGroup extends ArnTargetResolverProvider {
        public Ec2AutoscalingGroup() {
            super("aws:ec2:autoscaling-group");
        }
    }

    /** {@code aws:ec2:ebs-volume}. */
    public static final class Ec2EbsVolume extends ArnTargetResolverProvider {
        public Ec2EbsVolume() {
            super("aws:ec2:ebs-volume");
        }
    }

    /** {@code aws:ec2:instance}. */
    public static final class Ec2Instance extends ArnTargetResolverProvider {
        public Ec2Instance() {
            super("aws:ec2:instance");
        }
    }

    /** {@code aws:ec2:spot-instance}. */
    public static final class Ec2SpotInstance extends ArnTargetResolverProvider {
        public Ec2SpotInstance() {
            super("aws:ec2:spot-instance");
        }
    }

    /** {@code aws:ec2:subnet}. */
    public static final class Ec2Subnet extends ArnTargetResolverProvider {
        public Ec2Subnet() {
            super("aws:ec2:subnet");
        }
    }

    /** {@code aws:ec2:transit-gateway}. */
    public static final class Ec2TransitGateway extends ArnTargetResolverProvider {
        public Ec2TransitGateway() {
            super("aws:ec2:transit-gateway");
        }
    }

    /** {@code aws:ec2:vpc-endpoint}. */
    public static final class Ec2VpcEndpoint extends ArnTargetResolverProvider {
        public Ec2VpcEndpoint() {
            super("aws:ec2:vpc-endpoint");
        }
    }

    /** {@code aws:ecs:cluster}. */
    public static final class EcsCluster extends ArnTargetResolverProvider {
        public EcsCluster() {
            super("aws:ecs:cluster");
        }
    }

    /** {@code aws:ecs:task}. */
    public static final class EcsTask extends ArnTargetResolverProvider {
        public EcsTask() {
            super("aws:ecs:task");
        }
    }

    /** {@code aws:eks:cluster}. */
    public static final class EksCluster extends ArnTargetResolverProvider {
        public EksCluster() {
            super("aws:eks:cluster");
        }
    }

    /** {@code aws:eks:nodegroup}. */
    public static final class EksNodegroup extends ArnTargetResolverProvider {
        public EksNodegroup() {
            super("aws:eks:nodegroup");
        }
    }

    /** {@code aws:eks:pod}. */
    public static final class EksPod extends ArnTargetResolverProvider {
        public EksPod() {
            super("aws:eks:pod");
        }
    }

    /** {@code aws:elasticache:redis-replicationgroup}. */
    public static final class ElasticacheRedisReplicationgroup extends ArnTargetResolverProvider {
        public ElasticacheRedisReplicationgroup() {
            super("aws:elasticache:redis-replicationgroup");
        }
    }

    /** {@code aws:elasticache:replicationgroup}. */
    public static final class ElasticacheReplicationgroup extends ArnTargetResolverProvider {
        public ElasticacheReplicationgroup() {
            super("aws:elasticache:replicationgroup");
        }
    }

    /** {@code aws:kinesis:stream}. */
    public static final class KinesisStream extends ArnTargetResolverProvider {
        public KinesisStream() {
            super("aws:kinesis:stream");
        }
    }

    /** {@code aws:lambda:function}. */
    public static final class LambdaFunction extends ArnTargetResolverProvider {
        public LambdaFunction() {
            super("aws:lambda:function");
        }
    }

    /** {@code aws:memorydb:multi-region-cluster}. */
    public static final class MemorydbMultiRegionCluster extends ArnTargetResolverProvider {
        public MemorydbMultiRegionCluster() {
            super("aws:memorydb:multi-region-cluster");
        }
    }

    /** {@code aws:rds:cluster}. */
    public static final class RdsCluster extends ArnTargetResolverProvider {
        public RdsCluster() {
            super("aws:rds:cluster");
        }
    }

    /** {@code aws:rds:db}. */
    public static final class RdsDb extends ArnTargetResolverProvider {
        public RdsDb() {
            super("aws:rds:db");
        }
    }

    /** {@code aws:s3:bucket}. */
    public static final class S3Bucket extends ArnTargetResolverProvider {
        public S3Bucket() {
            super("aws:s3:bucket");
        }
    }
}
