package dev.fisengine.aws.sdk.internal;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * What the interceptor tells the HTTP decorator about the attempt it is about to send: the service (as its endpoint
 * prefix and as the SDK's service name in lower case), the operation, the client's wire protocol as the SDK declares
 * it, and, for sync clients, the very request object, so that a stale thread-local entry is never mistaken for the
 * current attempt.
 */
final class CallTarget {
    final String serviceKey;
    final String altServiceKey;
    final String operation;
    final String serviceProtocol;
    final SdkHttpRequest request;
    /** The SDK request of the call, for rules with a request filter ({@link RequestFilters}); may be null. */
    final SdkRequest sdkRequest;
    /** The client's Region id ({@code us-east-1}), or null if unknown. */
    final String region;
    /** Set when an HTTP decorator picked the target up: a published target never taken was missed. */
    volatile boolean taken;

    CallTarget(ServiceKeys keys, String operation, String serviceProtocol, SdkHttpRequest request) {
        this(keys, operation, serviceProtocol, request, null, null);
    }

    CallTarget(ServiceKeys keys, String operation, String serviceProtocol, SdkHttpRequest request,
            SdkRequest sdkRequest, String region) {
        this.sdkRequest = sdkRequest;
        this.region = region;
        this.serviceKey = keys.key;
        this.altServiceKey = keys.alt;
        this.operation = operation;
        this.serviceProtocol = serviceProtocol;
        this.request = request;
    }

    /** The service id the error table is keyed by: the endpoint prefix, e.g. {@code monitoring}. */
    String service() {
        return serviceKey;
    }

    @Override
    public String toString() {
        return serviceKey + (altServiceKey == null ? "" : "/" + altServiceKey) + ":" + operation;
    }

    /** The service keys of one client, computed once per client and reused. */
    static final class ServiceKeys {
        final String serviceName;
        final String endpointPrefix;
        final String key;
        final String alt;

        ServiceKeys(String serviceName, String endpointPrefix) {
            this.serviceName = serviceName;
            this.endpointPrefix = endpointPrefix;
            String lower = serviceName == null ? null : serviceName.toLowerCase(java.util.Locale.ROOT);
            String prefix = endpointPrefix == null ? null : endpointPrefix.toLowerCase(java.util.Locale.ROOT);
            if (prefix == null) {
                this.key = lower;
                this.alt = null;
            } else {
                this.key = prefix;
                this.alt = lower == null || lower.equals(prefix) ? null : lower;
            }
        }

        boolean sameAs(String name, String prefix) {
            return java.util.Objects.equals(serviceName, name) && java.util.Objects.equals(endpointPrefix, prefix);
        }
    }
}
