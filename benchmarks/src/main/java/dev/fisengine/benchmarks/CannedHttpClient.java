package dev.fisengine.benchmarks;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An in-memory {@link SdkHttpClient} that answers every request with one canned DynamoDB {@code GetItem} response,
 * so a benchmark measures the SDK's own call path (marshalling, signing, interceptors, unmarshalling) and the
 * engine's hook, not the network. The response carries the headers DynamoDB sends, including {@code x-amz-crc32},
 * so the SDK's CRC32 check of DynamoDB responses runs as it does against the real service.
 *
 * <p>It counts the requests it answered ({@link #calls()}), so a benchmark can check in its setup that a call really
 * reached it (or, for an injected fault, that it did not).
 */
public final class CannedHttpClient implements SdkHttpClient {
    /** The item the canned response holds: {@code pk = "order-1"}, {@code total = 42}. */
    public static final String ITEM_PK = "order-1";

    private static final byte[] GET_ITEM_BODY = ("{\"Item\":{\"pk\":{\"S\":\"" + ITEM_PK
            + "\"},\"total\":{\"N\":\"42\"}}}").getBytes(StandardCharsets.UTF_8);
    private static final SdkHttpResponse RESPONSE = SdkHttpResponse.builder()
            .statusCode(200)
            .statusText("OK")
            .putHeader("Content-Type", "application/x-amz-json-1.0")
            .putHeader("x-amzn-RequestId", "BENCHMARK")
            .putHeader("x-amz-crc32", Long.toString(crc32(GET_ITEM_BODY)))
            .putHeader("Content-Length", Integer.toString(GET_ITEM_BODY.length))
            .build();

    private long calls;

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                calls++;
                return HttpExecuteResponse.builder()
                        .response(RESPONSE)
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(GET_ITEM_BODY)))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    /** How many requests were answered (not thread-safe: read it from the thread that made the calls). */
    public long calls() {
        return calls;
    }

    @Override
    public String clientName() {
        return "Canned";
    }

    @Override
    public void close() {}
}
