package dev.fisengine.aws.sdk;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * A sync HTTP client that answers every request with the same bytes, as a service would: status, headers and body
 * (none for HEAD). It counts the requests it answered, so a test can tell how many attempts the SDK made.
 */
final class CannedHttpClient implements SdkHttpClient {
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    final AtomicInteger requests = new AtomicInteger();

    CannedHttpClient(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                requests.incrementAndGet();
                byte[] bytes = request.httpRequest().method() == SdkHttpMethod.HEAD ? new byte[0] : body;
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status).headers(headers)
                        .putHeader("Content-Length", Integer.toString(bytes.length));
                return HttpExecuteResponse.builder().response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
            }

            @Override
            public void abort() {}
        };
    }

    @Override
    public void close() {}
}
