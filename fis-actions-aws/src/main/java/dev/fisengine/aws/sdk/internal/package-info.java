/**
 * The machinery behind {@link dev.fisengine.aws.sdk}: the immutable fault snapshot and its registry, the
 * interceptors and HTTP decorators on the SDK hot path, and the protocol-aware error responses. No compatibility
 * promise; never imported from another module.
 */
package dev.fisengine.aws.sdk.internal;
