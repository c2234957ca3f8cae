package dev.fisengine.aws.sdk.internal;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * A delegate for the fault-injecting decorator in hot-path tests: records the request it was handed and returns one
 * shared executable, so a test can tell "passed through untouched" from "answered by a fault" without allocation.
 * Executing the request is never part of these tests; doing so fails the test.
 */
final class RecordingHttpClient implements SdkHttpClient {
    final ExecutableHttpRequest executable = new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
            throw new AssertionError("the hot-path tests prepare requests but never execute them");
        }

        @Override
        public void abort() {}
    };
    HttpExecuteRequest lastRequest;

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        lastRequest = request;
        return executable;
    }

    @Override
    public void close() {}
}
