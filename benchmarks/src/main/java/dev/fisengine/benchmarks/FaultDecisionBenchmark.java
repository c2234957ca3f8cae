package dev.fisengine.benchmarks;

import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import dev.fisengine.aws.sdk.internal.ClientBinding;
import dev.fisengine.aws.sdk.internal.FaultIndex;
import dev.fisengine.aws.sdk.internal.FaultInjectingHttpClient;
import dev.fisengine.aws.sdk.internal.FaultInterceptor;
import dev.fisengine.aws.sdk.internal.FaultRegistry;
import dev.fisengine.engine.FisEngine;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The injection decision without the SDK around it, for a client instrumented for a real {@link FisEngine}.
 *
 * <p><b>Decision</b> ({@code idle}, {@code armedNoMatch}, {@code armedMatch}): exactly what the sync HTTP decorator
 * ({@link FaultInjectingHttpClient#prepareRequest}) does per attempt once it knows the attempt's service and
 * operation: one volatile read of the registry's snapshot and an identity check against {@link FaultIndex#EMPTY};
 * when something is armed, {@code Injector.decide(snapshot, target, roleArn, request)}: the (service, operation)
 * lookup and, when rules match, the request's exemption check (its {@code User-Agent}) and, for each matching rule,
 * its role check, in-flight and matched counters, and percentage draw. {@code Injector} and
 * the attempt's {@code CallTarget} are package-private in {@code dev.fisengine.aws.sdk.internal}, so they are
 * reached through a private {@link MethodHandles.Lookup} resolved once (a constant {@link MethodHandle}, which the JIT
 * inlines): nothing is added to the module for the benchmark. The target is the one the interceptor would build for
 * a DynamoDB client ({@code DynamoDb} / {@code dynamodb}).
 *
 * <p><b>Hook</b> ({@code hookIdle}, {@code hookArmedNoMatch}): everything the engine adds to one sync attempt, through
 * public types only: {@link FaultInterceptor#beforeTransmission}, {@link FaultInjectingHttpClient#prepareRequest} and
 * {@link FaultInterceptor#afterExecution}, called with the very context, execution attributes and HTTP request a real
 * {@link DynamoDbClient} {@code GetItem} produced (captured once in the setup), over an HTTP client that returns a
 * preallocated request so that only the engine's work is measured. Armed, it includes the interceptor publishing the
 * attempt's target in a thread-local and the decorator taking it back.
 *
 * <p>Rules: {@code rules} throttles on {@code dynamodb}, each on its own operation ({@code PutItem}, then
 * {@code Op1}, {@code Op2}...), each at 50 % (so a match includes the random draw; half the matching decisions fire)
 * and each naming the client's role (compared by value, not identity). No-match decisions are for {@code GetItem},
 * which no rule names; match decisions are for {@code PutItem}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FaultDecisionBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FaultDecisionBenchmark {
    static final String ROLE = "arn:aws:iam::123456789012:role/app";
    private static final String INTERNAL = "dev.fisengine.aws.sdk.internal.";

    /**
     * {@code Injector.decide(FaultIndex, CallTarget, String roleArn, SdkHttpRequest) -> Injection}, typed
     * {@code (FaultIndex, Object, String, SdkHttpRequest)Object}. The request (for the exemption marker) was added to
     * the signature later; an engine without it is adapted by ignoring the request.
     */
    private static final MethodHandle DECIDE = decideHandle();

    private static MethodHandle decideHandle() {
        try {
            Class<?> injector = Class.forName(INTERNAL + "Injector");
            Class<?> injection = Class.forName(INTERNAL + "Injection");
            Class<?> callTarget = Class.forName(INTERNAL + "CallTarget");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(injector, MethodHandles.lookup());
            MethodHandle decide;
            try {
                decide = lookup.findStatic(injector, "decide", MethodType.methodType(injection, FaultIndex.class,
                        callTarget, String.class, SdkHttpRequest.class));
            } catch (NoSuchMethodException older) {
                decide = MethodHandles.dropArguments(lookup.findStatic(injector, "decide", MethodType.methodType(
                        injection, FaultIndex.class, callTarget, String.class)), 3, SdkHttpRequest.class);
            }
            return decide.asType(MethodType.methodType(Object.class, FaultIndex.class, Object.class, String.class,
                    SdkHttpRequest.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("the decision entry point Injector.decide(FaultIndex, CallTarget, "
                    + "String, SdkHttpRequest) is gone or changed: update FaultDecisionBenchmark (" + e + ")");
        }
    }

    /**
     * The decorator's per-attempt decision for {@code target}, sent as {@code request}: idle check, then
     * {@code Injector.decide}; {@code null}: not hit.
     */
    static Object decide(ClientBinding binding, Object target, SdkHttpRequest request) throws Throwable {
        FaultIndex index = binding.current();
        if (index == FaultIndex.EMPTY) {
            return null;
        }
        return (Object) DECIDE.invokeExact(index, target, binding.roleArn(), request);
    }

    /** The {@code CallTarget} the interceptor publishes for {@code operation} of a sync DynamoDB client. */
    static Object target(String operation, SdkHttpRequest request) throws ReflectiveOperationException {
        Class<?> keysType = Class.forName(INTERNAL + "CallTarget$ServiceKeys");
        Constructor<?> keys = keysType.getDeclaredConstructor(String.class, String.class);
        keys.setAccessible(true);
        Constructor<?> target = Class.forName(INTERNAL + "CallTarget").getDeclaredConstructor(keysType, String.class,
                String.class, SdkHttpRequest.class);
        target.setAccessible(true);
        return target.newInstance(keys.newInstance("DynamoDb", "dynamodb"), operation, "json", request);
    }

    /** A distinct String instance equal to {@link #ROLE}, as a role read from configuration would be. */
    static String role() {
        return new String(ROLE.toCharArray());
    }

    /** The engine's work around one sync attempt, as the SDK calls it. */
    static ExecutableHttpRequest hook(Hook h) {
        h.interceptor.beforeTransmission(h.before, h.attributes);
        ExecutableHttpRequest r = h.decorator.prepareRequest(h.request);
        h.interceptor.afterExecution(h.after, h.attributes);
        return r;
    }

    /** An HTTP client that answers nothing and allocates nothing: it returns one preallocated request. */
    static final class FixedHttpClient implements SdkHttpClient {
        final ExecutableHttpRequest executable = new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                throw new IllegalStateException("the hook benchmark never sends a request");
            }

            @Override
            public void abort() {}
        };

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return executable;
        }

        @Override
        public void close() {}
    }

    /** The objects one real {@code GetItem} attempt hands to the interceptor and the HTTP client. */
    static final class Captured implements ExecutionInterceptor {
        Context.BeforeTransmission before;
        Context.AfterExecution after;
        ExecutionAttributes attributes;
        HttpExecuteRequest request;

        static Captured getItem() {
            Captured c = new Captured();
            CannedHttpClient canned = new CannedHttpClient();
            SdkHttpClient capturing = new SdkHttpClient() {
                @Override
                public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                    c.request = request;
                    return canned.prepareRequest(request);
                }

                @Override
                public void close() {}
            };
            try (DynamoDbClient client = SdkCallBenchmark.builder(canned).httpClient(capturing)
                    .overrideConfiguration(o -> o.addExecutionInterceptor(c)).build()) {
                client.getItem(SdkCallBenchmark.request());
            }
            if (c.before == null || c.after == null || c.request == null) {
                throw new IllegalStateException("capturing a GetItem attempt failed");
            }
            return c;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
            before = context;
            attributes = executionAttributes.copy();
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
            after = context;
        }
    }

    /** An instrumented sync client's hooks for one engine, fed with a captured {@code GetItem} attempt. */
    static final class Hook {
        final FixedHttpClient real = new FixedHttpClient();
        final FaultInterceptor interceptor;
        final FaultInjectingHttpClient decorator;
        final Context.BeforeTransmission before;
        final Context.AfterExecution after;
        final ExecutionAttributes attributes;
        final HttpExecuteRequest request;

        Hook(ClientBinding binding) {
            Captured c = Captured.getItem();
            interceptor = new FaultInterceptor(binding, true);
            decorator = new FaultInjectingHttpClient(real, binding);
            before = c.before;
            after = c.after;
            attributes = c.attributes;
            request = c.request;
            if (hook(this) != real.executable) {
                throw new IllegalStateException("the hook did not pass the GetItem attempt through untouched");
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Idle {
        FisEngine engine;
        ClientBinding binding;
        Object target;
        SdkHttpRequest request;
        Hook hook;

        @Setup(Level.Trial)
        public void setUp() throws Throwable {
            engine = SdkCallBenchmark.engine();
            binding = new ClientBinding(FaultRegistry.of(engine), role());
            hook = new Hook(binding);
            request = hook.request.httpRequest();
            target = target("GetItem", request);
            if (decide(binding, target, request) != null || !ApiFaultRegistry.of(engine).isIdle()) {
                throw new IllegalStateException("idle: the engine is not idle");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            engine.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Armed {
        @Param({"1", "10", "1000"})
        int rules;

        FisEngine engine;
        ClientBinding binding;
        Object noMatchTarget;
        Object matchTarget;
        SdkHttpRequest request;
        ArmedApiFault matchRule;
        Hook hook;

        @Setup(Level.Trial)
        public void setUp() throws Throwable {
            engine = SdkCallBenchmark.engine();
            ApiFaultRegistry registry = ApiFaultRegistry.of(engine);
            for (int i = 0; i < rules; i++) {
                ArmedApiFault a = registry.arm(ApiFaultRule.builder().service("dynamodb")
                        .operations(i == 0 ? "PutItem" : "Op" + i).percentage(50).roleArns(ROLE)
                        .fault(ApiFault.throttle()).seed(i).build());
                if (i == 0) {
                    matchRule = a;
                }
            }
            binding = new ClientBinding(FaultRegistry.of(engine), role());
            hook = new Hook(binding);
            request = hook.request.httpRequest();
            noMatchTarget = target("GetItem", request);
            matchTarget = target("PutItem", request);
            check();
        }

        private void check() throws Throwable {
            if (registry().armed().size() != rules || decide(binding, noMatchTarget, request) != null) {
                throw new IllegalStateException("armed: " + rules + " rules expected, GetItem must not match");
            }
            int fired = 0;
            for (int i = 0; i < 1000; i++) {
                if (decide(binding, matchTarget, request) != null) {
                    fired++;
                }
            }
            if (fired < 400 || fired > 600 || matchRule.matchedCalls() != 1000) {
                throw new IllegalStateException("armed: PutItem at 50 % fired " + fired + " of 1000, matched "
                        + matchRule.matchedCalls());
            }
        }

        private ApiFaultRegistry registry() {
            return ApiFaultRegistry.of(engine);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                if (registry().armed().size() != rules || matchRule.matchedCalls() < 1000) {
                    throw new IllegalStateException("armed: rules were disarmed during the trial");
                }
            } finally {
                engine.close();
            }
        }
    }

    @Benchmark
    public Object idle(Idle s) throws Throwable {
        return decide(s.binding, s.target, s.request);
    }

    @Benchmark
    public Object armedNoMatch(Armed s) throws Throwable {
        return decide(s.binding, s.noMatchTarget, s.request);
    }

    @Benchmark
    public Object armedMatch(Armed s) throws Throwable {
        return decide(s.binding, s.matchTarget, s.request);
    }

    @Benchmark
    public ExecutableHttpRequest hookIdle(Idle s) {
        return hook(s.hook);
    }

    @Benchmark
    public ExecutableHttpRequest hookArmedNoMatch(Armed s) {
        return hook(s.hook);
    }
}
