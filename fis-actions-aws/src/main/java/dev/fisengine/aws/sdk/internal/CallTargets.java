package dev.fisengine.aws.sdk.internal;

import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.ClientType;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpExecutionAttributes;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;

/**
 * How the interceptor hands an attempt's {@link CallTarget} to the HTTP decorator.
 *
 * <p>Sync clients run {@code beforeTransmission} and the HTTP client's {@code prepareRequest} on the same thread,
 * back to back: a thread-local carries the target, tagged with the attempt (request object, or the SDK's invocation-id and
 * attempt headers when the SDK passes a copy) so that an entry left by an attempt that never reached a decorator is
 * ignored. Async clients may run them on different threads: the target
 * rides in the attempt's {@link SdkHttpExecutionAttributes}, which the SDK passes to the async HTTP client with each
 * request. (A marker header would be signed by SigV4 before the decorator could strip it, and the request object an
 * async client receives is a copy, so neither works.)
 */
final class CallTargets {
    /** The attribute that carries the target to async HTTP clients. */
    static final SdkHttpExecutionAttribute<CallTarget> ATTRIBUTE = new TargetAttribute();

    private static final ThreadLocal<CallTarget> SYNC = new ThreadLocal<>();
    private static final String INVOCATION_ID = "amz-sdk-invocation-id";
    private static final String ATTEMPT = "amz-sdk-request";

    private CallTargets() {}

    /**
     * Publishes the target of the attempt about to be sent, when some rule of {@code index} can hit its operation
     * (per the client's {@link ClientView}, rebuilt only when the snapshot or the service changes); otherwise does
     * nothing and allocates nothing. Called by interceptors only when something is armed.
     */
    static void publish(ViewCache cache, FaultIndex index, SdkRequest sdkRequest, SdkHttpRequest request,
            ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (operation == null) {
            return;
        }
        ClientView view = cache.view(index, attributes);
        if (view == null || !view.hits(operation)) {
            return; // no rule of this snapshot can hit the attempt: publish nothing, allocate nothing
        }
        CallTarget.ServiceKeys keys = view.keys;
        Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
        String regionId = region == null ? null : region.id();
        if (attributes.getAttribute(SdkExecutionAttribute.CLIENT_TYPE) == ClientType.ASYNC) {
            if (SdkInternals.HTTP_EXECUTION_ATTRIBUTES == null) {
                return;
            }
            CallTarget target = new CallTarget(keys, operation, SdkInternals.serviceProtocol(attributes), null,
                    sdkRequest, regionId);
            SdkHttpExecutionAttributes existing = attributes.getAttribute(SdkInternals.HTTP_EXECUTION_ATTRIBUTES);
            SdkHttpExecutionAttributes.Builder b = existing == null ? SdkHttpExecutionAttributes.builder()
                    : existing.toBuilder();
            attributes.putAttribute(SdkInternals.HTTP_EXECUTION_ATTRIBUTES, b.put(ATTRIBUTE, target).build());
        } else {
            SYNC.set(new CallTarget(keys, operation, SdkInternals.serviceProtocol(attributes), request, sdkRequest,
                    regionId));
        }
    }

    /** Takes the sync target published for {@code request} on this thread, or {@code null}. */
    static CallTarget takeSync(SdkHttpRequest request) {
        CallTarget t = SYNC.get();
        if (t == null) {
            return null;
        }
        SYNC.set(null);
        if (sameAttempt(t.request, request)) {
            t.taken = true;
            return t;
        }
        return null;
    }

    /**
     * Whether two request objects are the same attempt. The SDK hands the HTTP client a copy of the request it showed
     * the interceptor when the request has a body, so the SDK's per-call invocation id and per-attempt
     * {@code amz-sdk-request} headers identify the attempt.
     */
    private static boolean sameAttempt(SdkHttpRequest published, SdkHttpRequest sent) {
        if (published == sent) {
            return true;
        }
        String invocation = published.firstMatchingHeader(INVOCATION_ID).orElse(null);
        return invocation != null
                && invocation.equals(sent.firstMatchingHeader(INVOCATION_ID).orElse(null))
                && published.firstMatchingHeader(ATTEMPT).equals(sent.firstMatchingHeader(ATTEMPT));
    }

    /** Forgets any sync target left on this thread. */
    /**
     * Clears the thread's entry by setting it to {@code null}, never {@code remove()}: a {@code get()} on a thread
     * without an entry makes one (ThreadLocal's initial value), so remove-then-get would allocate a 32-byte entry on
     * every armed attempt; a null entry kept for the thread costs nothing per attempt.
     */
    static void clearSync() {
        if (SYNC.get() != null) {
            SYNC.set(null);
        }
    }

    /** The async target of an attempt, or {@code null}. */
    static CallTarget async(SdkHttpExecutionAttributes attributes) {
        CallTarget t = attributes == null ? null : attributes.getAttribute(ATTRIBUTE);
        if (t != null) {
            t.taken = true;
        }
        return t;
    }

    /**
     * Whether the last attempt of the call was published for a fault but no fault-injecting HTTP client took it:
     * the client's HTTP client is not this module's decorator. Clears the sync entry.
     */
    static boolean missed(ExecutionAttributes attributes) {
        CallTarget sync = SYNC.get();
        if (sync != null) {
            SYNC.set(null);
            return !sync.taken;
        }
        if (SdkInternals.HTTP_EXECUTION_ATTRIBUTES == null) {
            return false;
        }
        SdkHttpExecutionAttributes http = attributes.getAttribute(SdkInternals.HTTP_EXECUTION_ATTRIBUTES);
        CallTarget async = http == null ? null : http.getAttribute(ATTRIBUTE);
        return async != null && !async.taken;
    }

    private static final class TargetAttribute extends SdkHttpExecutionAttribute<CallTarget> {
        TargetAttribute() {
            super(CallTarget.class);
        }
    }

    /**
     * The last {@link ClientView} of one interceptor. An interceptor that serves a single client
     * ({@code singleService}: the one {@code FisSdk.instrument} adds, the global one the SDK creates per client)
     * reuses its view while the snapshot is the same, reading no service attribute; a shareable one
     * ({@code FisSdk.interceptor}) also checks the attempt's service name.
     */
    static final class ViewCache {
        private final boolean singleService;
        private volatile ClientView last;

        ViewCache(boolean singleService) {
            this.singleService = singleService;
        }

        /** The view of {@code index} for the attempt's client, or {@code null} if the attempt names no service. */
        ClientView view(FaultIndex index, ExecutionAttributes attributes) {
            ClientView v = last;
            if (v != null && v.index == index && singleService) {
                return v;
            }
            String serviceName = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            if (v != null && v.isFor(index, serviceName)) {
                return v;
            }
            String prefix = attributes.getAttribute(AwsExecutionAttribute.ENDPOINT_PREFIX);
            if (serviceName == null && prefix == null) {
                return null;
            }
            v = ClientView.of(index, serviceName, prefix, v);
            last = v;
            return v;
        }
    }
}
