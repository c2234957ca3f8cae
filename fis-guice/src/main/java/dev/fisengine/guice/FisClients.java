package dev.fisengine.guice;

import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.ProviderWithDependencies;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.engine.FisEngine;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;

/**
 * AWS SDK for Java v2 clients that the engine's experiments reach: built with {@link FisSdk#instrument}, so the API
 * faults an experiment arms ({@code aws:fis:inject-api-*} and the engine's own API-fault actions) hit them, and
 * closed when the engine closes.
 *
 * <p>In a module, next to {@link FisEngineModule}:
 * <pre>{@code
 * FisClients.bind(binder(), DynamoDbClient.class, DynamoDbClient::builder,
 *         b -> b.region(Region.EU_WEST_1));
 * FisClients.bind(binder(), Key.get(SqsClient.class, Names.named("orders")), SqsClient::builder,
 *         "arn:aws:iam::123456789012:role/orders", b -> b.region(Region.EU_WEST_1));
 * }</pre>
 * or, when building the client needs other injected values, in a provider method:
 * <pre>{@code
 * @Provides @Singleton
 * DynamoDbClient dynamoDb(FisEngine engine, AppConfig config) {
 *     return FisClients.build(engine, DynamoDbClient.builder().region(config.region()), null);
 * }
 * }</pre>
 *
 * <p>Each bound client is a singleton built the first time it is injected (eagerly in
 * {@link com.google.inject.Stage#PRODUCTION}): the builder is made, the customizer sets it up (Region, endpoint,
 * credentials, HTTP client, override configuration...), then it is instrumented for the engine and built.
 * Instrumenting comes <em>after</em> the customizer because it wraps the HTTP client the builder has at that moment;
 * an HTTP client set later would not be reached. Nothing is built while modules are configured.
 *
 * <p><b>Closing.</b> The engine owns the clients built here: {@link FisEngine#close()} closes them (latest first)
 * after it has stopped its experiments, so close the engine last, after the code using the clients has stopped.
 * Asking for a client of a closed engine throws {@link IllegalStateException}. When the JVM shuts down, the
 * engine's shutdown hook stops its experiments and disarms every fault but leaves these clients open, because the
 * application's own shutdown hooks run at the same time and may still use them; the process's end releases them.
 *
 * <p><b>Principal role.</b> {@code roleArn} is the IAM role the client acts as, matched against the {@code Roles}
 * target of API-fault actions ({@link dev.fisengine.aws.sdk.ApiFaultRule#roleArns()}); {@code null} gives the
 * engine's {@link dev.fisengine.aws.sdk.DefaultPrincipalRole} (bind one with {@link FisEngineModule#componentBinder}).
 */
public final class FisClients {
    private FisClients() {}

    /** Binds {@code type} to a singleton client instrumented for the engine, with the engine's default role. */
    public static <C extends SdkClient, B extends SdkClientBuilder<B, C>> void bind(Binder binder, Class<C> type,
            Supplier<B> builder, Consumer<? super B> customizer) {
        bind(binder, Key.get(Objects.requireNonNull(type, "FisClients.bind: type")), builder, null, customizer);
    }

    /** Binds {@code type} to a singleton client instrumented for the engine, acting as {@code roleArn}. */
    public static <C extends SdkClient, B extends SdkClientBuilder<B, C>> void bind(Binder binder, Class<C> type,
            Supplier<B> builder, String roleArn, Consumer<? super B> customizer) {
        bind(binder, Key.get(Objects.requireNonNull(type, "FisClients.bind: type")), builder, roleArn, customizer);
    }

    /**
     * Binds {@code key} (e.g. a client type with a {@code @Named} annotation) to a singleton client instrumented for
     * the engine bound by {@link FisEngineModule}.
     *
     * @param builder makes a fresh client builder, e.g. {@code DynamoDbClient::builder}
     * @param roleArn the client's principal role, or {@code null} for the engine's default
     * @param customizer sets the builder up before it is instrumented and built
     * @throws IllegalArgumentException if {@code roleArn} is not an ARN
     */
    public static <C extends SdkClient, B extends SdkClientBuilder<B, C>> void bind(Binder binder, Key<C> key,
            Supplier<B> builder, String roleArn, Consumer<? super B> customizer) {
        Objects.requireNonNull(binder, "FisClients.bind: binder");
        Objects.requireNonNull(key, "FisClients.bind: key");
        Objects.requireNonNull(builder, () -> "FisClients.bind(" + key + "): builder");
        Objects.requireNonNull(customizer, () -> "FisClients.bind(" + key + "): customizer");
        checkRole(roleArn, key);
        Binder b = binder.skipSources(FisClients.class);
        b.bind(key)
                .toProvider(new ClientProvider<>(key, b.getProvider(FisEngine.class), builder, roleArn, customizer))
                .in(Scopes.SINGLETON);
    }

    /**
     * Instruments {@code builder} for {@code runtime}'s engine ({@link FisSdk#instrument}), builds the client and
     * hands it to the engine to close when the engine closes. Set the builder's HTTP client, if any, before calling.
     *
     * @param roleArn the client's principal role, or {@code null} for the engine's default
     * @throws IllegalStateException if the engine is closed (the client is then not left open)
     */
    public static <C extends SdkClient, B extends SdkClientBuilder<B, C>> C build(FisRuntime runtime, B builder,
            String roleArn) {
        Objects.requireNonNull(runtime, "FisClients.build: runtime");
        Objects.requireNonNull(builder, "FisClients.build: builder");
        if (runtime instanceof FisEngine engine && engine.isClosed()) {
            throw closed(runtime, builder);
        }
        FisSdk.instrument(builder, runtime, roleArn);
        C client = builder.build();
        boolean owned;
        try {
            owned = runtime.component(EngineClients.class, r -> new EngineClients(r.runtimeId())).add(client);
        } catch (IllegalStateException e) { // the engine closed meanwhile: its component store is closed
            owned = false;
        }
        if (!owned) {
            client.close();
            throw closed(runtime, builder);
        }
        return client;
    }

    private static IllegalStateException closed(FisRuntime runtime, Object builder) {
        return new IllegalStateException("FIS engine " + runtime.runtimeId() + " is closed; cannot build a client "
                + "from " + builder.getClass().getName());
    }

    private static void checkRole(String roleArn, Key<?> key) {
        if (roleArn != null && !roleArn.startsWith("arn:")) {
            throw new IllegalArgumentException("FisClients.bind(" + key + "): roleArn \"" + roleArn
                    + "\" is not an ARN");
        }
    }

    /** Builds one client per injector (bound in singleton scope). */
    private static final class ClientProvider<C extends SdkClient, B extends SdkClientBuilder<B, C>>
            implements ProviderWithDependencies<C> {
        private final Key<C> key;
        private final Provider<FisEngine> engine;
        private final Supplier<B> builder;
        private final String roleArn;
        private final Consumer<? super B> customizer;

        ClientProvider(Key<C> key, Provider<FisEngine> engine, Supplier<B> builder, String roleArn,
                Consumer<? super B> customizer) {
            this.key = key;
            this.engine = engine;
            this.builder = builder;
            this.roleArn = roleArn;
            this.customizer = customizer;
        }

        @Override
        public C get() {
            FisEngine e = engine.get();
            B b = Objects.requireNonNull(builder.get(), () -> "FisClients.bind(" + key + "): the builder supplier "
                    + "returned null");
            customizer.accept(b);
            return build(e, b, roleArn);
        }

        @Override
        public Set<Dependency<?>> getDependencies() {
            return Set.of(Dependency.get(Key.get(FisEngine.class)));
        }

        @Override
        public String toString() {
            return "FisClients[" + key + (roleArn == null ? "" : ", role " + roleArn) + "]";
        }
    }
}
