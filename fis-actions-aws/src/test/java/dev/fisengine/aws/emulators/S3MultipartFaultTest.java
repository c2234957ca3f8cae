package dev.fisengine.aws.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 multipart uploads ({@code CreateMultipartUpload}, {@code UploadPart}, {@code CompleteMultipartUpload}) against
 * s3rver with a fault on {@code UploadPart}, sync and async: a part that is throttled on every attempt fails with
 * S3's {@code SlowDown} (every attempt answered by the fault, none sent), the upload goes on once the fault ends; a single injected
 * fault is absorbed by the SDK's retry, which sends the part's body again in full, so the completed object is intact.
 * Run with {@code mvn -Pemulators}.
 */
@Tag("emulator")
class S3MultipartFaultTest {
    /** S3's smallest part but the last: 5 MiB. */
    private static final int PART = 5 * 1024 * 1024;

    private FisEngine engine;
    private EmulatorServer server;
    private EmulatorClients clients;

    @BeforeEach
    void start() {
        engine = FisEngine.builder().options(EngineOptions.defaults().toBuilder().shutdownHook(false).build())
                .slf4jLog(false).build();
        server = EmulatorServer.s3rver();
        clients = new EmulatorClients(server.endpoint(), "S3RVER", "S3RVER");
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    private ArmedApiFault throttleUploadPart(long maxFaults) {
        ApiFaultRule.Builder rule = ApiFaultRule.builder().service("s3").operations("UploadPart")
                .fault(ApiFault.throttle());
        return ApiFaultRegistry.of(engine).arm((maxFaults > 0 ? rule.maxFaults(maxFaults) : rule).build());
    }

    private static byte[] part(char fill, int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    private static void assertSlowDown(Throwable t) {
        Throwable e = t instanceof CompletionException ? t.getCause() : t;
        assertThat(e).isInstanceOfSatisfying(S3Exception.class, s3 -> {
            assertThat(s3.statusCode()).isEqualTo(503);
            assertThat(s3.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
            assertThat(s3.isThrottlingException()).isTrue();
        });
    }

    @Test
    void syncMultipartUploadWithAFaultOnUploadPart() {
        try (S3Client admin = clients.plain(S3Client.builder().forcePathStyle(true)
                        .serviceConfiguration(c -> c.chunkedEncodingEnabled(false)));
                S3Client s3 = clients.instrumented(S3Client.builder().forcePathStyle(true)
                        .serviceConfiguration(c -> c.chunkedEncodingEnabled(false)), engine)) {
            admin.createBucket(c -> c.bucket("uploads"));
            String id = s3.createMultipartUpload(c -> c.bucket("uploads").key("big")).uploadId();
            byte[] first = part('a', PART);
            byte[] second = part('b', 1024);

            try (ArmedApiFault always = throttleUploadPart(0)) {
                assertThatThrownBy(() -> s3.uploadPart(u -> u.bucket("uploads").key("big").uploadId(id)
                        .partNumber(1), RequestBody.fromBytes(first))).satisfies(S3MultipartFaultTest::assertSlowDown);
                // every attempt answered by the fault, so none was sent (s3rver has no ListParts to show it)
                assertThat(always.injectedFaults()).isEqualTo(EmulatorClients.DEFAULT_RETRIES + 1);
            }

            String etag1;
            try (ArmedApiFault once = throttleUploadPart(1)) {
                etag1 = s3.uploadPart(u -> u.bucket("uploads").key("big").uploadId(id).partNumber(1),
                        RequestBody.fromBytes(first)).eTag();
                assertThat(once.injectedFaults()).as("one fault, absorbed by the SDK's retry").isEqualTo(1);
                assertThat(clients.retries.last()).isEqualTo(1);
            }
            String etag2 = s3.uploadPart(u -> u.bucket("uploads").key("big").uploadId(id).partNumber(2),
                    RequestBody.fromBytes(second)).eTag();
            s3.completeMultipartUpload(c -> c.bucket("uploads").key("big").uploadId(id).multipartUpload(m -> m.parts(
                    CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                    CompletedPart.builder().partNumber(2).eTag(etag2).build())));

            byte[] stored = admin.getObjectAsBytes(g -> g.bucket("uploads").key("big")).asByteArray();
            assertThat(stored).hasSize(PART + 1024);
            assertThat(new String(stored, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("aaaa");
            assertThat(stored[PART]).isEqualTo((byte) 'b');
        }
    }

    @Test
    void asyncMultipartUploadWithAFaultOnUploadPart() {
        try (S3Client admin = clients.plain(S3Client.builder().forcePathStyle(true)
                        .serviceConfiguration(c -> c.chunkedEncodingEnabled(false)));
                S3AsyncClient s3 = clients.instrumented(S3AsyncClient.builder().forcePathStyle(true)
                        .serviceConfiguration(c -> c.chunkedEncodingEnabled(false)), engine)) {
            admin.createBucket(c -> c.bucket("uploads"));
            String id = s3.createMultipartUpload(c -> c.bucket("uploads").key("big")).join().uploadId();
            byte[] first = part('a', PART);
            byte[] second = part('b', 1024);

            try (ArmedApiFault always = throttleUploadPart(0)) {
                assertThatThrownBy(() -> s3.uploadPart(u -> u.bucket("uploads").key("big").uploadId(id)
                        .partNumber(1), AsyncRequestBody.fromBytes(first)).join())
                        .satisfies(S3MultipartFaultTest::assertSlowDown);
                // every attempt answered by the fault, so none was sent (s3rver has no ListParts to show it)
                assertThat(always.injectedFaults()).isEqualTo(EmulatorClients.DEFAULT_RETRIES + 1);
            }

            String etag1;
            try (ArmedApiFault once = throttleUploadPart(1)) {
                etag1 = s3.uploadPart(u -> u.bucket("uploads").key("big").uploadId(id).partNumber(1),
                        AsyncRequestBody.fromBytes(first)).join().eTag();
                assertThat(once.injectedFaults()).isEqualTo(1);
            }
            String etag2 = s3.uploadPart(u -> u.bucket("uploads").key("big").uploadId(id).partNumber(2),
                    AsyncRequestBody.fromBytes(second)).join().eTag();
            s3.completeMultipartUpload(c -> c.bucket("uploads").key("big").uploadId(id).multipartUpload(m -> m.parts(
                    CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                    CompletedPart.builder().partNumber(2).eTag(etag2).build()))).join();

            byte[] stored = admin.getObjectAsBytes(g -> g.bucket("uploads").key("big")).asByteArray();
            assertThat(stored).hasSize(PART + 1024);
            assertThat(stored[0]).isEqualTo((byte) 'a');
            assertThat(stored[PART + 1023]).isEqualTo((byte) 'b');
        }
    }
}
