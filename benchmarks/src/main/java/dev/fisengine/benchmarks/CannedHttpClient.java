package dev.fisengine.benchmarks;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An in-memory {@link SdkHttpClient} that answers every request with one canned DynamoDB {@code GetItem} response,
 * so a benchmark measures the SDK's own call path (marshalling, signing, interceptors, unmarshalling) and the
 * engine's hook, not the network.
 */
public final class CannedHttpClient implements SdkHttpClient {
    private static final byte[] GET_ITEM_BODY = "{\"Item\":{\"pk\":{\"S\":\"order-1\"},\"total\":{\"N\":\"42\"}}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final SdkHttpResponse RESPONSE = SdkHttpResponse.builder()
            .statusCode(200)
            .putHeader("Content-Type", "application/x-amz-json-1.0")
            .putHeader("x-amzn-RequestId", "BENCHMARK")
            .putHeader("Content-Length", Integer.toString(GET_ITEM_BODY.length))
            .build();

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(RESPONSE)
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(GET_ITEM_BODY)))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    @Override
    public void close() {}
}
