package dev.fisengine.aws.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ClientType;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The exemption marker: which User-Agents carry it, and that the decorator looks at the header only when an armed
 * rule matches the attempt, before any rule decides (so the idle path and unmatched attempts never pay for it, and
 * exempt attempts are not counted as matched).
 */
class ExemptionTest {
    private final FaultRegistry registry = new FaultRegistry("exemption");
    private final ClientBinding binding = new ClientBinding(registry, "arn:aws:iam::1:role/r");
    private final ExecutionAttributes attributes = new ExecutionAttributes()
            .putAttribute(SdkExecutionAttribute.SERVICE_NAME, "DynamoDb")
            .putAttribute(SdkExecutionAttribute.OPERATION_NAME, "GetItem")
            .putAttribute(SdkExecutionAttribute.CLIENT_TYPE, ClientType.SYNC);

    @AfterEach
    void clear() {
        CallTargets.clearSync();
    }

    @Test
    void theTokenCountsOnlyAsAWordOfItsOwn() {
        assertThat(Exemption.hasToken("aws-sdk-java/2.57.8 md/io#sync fisengine-exempt/1")).isTrue();
        assertThat(Exemption.hasToken("fisengine-exempt/1 aws-sdk-java/2.57.8")).isTrue();
        assertThat(Exemption.hasToken("aws-sdk-java/2.57.8 fisengine-exempt fisengine-stop-condition/1")).isTrue();
        assertThat(Exemption.hasToken("aws-sdk-java/2.57.8 fisengine-exempt")).isTrue();
        assertThat(Exemption.hasToken("aws-sdk-java/2.57.8 my-fisengine-exempt/1 fisengine-exempt-x/2")).isFalse();
        assertThat(Exemption.hasToken("aws-sdk-java/2.57.8 fisengine-stop-condition/1")).isFalse();
        assertThat(Exemption.hasToken("")).isFalse();
        assertThat(Exemption.isExempt(request("x fisengine-exempt/1"))).isTrue();
        assertThat(Exemption.isExempt(request(null))).isFalse();
        assertThat(Exemption.isExempt(null)).isFalse();
    }

    @Test
    void anExemptAttemptIsNotHitNorCountedByAMatchingRule() {
        try (ArmedApiFault armed = registry.arm(ApiFaultRule.builder().service("dynamodb")
                .fault(ApiFault.throttle()).build())) {
            CountingRequest exempt = new CountingRequest(request("aws-sdk-java/2.57.8 fisengine-exempt/1"));
            RecordingHttpClient real = new RecordingHttpClient();
            assertThat(attempt(new FaultInjectingHttpClient(real, binding), exempt)).isSameAs(real.executable);
            assertThat(exempt.headerReads.get()).as("the marker was looked for").isPositive();
            assertThat(armed.matchedCalls()).isZero();

            CountingRequest ordinary = new CountingRequest(request("aws-sdk-java/2.57.8"));
            assertThat(attempt(new FaultInjectingHttpClient(real, binding), ordinary))
                    .as("an ordinary attempt of the same service is hit").isNotSameAs(real.executable);
            assertThat(armed.injectedFaults()).isEqualTo(1);
        }
    }

    @Test
    void theHeaderIsNotReadWhenNoRuleMatches() {
        RecordingHttpClient real = new RecordingHttpClient();
        CountingRequest idle = new CountingRequest(request("aws-sdk-java/2.57.8 fisengine-exempt/1"));
        assertThat(attempt(new FaultInjectingHttpClient(real, binding), idle)).isSameAs(real.executable);
        assertThat(idle.headerReads.get()).as("idle").isZero();

        try (ArmedApiFault armed = registry.arm(ApiFaultRule.builder().service("s3").fault(ApiFault.throttle())
                .build())) {
            CountingRequest unmatched = new CountingRequest(request("aws-sdk-java/2.57.8 fisengine-exempt/1"));
            assertThat(attempt(new FaultInjectingHttpClient(real, binding), unmatched)).isSameAs(real.executable);
            assertThat(unmatched.headerReads.get()).as("armed for another service").isZero();
            assertThat(armed.matchedCalls()).isZero();
        }
    }

    /** One sync attempt as the SDK makes it: the interceptor publishes the target, then the decorator prepares. */
    private ExecutableHttpRequest attempt(FaultInjectingHttpClient client, SdkHttpRequest request) {
        InterceptorContext context = InterceptorContext.builder().request(GetItemRequest.builder().tableName("t")
                .build()).httpRequest(request).build();
        new FaultInterceptor(binding).beforeTransmission(context, attributes);
        return client.prepareRequest(HttpExecuteRequest.builder().request(request).build());
    }

    private static SdkHttpRequest request(String userAgent) {
        SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1/")).putHeader("amz-sdk-invocation-id", "inv-1")
                .putHeader("amz-sdk-request", "attempt=1; max=1");
        if (userAgent != null) {
            b.putHeader("User-Agent", userAgent);
        }
        return b.build();
    }

    /** A request that counts how often its headers are read by name. */
    private static final class CountingRequest implements SdkHttpRequest {
        private final SdkHttpRequest delegate;
        final AtomicInteger headerReads = new AtomicInteger();

        CountingRequest(SdkHttpRequest delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<String> firstMatchingHeader(String header) {
            if (header.equalsIgnoreCase("User-Agent")) {
                headerReads.incrementAndGet();
            }
            return delegate.firstMatchingHeader(header);
        }

        @Override
        public Map<String, List<String>> headers() {
            return delegate.headers();
        }

        @Override
        public String protocol() {
            return delegate.protocol();
        }

        @Override
        public String host() {
            return delegate.host();
        }

        @Override
        public int port() {
            return delegate.port();
        }

        @Override
        public String encodedPath() {
            return delegate.encodedPath();
        }

        @Override
        public Map<String, List<String>> rawQueryParameters() {
            return delegate.rawQueryParameters();
        }

        @Override
        public SdkHttpMethod method() {
            return delegate.method();
        }

        @Override
        public Builder toBuilder() {
            return delegate.toBuilder();
        }
    }
}
