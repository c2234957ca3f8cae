/**
 * IAM roles as FIS targets: the {@code aws:iam:role} resolver
 * ({@link dev.fisengine.aws.iam.IamRoleTargetResolverProvider}) behind the {@code Roles} target of the API-fault
 * actions, and the per-engine registry of roles and their tags it resolves tag-identified targets against
 * ({@link dev.fisengine.aws.iam.KnownRoles}). A role selected by an experiment is the principal role of the AWS SDK
 * clients its API faults hit (see {@code docs/api-fault-actions.md}).
 */
package dev.fisengine.aws.iam;
