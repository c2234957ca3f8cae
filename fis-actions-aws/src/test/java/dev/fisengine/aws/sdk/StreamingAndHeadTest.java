package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.BlockingInputStreamAsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 streaming bodies and HEAD under injected faults: an async upload written from a blocking stream fails at once
 * with the throttle (the injected attempt subscribes to the body and cancels it, so the writer is not left waiting
 * for the SDK's subscribe timeout), streaming uploads and downloads sync and async, and HEAD answered without a body.
 * Nothing reaches the network (the endpoint is a closed port on 127.0.0.1).
 */
class StreamingAndHeadTest {
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
    private static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new TestRuntime("streaming");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static ArmedApiFault throttle(String... operations) {
        return ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("s3").operations(operations)
                .fault(ApiFault.throttle()).build());
    }

    private static void assertSlowDown(Throwable t) {
        Throwable e = t instanceof CompletionException ? t.getCause() : t;
        assertThat(e).isInstanceOf(S3Exception.class);
        S3Exception s3 = (S3Exception) e;
        assertThat(s3.statusCode()).isEqualTo(503);
        assertThat(s3.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-fisengine-fault")).isPresent();
        assertThat(s3.requestId()).matches("[A-Z0-9]{16}");
        assertThat(s3.extendedRequestId()).hasSize(108);
    }

    @Test
    void asyncPutObjectFromABlockingStreamFailsAtOnce() {
        SdkFixture fixture = new SdkFixture(NOWHERE).maxAttempts(1).instrumentedFor(runtime, null);
        try (S3AsyncClient s3 = fixture.build(S3AsyncClient.builder().forcePathStyle(true));
             ArmedApiFault armed = throttle("PutObject")) {
            byte[] data = "hello, world".getBytes(StandardCharsets.UTF_8);
            BlockingInputStreamAsyncRequestBody body = AsyncRequestBody.forBlockingInputStream((long) data.length);
            CompletableFuture<PutObjectResponse> put = s3.putObject(b -> b.bucket("bucket").key("key"), body);
            long started = System.nanoTime();
            try {
                body.writeInputStream(new ByteArrayInputStream(data));
            } catch (RuntimeException cancelled) {
                // the body was cancelled by the injected answer, as an HTTP client cancels it when the exchange ends
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the writer waited")
                    .isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(put::join).satisfies(StreamingAndHeadTest::assertSlowDown);
            assertThat(armed.injectedFaults()).isEqualTo(1);
        }
    }

    @Test
    void asyncStreamingUploadAndDownloadAndHead() {
        SdkFixture fixture = new SdkFixture(NOWHERE).instrumentedFor(runtime, null);
        try (S3AsyncClient s3 = fixture.build(S3AsyncClient.builder().forcePathStyle(true));
             ArmedApiFault armed = throttle("PutObject", "GetObject", "HeadObject")) {
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("bucket").key("key"),
                    AsyncRequestBody.fromInputStream(new ByteArrayInputStream(new byte[64 * 1024]), 64L * 1024,
                            java.util.concurrent.ForkJoinPool.commonPool())).join())
                    .satisfies(StreamingAndHeadTest::assertSlowDown);
            assertThatThrownBy(() -> s3.getObject(b -> b.bucket("bucket").key("key"),
                    AsyncResponseTransformer.toBlockingInputStream()).join())
                    .satisfies(StreamingAndHeadTest::assertSlowDown);
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket("bucket").key("key")).join())
                    .satisfies(StreamingAndHeadTest::assertSlowDown)
                    .satisfies(t -> assertThat(((S3Exception) t.getCause()).awsErrorDetails().errorCode())
                            .as("HEAD has no body, so no code, as with S3 itself").isNull());
            assertThat(armed.injectedFaults()).isEqualTo(3 * 4);
        }
    }

    @Test
    void syncStreamingUploadAndDownloadAndHead() {
        SdkFixture fixture = new SdkFixture(NOWHERE).instrumentedFor(runtime, null);
        try (S3Client s3 = fixture.build(S3Client.builder().forcePathStyle(true));
             ArmedApiFault armed = throttle("PutObject", "GetObject", "HeadObject")) {
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("bucket").key("key"), RequestBody.fromInputStream(
                    new ByteArrayInputStream(new byte[64 * 1024]), 64L * 1024)))
                    .satisfies(StreamingAndHeadTest::assertSlowDown);
            assertThatThrownBy(() -> s3.getObject(b -> b.bucket("bucket").key("key")).readAllBytes())
                    .satisfies(StreamingAndHeadTest::assertSlowDown);
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket("bucket").key("key")))
                    .satisfies(StreamingAndHeadTest::assertSlowDown);
            assertThat(armed.injectedFaults()).isEqualTo(3 * 4);
        }
    }
}
