package dev.fisengine.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.engine.FisEngine;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/**
 * One throttled DynamoDB {@code GetItem} (retries off: one attempt per call, the {@link ThrottlingException} returned
 * to JMH), three ways, in one run:
 * <ul>
 *   <li>{@code injecting}: {@link FisSdk#instrument} and a 100 % throttle: the engine answers the attempt in memory;</li>
 *   <li>{@code cannedErrorBaseline}: an uninstrumented client whose HTTP client returns, from memory, the very bytes
 *       the engine injects (status, headers, body): the SDK's own cost of handling that error response, the floor
 *       for injection;</li>
 *   <li>{@code wireMockLoopback}: an uninstrumented client on the SDK's Apache 5 HTTP client (its default), against WireMock on
 *       127.0.0.1 answering every request with the same status, headers and body: what teams use instead of
 *       injection for this test.</li>
 * </ul>
 * Each setup checks that the call ends in the same {@link ThrottlingException} (400, {@code ThrottlingException});
 * the teardowns check the counters. Run: {@code java -jar benchmarks/target/benchmarks.jar FaultVsAlternatives
 * -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FaultVsAlternativesBenchmark {

    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create(
            "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    /** The body the engine injects for a DynamoDB throttle. */
    static final byte[] BODY = ("{\"__type\":\"ThrottlingException\",\"message\":\"Rate of requests exceeds the "
            + "allowed throughput.\"}").getBytes(StandardCharsets.UTF_8);

    /** The headers the engine injects for a DynamoDB throttle (a fixed request id and date of the same length). */
    static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-amzn-RequestId", "8PAL3O13K8COBSMD1PCTEFC7K7VV4KQNSO5AEMVJF66Q9ASUAAJG");
        h.put("x-amzn-ErrorType", "ThrottlingException");
        h.put("Content-Type", "application/x-amz-json-1.0");
        h.put("Content-Length", Integer.toString(BODY.length));
        h.put("Date", "Sun, 6 Dec 2026 07:00:00 GMT");
        h.put("x-fisengine-fault", "throttle");
        return h;
    }

    static void checkThrottled(DynamoDbClient client, GetItemRequest request, String what) {
        try {
            client.getItem(request);
            throw new IllegalStateException(what + ": GetItem was not throttled");
        } catch (ThrottlingException e) {
            if (e.statusCode() != 400 || !"ThrottlingException".equals(e.awsErrorDetails().errorCode())
                    || !e.isThrottlingException()) {
                throw new IllegalStateException(what + ": unexpected exception " + e, e);
            }
        }
    }

    /** Answers every request from memory with the error response above. */
    static final class CannedError implements SdkHttpClient {
        private static final SdkHttpResponse RESPONSE;

        static {
            SdkHttpResponse.Builder b = SdkHttpResponse.builder().statusCode(400).statusText("Bad Request");
            headers().forEach(b::putHeader);
            RESPONSE = b.build();
        }

        long calls;

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    calls++;
                    return HttpExecuteResponse.builder().response(RESPONSE)
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(BODY))).build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }

    @State(Scope.Benchmark)
    public static class Injecting {
        final CannedHttpClient http = new CannedHttpClient();
        final GetItemRequest request = SdkCallBenchmark.request();
        FisEngine engine;
        DynamoDbClient client;
        ArmedApiFault armed;

        @Setup(Level.Trial)
        public void setUp() {
            engine = SdkCallBenchmark.engine();
            client = FisSdk.instrument(SdkCallBenchmark.builder(http)
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())), engine,
                    SdkCallBenchmark.ROLE).build();
            armed = ApiFaultRegistry.of(engine).arm(ApiFaultRule.builder().service("dynamodb")
                    .operations("GetItem").fault(ApiFault.throttle()).seed(1).build());
            checkThrottled(client, request, "injecting");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                if (http.calls() != 0) {
                    throw new IllegalStateException("injecting: " + http.calls() + " requests reached the network");
                }
            } finally {
                client.close();
                engine.close();
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Canned {
        final CannedError http = new CannedError();
        final GetItemRequest request = SdkCallBenchmark.request();
        DynamoDbClient client;

        @Setup(Level.Trial)
        public void setUp() {
            client = DynamoDbClient.builder().httpClient(http).region(Region.EU_WEST_1)
                    .endpointOverride(URI.create("http://127.0.0.1:8000"))
                    .credentialsProvider(CREDENTIALS)
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
            checkThrottled(client, request, "cannedErrorBaseline");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            client.close();
        }
    }

    @State(Scope.Benchmark)
    public static class WireMock {
        final GetItemRequest request = SdkCallBenchmark.request();
        WireMockServer server;
        SdkHttpClient apache;
        DynamoDbClient client;

        @Setup(Level.Trial)
        public void setUp() {
            server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().disableRequestJournal()
                    .containerThreads(8).jettyAcceptors(1));
            server.start();
            ResponseDefinitionBuilder response = aResponse().withStatus(400).withBody(BODY);
            for (Map.Entry<String, String> h : headers().entrySet()) {
                if (!h.getKey().equals("Content-Length")) {
                    response = response.withHeader(h.getKey(), h.getValue());
                }
            }
            server.stubFor(any(anyUrl()).willReturn(response));
            apache = Apache5HttpClient.builder().build();
            client = DynamoDbClient.builder().httpClient(apache).region(Region.EU_WEST_1)
                    .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                    .credentialsProvider(CREDENTIALS)
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
            checkThrottled(client, request, "wireMockLoopback");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            client.close();
            apache.close();
            server.stop();
        }
    }

    @Benchmark
    public Object injecting(Injecting s) {
        try {
            return s.client.getItem(s.request);
        } catch (ThrottlingException e) {
            return e;
        }
    }

    @Benchmark
    public Object cannedErrorBaseline(Canned s) {
        try {
            return s.client.getItem(s.request);
        } catch (ThrottlingException e) {
            return e;
        }
    }

    @Benchmark
    public Object wireMockLoopback(WireMock s) {
        try {
            return s.client.getItem(s.request);
        } catch (ThrottlingException e) {
            return e;
        }
    }
}
