/**
 * API fault injection into AWS SDK for Java v2 clients: the in-process form of FIS's
 * {@code aws:fis:inject-api-internal-error}, {@code -throttle-error} and {@code -unavailable-error} actions, plus
 * latency, custom errors and connection failures. {@link dev.fisengine.aws.sdk.FisSdk} instruments clients;
 * {@link dev.fisengine.aws.sdk.ApiFaultRegistry} holds an engine's armed {@link dev.fisengine.aws.sdk.ApiFaultRule}s.
 * Which error each service answers with is in {@code docs/sdk-faults.md}.
 */
package dev.fisengine.aws.sdk;
