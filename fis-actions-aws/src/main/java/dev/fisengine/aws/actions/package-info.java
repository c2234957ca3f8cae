/**
 * The API-fault actions as engine plugins: {@link dev.fisengine.api.spi.ActionProvider}s for AWS FIS's
 * {@code aws:fis:inject-api-internal-error}, {@code -throttle-error} and {@code -unavailable-error} and for this
 * engine's {@code fisengine:sdk:inject-api-latency}, {@code fisengine:sdk:inject-api-error} and
 * {@code fisengine:sdk:inject-connection-failure}. Each arms an {@link dev.fisengine.aws.sdk.ApiFaultRule} on the
 * engine's {@link dev.fisengine.aws.sdk.ApiFaultRegistry} for the action's duration; the {@code Roles} target
 * ({@code aws:iam:role}, resolved by {@link dev.fisengine.aws.iam.IamRoleTargetResolverProvider}) selects which
 * instrumented clients are hit. See {@link dev.fisengine.aws.actions.ApiFaultActions} and
 * {@code docs/api-fault-actions.md}.
 */
package dev.fisengine.aws.actions;
