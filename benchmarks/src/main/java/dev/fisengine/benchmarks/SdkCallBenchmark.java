package dev.fisengine.benchmarks;

import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.aws.sdk.internal.ClientBinding;
import dev.fisengine.aws.sdk.internal.FaultInterceptor;
import dev.fisengine.aws.sdk.internal.FaultRegistry;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.builtin.NoneStopConditionProvider;
import dev.fisengine.engine.builtin.WaitActionProvider;
import dev.fisengine.engine.plugins.Plugins;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/**
 * One DynamoDB {@code GetItem} through a real synchronous {@link DynamoDbClient} (static credentials, region, endpoint
 * override, SigV4 signing, JSON marshalling and unmarshalling, CRC32 check) answered by the in-memory
 * {@link CannedHttpClient}, so that what is measured is the SDK's call path plus the engine's hook:
 *
 * <ul>
 *   <li>{@code uninstrumented}: the plain client — the baseline;</li>
 *   <li>{@code noopInterceptor}: the plain client plus an {@link ExecutionInterceptor} that overrides nothing — what
 *       the SDK's own interceptor chain costs for one more interceptor;</li>
 *   <li>{@code engineIdle}: the client instrumented with {@link FisSdk#instrument} for a real {@link FisEngine} with
 *       nothing armed (interceptor plus HTTP client decorator) — the cost every application pays;</li>
 *   <li>{@code armedNoMatch}: the same with a throttle armed on {@code PutItem} of {@code dynamodb}: every
 *       {@code GetItem} attempt is reported by the interceptor and looked up, and none is hit;</li>
 *   <li>{@code injecting}: {@code GetItem} throttled at 100 % with retries off ({@link AwsRetryStrategy#doNotRetry()},
 *       one attempt per call): each call is one synthetic {@code 400 ThrottlingException} response unmarshalled by
 *       the SDK into {@link ThrottlingException}, which is returned to JMH.</li>
 * </ul>
 *
 * Each state checks in its setup that it measures what it says (item returned, fault injected, HTTP client reached or
 * not) and its teardown checks the counters over the whole trial. The SDK call needs more than 10 s of warm-up to
 * settle on this machine, hence 3 × 10 s. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar SdkCallBenchmark -prof gc} (see {@code run-hot-path.sh}).
 *
 * <p>JMH's per-fork bytes per call vary by several hundred bytes between forks of the same benchmark (the JIT's
 * escape analysis does not always reach the same result), which hides small differences; {@link AllocationCheck}
 * measures them exactly, with every client in one JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 5)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SdkCallBenchmark {
    static final String ROLE = "arn:aws:iam::123456789012:role/app";

    static GetItemRequest request() {
        return GetItemRequest.builder().tableName("orders")
                .key(Map.of("pk", AttributeValue.fromS(CannedHttpClient.ITEM_PK))).build();
    }

    /** A client builder over {@code http}; no network is ever used (the endpoint is never contacted). */
    static DynamoDbClientBuilder builder(CannedHttpClient http) {
        return DynamoDbClient.builder()
                .httpClient(http)
                .region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:8000"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));
    }

    /** A real engine with only built-in plugins, no shutdown hook, no log output. */
    static FisEngine engine() {
        return FisEngine.builder()
                .plugins(Plugins.builder().action(new WaitActionProvider())
                        .stopCondition(new NoneStopConditionProvider()).build())
                .options(EngineOptions.builder().shutdownHook(false).safetyLeverSwitch(false).build())
                .slf4jLog(false)
                .build();
    }

    /** Calls once and checks that the canned item came back from the canned HTTP client. */
    static void checkServed(DynamoDbClient client, GetItemRequest request, CannedHttpClient http, String what) {
        long before = http.calls();
        GetItemResponse r = client.getItem(request);
        AttributeValue pk = r.item().get("pk");
        if (pk == null || !CannedHttpClient.ITEM_PK.equals(pk.s()) || http.calls() != before + 1) {
            throw new IllegalStateException(what + ": GetItem did not return the canned item through the canned "
                    + "HTTP client: " + r);
        }
    }

    /** Overrides nothing: the SDK still calls each of its default hooks. */
    static final class NoopInterceptor implements ExecutionInterceptor {}

    @State(Scope.Benchmark)
    public static class Uninstrumented {
        final CannedHttpClient http = new CannedHttpClient();
        final GetItemRequest request = request();
        DynamoDbClient client;

        @Setup(Level.Trial)
        public void setUp() {
            client = builder(http).build();
            checkServed(client, request, http, "uninstrumented");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            client.close();
        }
    }

    @State(Scope.Benchmark)
    public static class WithNoopInterceptor {
        final CannedHttpClient http = new CannedHttpClient();
        final GetItemRequest request = request();
        DynamoDbClient client;

        @Setup(Level.Trial)
        public void setUp() {
            client = builder(http).overrideConfiguration(o -> o.addExecutionInterceptor(new NoopInterceptor()))
                    .build();
            checkServed(client, request, http, "noopInterceptor");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            client.close();
        }
    }

    @State(Scope.Benchmark)
    public static class EngineIdle {
        final CannedHttpClient http = new CannedHttpClient();
        final GetItemRequest request = request();
        FisEngine engine;
        DynamoDbClient client;

        @Setup(Level.Trial)
        public void setUp() {
            engine = engine();
            client = FisSdk.instrument(builder(http), engine, ROLE).build();
            checkServed(client, request, http, "engineIdle");
            if (!ApiFaultRegistry.of(engine).isIdle()) {
                throw new IllegalStateException("engineIdle: the engine has faults armed");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            client.close();
            engine.close();
        }
    }

    @State(Scope.Benchmark)
    public static class ArmedNoMatch {
        final CannedHttpClient http = new CannedHttpClient();
        final GetItemRequest request = request();
        FisEngine engine;
        DynamoDbClient client;
        ArmedApiFault armed;

        @Setup(Level.Trial)
        public void setUp() {
            engine = engine();
            client = FisSdk.instrument(builder(http), engine, ROLE).build();
            armed = ApiFaultRegistry.of(engine).arm(ApiFaultRule.builder().service("dynamodb")
                    .operations("PutItem").percentage(100).fault(ApiFault.throttle()).seed(1).build());
            checkServed(client, request, http, "armedNoMatch");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                if (armed.matchedCalls() != 0 || !armed.isArmed()) {
                    throw new IllegalStateException("armedNoMatch: the PutItem rule matched " + armed.matchedCalls()
                            + " GetItem attempts or was disarmed");
                }
            } finally {
                client.close();
                engine.close();
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Injecting {
        final CannedHttpClient http = new CannedHttpClient();
        final GetItemRequest request = request();
        FisEngine engine;
        DynamoDbClient client;
        ArmedApiFault armed;

        @Setup(Level.Trial)
        public void setUp() {
            engine = engine();
            client = FisSdk.instrument(builder(http)
                            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())), engine, ROLE)
                    .build();
            armed = ApiFaultRegistry.of(engine).arm(ApiFaultRule.builder().service("dynamodb")
                    .operations("GetItem").percentage(100).fault(ApiFault.throttle()).seed(1).build());
            try {
                GetItemResponse r = client.getItem(request);
                throw new IllegalStateException("injecting: GetItem was not throttled: " + r);
            } catch (ThrottlingException expected) {
                if (!expected.isThrottlingException() || expected.statusCode() != 400) {
                    throw new IllegalStateException("injecting: unexpected exception " + expected, expected);
                }
            }
            if (armed.injectedFaults() != 1 || armed.matchedCalls() != 1) {
                throw new IllegalStateException("injecting: one call should be one injected attempt, got "
                        + armed.matchedCalls() + " matched, " + armed.injectedFaults() + " injected");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                if (http.calls() != 0 || armed.injectedFaults() != armed.matchedCalls()) {
                    throw new IllegalStateException("injecting: " + http.calls() + " requests reached the HTTP "
                            + "client; " + armed.injectedFaults() + " of " + armed.matchedCalls()
                            + " attempts injected");
                }
            } finally {
                client.close();
                engine.close();
            }
        }
    }

    @Benchmark
    public GetItemResponse uninstrumented(Uninstrumented s) {
        return s.client.getItem(s.request);
    }

    @Benchmark
    public GetItemResponse noopInterceptor(WithNoopInterceptor s) {
        return s.client.getItem(s.request);
    }

    @Benchmark
    public GetItemResponse engineIdle(EngineIdle s) {
        return s.client.getItem(s.request);
    }

    @Benchmark
    public GetItemResponse armedNoMatch(ArmedNoMatch s) {
        return s.client.getItem(s.request);
    }

    @Benchmark
    public Object injecting(Injecting s) {
        try {
            return s.client.getItem(s.request);
        } catch (ThrottlingException e) {
            return e;
        }
    }

    /**
     * Bytes allocated per {@code GetItem} by each way of building the client, all in one JVM and called in turn, so
     * that they share one JIT state and differences are the clients' own, to the byte (JMH forks differ by more
     * than that). Besides the benchmark's variants it takes the instrumentation apart: the interceptor added
     * directly, the HTTP decorator alone, an empty {@code SdkPlugin}, a no-op interceptor added by a plugin, and the
     * engine's interceptor added through its plugin (as {@link FisSdk#instrument} does). Prints each variant per round; with an argument, writes the last round as
     * JSON to that file. Run: {@code java -cp benchmarks/target/benchmarks.jar
     * 'dev.fisengine.benchmarks.SdkCallBenchmark$AllocationCheck' [out.json]}.
     */
    public static final class AllocationCheck {
        private AllocationCheck() {}

        public static void main(String[] args) throws IOException {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            threads.setThreadAllocatedMemoryEnabled(true);
            FisEngine idle = engine();
            FisEngine armed = engine();
            ApiFaultRegistry.of(armed).arm(ApiFaultRule.builder().service("dynamodb").operations("PutItem")
                    .percentage(100).fault(ApiFault.throttle()).seed(1).build());
            Map<String, DynamoDbClient> clients = new LinkedHashMap<>();
            clients.put("uninstrumented", builder(new CannedHttpClient()).build());
            clients.put("noopInterceptor", builder(new CannedHttpClient())
                    .overrideConfiguration(o -> o.addExecutionInterceptor(new NoopInterceptor())).build());
            clients.put("engineIdle", FisSdk.instrument(builder(new CannedHttpClient()), idle, ROLE).build());
            clients.put("armedNoMatch", FisSdk.instrument(builder(new CannedHttpClient()), armed, ROLE).build());
            clients.put("idleInterceptorOnly", builder(new CannedHttpClient())
                    .overrideConfiguration(o -> o.addExecutionInterceptor(FisSdk.interceptor(idle))).build());
            clients.put("idleDecoratorOnly", builder(new CannedHttpClient())
                    .httpClient(FisSdk.wrap(new CannedHttpClient(), idle, ROLE)).build());
            clients.put("emptyPlugin", builder(new CannedHttpClient()).addPlugin(config -> { }).build());
            clients.put("noopInterceptorViaPlugin", builder(new CannedHttpClient()).addPlugin(config ->
                    config.overrideConfiguration(o -> o.addExecutionInterceptor(new NoopInterceptor()))).build());
            clients.put("idleInterceptorViaPlugin", builder(new CannedHttpClient())
                    .addPlugin(new FaultInterceptor.Plugin(new FaultInterceptor(
                            new ClientBinding(FaultRegistry.of(idle), ROLE)))).build());
            GetItemRequest request = request();
            Map<String, Double> last = new LinkedHashMap<>();
            int rounds = 6;
            for (int round = 1; round <= rounds; round++) {
                int calls = round <= 4 ? 50_000 : 20_000;
                StringBuilder line = new StringBuilder("round " + round + " (" + calls + " calls each):");
                for (Map.Entry<String, DynamoDbClient> e : clients.entrySet()) {
                    long before = threads.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < calls; i++) {
                        e.getValue().getItem(request);
                    }
                    double perCall = (threads.getCurrentThreadAllocatedBytes() - before) / (double) calls;
                    last.put(e.getKey(), perCall);
                    line.append(String.format(" %s %.1f B;", e.getKey(), perCall));
                }
                System.out.println(line);
            }
            double base = last.get("uninstrumented");
            StringBuilder json = new StringBuilder("{\n  \"unit\": \"bytes allocated per GetItem call\",\n");
            json.append("  \"round\": ").append(rounds).append(",\n  \"variants\": {");
            String sep = "\n";
            for (Map.Entry<String, Double> e : last.entrySet()) {
                System.out.printf("%-26s %9.1f B/call  (%+.1f vs uninstrumented)%n", e.getKey(), e.getValue(),
                        e.getValue() - base);
                json.append(sep).append(String.format(
                        "    \"%s\": {\"bytesPerCall\": %.1f, \"vsUninstrumented\": %.1f}",
                        e.getKey(), e.getValue(), e.getValue() - base));
                sep = ",\n";
            }
            json.append("\n  }\n}\n");
            for (DynamoDbClient c : clients.values()) {
                c.close();
            }
            idle.close();
            armed.close();
            if (args.length > 0) {
                Files.writeString(Path.of(args[0]), json, StandardCharsets.UTF_8);
            }
        }
    }
}
