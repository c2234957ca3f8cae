package dev.fisengine.aws.catalog.internal;

import dev.fisengine.aws.catalog.CatalogActionProvider;

/**
 * One {@link java.util.ServiceLoader} entry per catalog action that has no in-process implementation: ServiceLoader on
 * the class path needs a public class with a public no-argument constructor per provider, so each is a one-line
 * subclass of {@link CatalogActionProvider} naming its {@code actionId}. Listed in
 * {@code META-INF/services/dev.fisengine.api.spi.ActionProvider} by binary name
 * ({@code CatalogActionProviders$Ec2StopInstances}).
 */
public final class CatalogActionProviders {
    private CatalogActionProviders() {}

    /** {@code aws:arc:start-zonal-autoshift}. */
    public static final class ArcStartZonalAutoshift extends CatalogActionProvider {
        public ArcStartZonalAutoshift() {
            super("aws:arc:start-zonal-autoshift");
        }
    }

    /** {@code aws:directconnect:virtual-interface-disconnect}. */
    public static final class DirectconnectVirtualInterfaceDisconnect extends CatalogActionProvider {
        public DirectconnectVirtualInterfaceDisconnect() {
            super("aws:directconnect:virtual-interface-disconnect");
        }
    }

    /** {@code aws:dsql:cluster-connection-failure}. */
    public static final class DsqlClusterConnectionFailure extends CatalogActionProvider {
        public DsqlClusterConnectionFailure() {
            super("aws:dsql:cluster-connection-failure");
        }
    }

    /** {@code aws:dynamodb:global-table-pause-replication}. */
    public static final class DynamodbGlobalTablePauseReplication extends CatalogActionProvider {
        public DynamodbGlobalTablePauseReplication() {
            super("aws:dynamodb:global-table-pause-replication");
        }
    }

    /** {@code aws:ebs:pause-volume-io}. */
    public static final class EbsPauseVolumeIo extends CatalogActionProvider {
        public EbsPauseVolumeIo() {
            super("aws:ebs:pause-volume-io");
        }
    }

    /** {@code aws:ebs:volume-io-latency}. */
    public static final class EbsVolumeIoLatency extends CatalogActionProvider {
        public EbsVolumeIoLatency() {
            super("aws:ebs:volume-io-latency");
        }
    }

    /** {@code aws:ec2:asg-insufficient-instance-capacity-error}. */
    public static final class Ec2AsgInsufficientInstanceCapacityError extends CatalogActionProvider {
        public Ec2AsgInsufficientInstanceCapacityError() {
            super("aws:ec2:asg-insufficient-instance-capacity-error");
        }
    }

    /** {@code aws:ec2:reboot-instances}. */
    public static final class Ec2RebootInstances extends CatalogActionProvider {
        public Ec2RebootInstances() {
            super("aws:ec2:reboot-instances");
        }
    }

    /** {@code aws:ec2:send-spot-instance-interruptions}. */
    public static final class Ec2SendSpotInstanceInterruptions extends CatalogActionProvider {
        public Ec2SendSpotInstanceInterruptions() {
            super("aws:ec2:send-spot-instance-interruptions");
        }
    }

    /** {@code aws:ec2:stop-instances}. */
    public static final class Ec2StopInstances extends CatalogActionProvider {
        public Ec2StopInstances() {
            super("aws:ec2:stop-instances");
        }
    }

    /** {@code aws:ec2:terminate-instances}. */
    public static final class Ec2TerminateInstances extends CatalogActionProvider {
        public Ec2TerminateInstances() {
            super("aws:ec2:terminate-instances");
        }
    }

    /** {@code aws:ecs:drain-container-instances}. */
    public static final class EcsDrainContainerInstances extends CatalogActionProvider {
        public EcsDrainContainerInstances() {
            super("aws:ecs:drain-container-instances");
        }
    }

    /** {@code aws:ecs:stop-task}. */
    public static final class EcsStopTask extends CatalogActionProvider {
        public EcsStopTask() {
            super("aws:ecs:stop-task");
        }
    }

    /** {@code aws:ecs:task-cpu-stress}. */
    public static final class EcsTaskCpuStress extends CatalogActionProvider {
        public EcsTaskCpuStress() {
            super("aws:ecs:task-cpu-stress");
        }
    }

    /** {@code aws:ecs:task-io-stress}. */
    public static final class EcsTaskIoStress extends CatalogActionProvider {
        public EcsTaskIoStress() {
            super("aws:ecs:task-io-stress");
        }
    }

    /** {@code aws:ecs:task-kill-process}. */
    public static final class EcsTaskKillProcess extends CatalogActionProvider {
        public EcsTaskKillProcess() {
            super("aws:ecs:task-kill-process");
        }
    }

    /** {@code aws:ecs:task-network-blackhole-port}. */
    public static final class EcsTaskNetworkBlackholePort extends CatalogActionProvider {
        public EcsTaskNetworkBlackholePort() {
            super("aws:ecs:task-network-blackhole-port");
        }
    }

    /** {@code aws:ecs:task-network-latency}. */
    public static final class EcsTaskNetworkLatency extends CatalogActionProvider {
        public EcsTaskNetworkLatency() {
            super("aws:ecs:task-network-latency");
        }
    }

    /** {@code aws:ecs:task-network-packet-loss}. */
    public static final class EcsTaskNetworkPacketLoss extends CatalogActionProvider {
        public EcsTaskNetworkPacketLoss() {
            super("aws:ecs:task-network-packet-loss");
        }
    }

    /** {@code aws:eks:inject-kubernetes-custom-resource}. */
    public static final class EksInjectKubernetesCustomResource extends CatalogActionProvider {
        public EksInjectKubernetesCustomResource() {
            super("aws:eks:inject-kubernetes-custom-resource");
        }
    }

    /** {@code aws:eks:pod-cpu-stress}. */
    public static final class EksPodCpuStress extends CatalogActionProvider {
        public EksPodCpuStress() {
            super("aws:eks:pod-cpu-stress");
        }
    }

    /** {@code aws:eks:pod-delete}. */
    public static final class EksPodDelete extends CatalogActionProvider {
        public EksPodDelete() {
            super("aws:eks:pod-delete");
        }
    }

    /** {@code aws:eks:pod-io-stress}. */
    public static final class EksPodIoStress extends CatalogActionProvider {
        public EksPodIoStress() {
            super("aws:eks:pod-io-stress");
        }
    }

    /** {@code aws:eks:pod-memory-stress}. */
    public static final class EksPodMemoryStress extends CatalogActionProvider {
        public EksPodMemoryStress() {
            super("aws:eks:pod-memory-stress");
        }
    }

    /** {@code aws:eks:pod-network-blackhole-port}. */
    public static final class EksPodNetworkBlackholePort extends CatalogActionProvider {
        public EksPodNetworkBlackholePort() {
            super("aws:eks:pod-network-blackhole-port");
        }
    }

    /** {@code aws:eks:pod-network-latency}. */
    public static final class EksPodNetworkLatency extends CatalogActionProvider {
        public EksPodNetworkLatency() {
            super("aws:eks:pod-network-latency");
        }
    }

    /** {@code aws:eks:pod-network-packet-loss}. */
    public static final class EksPodNetworkPacketLoss extends CatalogActionProvider {
        public EksPodNetworkPacketLoss() {
            super("aws:eks:pod-network-packet-loss");
        }
    }

    /** {@code aws:eks:terminate-nodegroup-instances}. */
    public static final class EksTerminateNodegroupInstances extends CatalogActionProvider {
        public EksTerminateNodegroupInstances() {
            super("aws:eks:terminate-nodegroup-instances");
        }
    }

    /** {@code aws:elasticache:interrupt-cluster-az-power}. */
    public static final class ElasticacheInterruptClusterAzPower extends CatalogActionProvider {
        public ElasticacheInterruptClusterAzPower() {
            super("aws:elasticache:interrupt-cluster-az-power");
        }
    }

    /** {@code aws:elasticache:replicationgroup-interrupt-az-power}. */
    public static final class ElasticacheReplicationgroupInterruptAzPower extends CatalogActionProvider {
        public ElasticacheReplicationgroupInterruptAzPower() {
            super("aws:elasticache:replicationgroup-interrupt-az-power");
        }
    }

    /** {@code aws:lambda:invocation-add-delay}. */
    public static final class LambdaInvocationAddDelay extends CatalogActionProvider {
        public LambdaInvocationAddDelay() {
            super("aws:lambda:invocation-add-delay");
        }
    }

    /** {@code aws:lambda:invocation-error}. */
    public static final class LambdaInvocationError extends CatalogActionProvider {
        public LambdaInvocationError() {
            super("aws:lambda:invocation-error");
        }
    }

    /** {@code aws:lambda:invocation-http-integration-response}. */
    public static final class LambdaInvocationHttpIntegrationResponse extends CatalogActionProvider {
        public LambdaInvocationHttpIntegrationResponse() {
            super("aws:lambda:invocation-http-integration-response");
        }
    }

    /** {@code aws:memorydb:multi-region-cluster-pause-replication}. */
    public static final class MemorydbMultiRegionClusterPauseReplication extends CatalogActionProvider {
        public MemorydbMultiRegionClusterPauseReplication() {
            super("aws:memorydb:multi-region-cluster-pause-replication");
        }
    }

    /** {@code aws:network:disrupt-connectivity}. */
    public static final class NetworkDisruptConnectivity extends CatalogActionProvider {
        public NetworkDisruptConnectivity() {
            super("aws:network:disrupt-connectivity");
        }
    }

    /** {@code aws:network:disrupt-vpc-endpoint}. */
    public static final class NetworkDisruptVpcEndpoint extends CatalogActionProvider {
        public NetworkDisruptVpcEndpoint() {
            super("aws:network:disrupt-vpc-endpoint");
        }
    }

    /** {@code aws:network:route-table-disrupt-cross-region-connectivity}. */
    public static final class NetworkRouteTableDisruptCrossRegionConnectivity extends CatalogActionProvider {
        public NetworkRouteTableDisruptCrossRegionConnectivity() {
            super("aws:network:route-table-disrupt-cross-region-connectivity");
        }
    }

    /** {@code aws:network:transit-gateway-disrupt-cross-region-connectivity}. */
    public static final class NetworkTransitGatewayDisruptCrossRegionConnectivity extends CatalogActionProvider {
        public NetworkTransitGatewayDisruptCrossRegionConnectivity() {
            super("aws:network:transit-gateway-disrupt-cross-region-connectivity");
        }
    }

    /** {@code aws:rds:failover-db-cluster}. */
    public static final class RdsFailoverDbCluster extends CatalogActionProvider {
        public RdsFailoverDbCluster() {
            super("aws:rds:failover-db-cluster");
        }
    }

    /** {@code aws:rds:reboot-db-instances}. */
    public static final class RdsRebootDbInstances extends CatalogActionProvider {
        public RdsRebootDbInstances() {
            super("aws:rds:reboot-db-instances");
        }
    }

    /** {@code aws:s3:bucket-pause-replication}. */
    public static final class S3BucketPauseReplication extends CatalogActionProvider {
        public S3BucketPauseReplication() {
            super("aws:s3:bucket-pause-replication");
        }
    }

    /** {@code aws:ssm:send-command}. */
    public static final class SsmSendCommand extends CatalogActionProvider {
        public SsmSendCommand() {
            super("aws:ssm:send-command");
        }
    }

    /** {@code aws:ssm:start-automation-execution}. */
    public static final class SsmStartAutomationExecution extends CatalogActionProvider {
        public SsmStartAutomationExecution() {
            super("aws:ssm:start-automation-execution");
        }
    }
}
