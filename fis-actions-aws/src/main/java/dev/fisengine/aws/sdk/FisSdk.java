package dev.fisengine.aws.sdk;

import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.aws.iam.KnownRoles;
import dev.fisengine.aws.sdk.internal.AutoInstrument;
import dev.fisengine.aws.sdk.internal.ClientBinding;
import dev.fisengine.aws.sdk.internal.DefaultBinding;
import dev.fisengine.aws.sdk.internal.Exemption;
import dev.fisengine.aws.sdk.internal.FaultInjectingAsyncHttpClient;
import dev.fisengine.aws.sdk.internal.FaultInjectingHttpClient;
import dev.fisengine.aws.sdk.internal.FaultInterceptor;
import dev.fisengine.aws.sdk.internal.FaultRegistry;
import dev.fisengine.aws.sdk.internal.InstrumentingHttpClientBuilders;
import dev.fisengine.aws.sdk.internal.SdkInternals;
import java.util.Objects;
import software.amazon.awssdk.core.ApiName;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/**
 * Instruments AWS SDK for Java v2 clients so that the API faults armed in an engine ({@link ApiFaultRegistry}) hit
 * them: the in-process counterpart of FIS's {@code aws:fis:inject-api-*} actions.
 *
 * <p>Explicit, per client (call it after setting the builder's HTTP client, if any):
 * <pre>{@code
 * DynamoDbClient ddb = FisSdk.instrument(DynamoDbClient.builder(), runtime, "arn:aws:iam::123456789012:role/app")
 *         .region(Region.EU_WEST_1).build();
 * }</pre>
 * The builder's HTTP client (or HTTP client builder, or else the SDK's default HTTP client, resolved as the SDK
 * resolves it) is wrapped by a decorator that answers hit attempts with the service's own error response, and a
 * client plugin adds the interceptor that tells it each attempt's service and operation (a plugin, so that a later
 * {@code overrideConfiguration(...)} on the builder does not drop it). Setting another HTTP client on the builder
 * after this call replaces the decorator and the client is no longer hit.
 *
 * <p>Zero-code, for every client in the JVM built with the SDK's default HTTP client: start the JVM with
 * {@code -Dfisengine.sdk.autoInstrument=true} and call {@link #setDefaultRuntime} before the first client is built
 * (it then names this module's HTTP services in the SDK's {@code software.amazon.awssdk.http[.async].service.impl}
 * properties; set those on the command line yourself when clients are built earlier). This module's global interceptor
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors}) then reports attempts for the default
 * engine; with the switch off it does nothing at all. Clients given an explicit HTTP client need {@link #instrument}.
 * The CRT-based S3 client ({@code S3AsyncClient.crtBuilder()}) has neither interceptors nor a pluggable HTTP client
 * and cannot be instrumented.
 *
 * <p>Principal role: the role given here, else the engine's {@link DefaultPrincipalRole}, else
 * {@code arn:aws:iam::000000000000:role/default}. Rules naming roles ({@link ApiFaultRule#roleArns()}) hit only
 * clients with one of those roles.
 *
 * <p>Exemption: a request whose {@code User-Agent} carries {@link #EXEMPT_API_NAME} is never hit, by any rule of any
 * engine, even through an instrumented client. Add {@link #EXEMPT} to a request's API names
 * ({@code .overrideConfiguration(o -> o.addApiName(FisSdk.EXEMPT))}), or put {@code fisengine-exempt/1} in a
 * client's {@code SdkAdvancedClientOption.USER_AGENT_SUFFIX} to exempt all its requests. Meant for the engine's own
 * safety calls (the CloudWatch stop condition's {@code DescribeAlarms}), which must see through the faults they
 * guard; code that only knows the string can use it without depending on this module.
 */
public final class FisSdk {
    /** The system property that turns zero-code instrumentation on ({@code true}); read once at startup. */
    public static final String AUTO_INSTRUMENT_PROPERTY = AutoInstrument.PROPERTY;
    /** The environment variable that turns zero-code instrumentation on ({@code true}). */
    public static final String AUTO_INSTRUMENT_ENV = AutoInstrument.ENV;
    /** The SDK's system property naming its sync HTTP implementation. */
    public static final String SYNC_HTTP_SERVICE_PROPERTY = "software.amazon.awssdk.http.service.impl";
    /** The SDK's system property naming its async HTTP implementation. */
    public static final String ASYNC_HTTP_SERVICE_PROPERTY = "software.amazon.awssdk.http.async.service.impl";
    /**
     * The API name ({@value}) that exempts a request from every API fault: when it appears as a word of the
     * request's {@code User-Agent} (as {@code fisengine-exempt/<version>}), the attempt is sent untouched and not
     * counted in {@link ArmedApiFault#matchedCalls()}. A contract by string: other modules use the literal.
     */
    public static final String EXEMPT_API_NAME = Exemption.API_NAME;
    /** {@link #EXEMPT_API_NAME} as an SDK {@link ApiName}, version {@code 1}, for {@code addApiName}. */
    public static final ApiName EXEMPT = ApiName.builder().name(EXEMPT_API_NAME).version("1").build();

    private static volatile FisRuntime defaultRuntime;

    private FisSdk() {}

    /** Instruments {@code builder} for {@code runtime}'s engine, with the engine's default principal role. */
    public static <B extends SdkClientBuilder<B, ?>> B instrument(B builder, FisRuntime runtime) {
        return instrument(builder, runtime, null);
    }

    /**
     * Instruments {@code builder} for {@code runtime}'s engine; the client's principal role is {@code roleArn}
     * ({@code null}: the engine's default). Returns {@code builder}.
     *
     * @throws IllegalStateException if the builder is already instrumented
     */
    public static <B extends SdkClientBuilder<B, ?>> B instrument(B builder, FisRuntime runtime, String roleArn) {
        Objects.requireNonNull(builder, "builder");
        ClientBinding binding = binding(runtime, roleArn);
        if (builder.plugins().stream().anyMatch(p -> p instanceof FaultInterceptor.Plugin)) {
            throw new IllegalStateException("builder: " + builder.getClass().getName() + " is already instrumented "
                    + "by FisSdk.instrument");
        }
        SdkClientConfiguration.Builder config = configurationOf(builder);
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            SdkHttpClient client = config.option(SdkClientOption.CONFIGURED_SYNC_HTTP_CLIENT);
            if (client != null) {
                sync.httpClient(new FaultInjectingHttpClient(client, binding));
            } else {
                SdkHttpClient.Builder<?> b = config.option(SdkClientOption.CONFIGURED_SYNC_HTTP_CLIENT_BUILDER);
                sync.httpClientBuilder(InstrumentingHttpClientBuilders.sync(
                        b != null ? b : InstrumentingHttpClientBuilders.sdkDefaultSync(), binding));
            }
        } else if (builder instanceof SdkAsyncClientBuilder<?, ?> async) {
            SdkAsyncHttpClient client = config.option(SdkClientOption.CONFIGURED_ASYNC_HTTP_CLIENT);
            if (client != null) {
                async.httpClient(new FaultInjectingAsyncHttpClient(client, binding));
            } else {
                SdkAsyncHttpClient.Builder<?> b = config.option(SdkClientOption.CONFIGURED_ASYNC_HTTP_CLIENT_BUILDER);
                async.httpClientBuilder(InstrumentingHttpClientBuilders.async(
                        b != null ? b : InstrumentingHttpClientBuilders.sdkDefaultAsync(), binding));
            }
        } else {
            throw new IllegalArgumentException("builder: " + builder.getClass().getName() + " is neither a sync nor "
                    + "an async AWS SDK client builder");
        }
        return builder.addPlugin(new FaultInterceptor.Plugin(new FaultInterceptor(binding, true)));
    }

    /**
     * {@code client} wrapped for {@code runtime}'s engine, for clients assembled by hand: also add
     * {@link #interceptor(FisRuntime)} to the SDK client. Closing the wrapper closes {@code client}.
     */
    public static SdkHttpClient wrap(SdkHttpClient client, FisRuntime runtime, String roleArn) {
        return new FaultInjectingHttpClient(Objects.requireNonNull(client, "client"), binding(runtime, roleArn));
    }

    /** {@code client} wrapped for {@code runtime}'s engine; see {@link #wrap(SdkHttpClient, FisRuntime, String)}. */
    public static SdkAsyncHttpClient wrap(SdkAsyncHttpClient client, FisRuntime runtime, String roleArn) {
        return new FaultInjectingAsyncHttpClient(Objects.requireNonNull(client, "client"), binding(runtime, roleArn));
    }

    /** The interceptor that goes with {@link #wrap}: it tells the wrapper each attempt's service and operation. */
    public static ExecutionInterceptor interceptor(FisRuntime runtime) {
        return new FaultInterceptor(binding(runtime, null));
    }

    /**
     * Makes {@code runtime}'s engine the one zero-code-instrumented clients report to ({@code null}: none). Takes
     * effect for clients already built.
     */
    public static void setDefaultRuntime(FisRuntime runtime) {
        if (runtime != null && AutoInstrument.ENABLED) {
            installHttpServices();
        }
        DefaultBinding.set(runtime == null ? null : binding(runtime, null));
        defaultRuntime = runtime;
    }

    /**
     * With the switch on, names this module's HTTP services in the SDK's {@code software.amazon.awssdk.http[.async]
     * .service.impl} system properties unless the application set them, so the switch alone is enough when the
     * default runtime is set before the first SDK client is built (the SDK picks its default HTTP implementation
     * once per JVM, on the first client).
     */
    private static void installHttpServices() {
        if (System.getProperty(SYNC_HTTP_SERVICE_PROPERTY) == null) {
            System.setProperty(SYNC_HTTP_SERVICE_PROPERTY, FisSdkHttpService.class.getName());
        }
        if (System.getProperty(ASYNC_HTTP_SERVICE_PROPERTY) == null) {
            System.setProperty(ASYNC_HTTP_SERVICE_PROPERTY, FisSdkAsyncHttpService.class.getName());
        }
    }

    /** The engine zero-code clients report to, or {@code null}. */
    public static FisRuntime defaultRuntime() {
        return DefaultBinding.get() == null ? null : defaultRuntime; // null once that engine closed
    }

    /**
     * Attempts in this JVM that zero-code mode could not reach: an armed rule of the default engine matched them, but
     * the client's HTTP client was not the FIS one (built with its own HTTP client, or before the SDK's HTTP service
     * property named the FIS service). Each such client is also warned about once (logger
     * {@code dev.fisengine.aws.sdk}).
     */
    public static long zeroCodeMissedAttempts() {
        return dev.fisengine.aws.sdk.internal.ZeroCodeMisses.count();
    }

    /**
     * Connects this JVM to a running {@code fis serve} (or embedded {@code FisServer}) at {@code server}: the API faults
     * its experiments arm for {@code roleArns} (none: {@link DefaultPrincipalRole#FALLBACK}) are armed in the returned
     * runtime's registry; instrument clients for it ({@link #instrument(SdkClientBuilder, FisRuntime, String)}). Returns
     * at once and connects in the background ({@link RemoteFaults#awaitConnected}); losing the server disarms every
     * remote rule within the lease. The zero-code form is the environment variable {@value RemoteFaults#SERVER_ENV}.
     */
    public static RemoteFaults connect(java.net.URI server, String... roleArns) {
        return RemoteFaults.connect(server, java.util.Arrays.asList(roleArns));
    }

    /**
     * The connection the zero-code switch ({@value RemoteFaults#SERVER_ENV} / {@code -D}{@value
     * RemoteFaults#SERVER_PROPERTY}) made, or {@code null} (not asked for, or no SDK client built yet).
     */
    public static RemoteFaults zeroCodeConnection() {
        return dev.fisengine.aws.sdk.internal.RemoteSwitch.connection();
    }

    /** Whether zero-code instrumentation is switched on in this JVM. */
    public static boolean autoInstrumentEnabled() {
        return AutoInstrument.ENABLED;
    }

    /** The principal role a client instrumented for {@code runtime} without a role gets. */
    public static String defaultRoleArn(FisRuntime runtime) {
        return DefaultPrincipalRole.of(Objects.requireNonNull(runtime, "runtime")).roleArn();
    }

    private static ClientBinding binding(FisRuntime runtime, String roleArn) {
        Objects.requireNonNull(runtime, "runtime");
        String role = roleArn != null ? checkedRole(roleArn) : defaultRoleArn(runtime);
        if (roleArn != null) {
            // aws:iam:role targets resolve against the roles the engine knows: every instrumented client's role is one
            KnownRoles.of(runtime).register(role);
        }
        return new ClientBinding(FaultRegistry.of(runtime), role);
    }

    private static String checkedRole(String roleArn) {
        if (!roleArn.startsWith("arn:")) {
            throw new IllegalArgumentException("roleArn: \"" + roleArn + "\" is not an ARN");
        }
        return roleArn;
    }

    private static SdkClientConfiguration.Builder configurationOf(Object builder) {
        return SdkInternals.clientConfiguration(builder);
    }
}
