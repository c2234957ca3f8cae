package dev.fisengine.aws.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ClientType;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The idle hot path: the SDK's objects are passed through untouched, nothing is allocated, and with the zero-code
 * switch off (as in this JVM) the global interceptor does nothing even when the default engine has faults armed.
 */
class IdlePathTest {
    private final FaultRegistry registry = new FaultRegistry("idle");
    private final ClientBinding binding = new ClientBinding(registry, "arn:aws:iam::1:role/r");
    private final SdkHttpRequest httpRequest = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
            .uri(URI.create("http://127.0.0.1/")).putHeader("amz-sdk-invocation-id", "inv-1")
            .putHeader("amz-sdk-request", "attempt=1; max=4").build();
    private final HttpExecuteRequest executeRequest = HttpExecuteRequest.builder().request(httpRequest).build();
    private final InterceptorContext context = InterceptorContext.builder()
            .request(GetItemRequest.builder().tableName("t").build())
            .httpRequest(httpRequest).build();
    private final ExecutionAttributes attributes = new ExecutionAttributes()
            .putAttribute(SdkExecutionAttribute.SERVICE_NAME, "DynamoDb")
            .putAttribute(SdkExecutionAttribute.OPERATION_NAME, "GetItem")
            .putAttribute(SdkExecutionAttribute.CLIENT_TYPE, ClientType.SYNC);

    @AfterEach
    void unbind() {
        DefaultBinding.set(null);
        CallTargets.clearSync();
    }

    @Test
    void idleDecoratorsPassTheSdksObjectsThrough() {
        RecordingHttpClient real = new RecordingHttpClient();
        FaultInjectingHttpClient client = new FaultInjectingHttpClient(real, binding);
        assertThat(client.prepareRequest(executeRequest)).isSameAs(real.executable);
        assertThat(real.lastRequest).isSameAs(executeRequest);

        RecordingAsyncClient realAsync = new RecordingAsyncClient();
        AsyncExecuteRequest asyncRequest = AsyncExecuteRequest.builder().request(httpRequest).build();
        assertThat(new FaultInjectingAsyncHttpClient(realAsync, binding).execute(asyncRequest))
                .isSameAs(realAsync.future);
        assertThat(realAsync.lastRequest).isSameAs(asyncRequest);
    }

    @Test
    void idlePathAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        FaultInjectingHttpClient client = new FaultInjectingHttpClient(new RecordingHttpClient(), binding);
        FaultInterceptor interceptor = new FaultInterceptor(binding);
        GlobalFaultInterceptor global = new GlobalFaultInterceptor();
        Runnable attempt = () -> {
            interceptor.beforeTransmission(context, attributes);
            global.beforeTransmission(context, attributes);
            client.prepareRequest(executeRequest);
            interceptor.afterExecution(context, attributes);
        };
        for (int i = 0; i < 20_000; i++) {
            attempt.run();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            attempt.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(before).isPositive();
        assertThat(allocated).as("bytes allocated by 100,000 idle attempts").isLessThan(4_096);
    }

    @Test
    void armedButNotMatchingAttemptsGoThroughUntouched() {
        try (ArmedApiFault armed = registry.arm(ApiFaultRule.builder().service("s3").fault(ApiFault.throttle())
                .build())) {
            RecordingHttpClient real = new RecordingHttpClient();
            FaultInjectingHttpClient client = new FaultInjectingHttpClient(real, binding);
            new FaultInterceptor(binding).beforeTransmission(context, attributes);
            assertThat(client.prepareRequest(executeRequest)).isSameAs(real.executable);
            assertThat(armed.matchedCalls()).isZero();
        }
    }

    @Test
    void globalInterceptorDoesNothingWhenTheSwitchIsOff() {
        assertThat(AutoInstrument.ENABLED).as("this JVM runs without -Dfisengine.sdk.autoInstrument").isFalse();
        DefaultBinding.set(binding);
        try (ArmedApiFault armed = registry.arm(ApiFaultRule.builder().service("dynamodb")
                .fault(ApiFault.throttle()).build())) {
            new GlobalFaultInterceptor().beforeTransmission(context, attributes);
            assertThat(CallTargets.takeSync(httpRequest)).isNull();
            new FaultInterceptor(DefaultBinding.INSTANCE).beforeTransmission(context, attributes);
            assertThat(CallTargets.takeSync(httpRequest)).as("the explicit interceptor does report").isNotNull();
            assertThat(armed.isArmed()).isTrue();
        }
    }

    @Test
    void aStaleThreadLocalEntryIsNeverTakenForAnotherAttempt() {
        try (ArmedApiFault armed = registry.arm(ApiFaultRule.builder().service("dynamodb")
                .fault(ApiFault.throttle()).build())) {
            new FaultInterceptor(binding).beforeTransmission(context, attributes);
            SdkHttpRequest other = httpRequest.toBuilder().putHeader("amz-sdk-invocation-id", "inv-2").build();
            assertThat(CallTargets.takeSync(other)).isNull();
            assertThat(CallTargets.takeSync(httpRequest)).as("taking consumed the entry").isNull();
            assertThat(armed.matchedCalls()).isZero();
        }
    }

    private static final class RecordingAsyncClient implements SdkAsyncHttpClient {
        final CompletableFuture<Void> future = new CompletableFuture<>();
        AsyncExecuteRequest lastRequest;

        @Override
        public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
            lastRequest = request;
            return future;
        }

        @Override
        public void close() {}
    }
}
