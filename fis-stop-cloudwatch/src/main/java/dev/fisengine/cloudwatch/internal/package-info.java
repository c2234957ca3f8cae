/**
 * Internals of the CloudWatch plugin: alarm ARNs, the per-engine client cache, the batched alarm reader and the
 * shared poller behind the {@code aws:cloudwatch:alarm} monitors. No compatibility promise.
 */
package dev.fisengine.cloudwatch.internal;
