/**
 * AWS FIS infrastructure actions run through the AWS SDK (EC2, ECS, RDS, SSM, EKS, network ACLs) and target
 * resolvers that describe real resources, against AWS, LocalStack or moto; the durable {@link
 * dev.fisengine.aws.infra.RevertJournal} and {@link dev.fisengine.aws.infra.InfraRecovery}. Configured per engine
 * with an {@link dev.fisengine.aws.infra.InfraSettings} component; see {@code docs/infrastructure-actions.md}.
 */
package dev.fisengine.aws.infra;
