package dev.fisengine.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import dev.fisengine.api.event.ExperimentListener;
import dev.fisengine.api.event.ExperimentLogSink;
import dev.fisengine.api.exception.PluginConflictException;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.EngineStartHook;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.LogDestinationProvider;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.EngineClock;
import java.util.Objects;
import java.util.Set;

/**
 * Binds a {@link FisEngine} for Guice: the engine as a singleton (also bound as {@link FisRuntime}, the same
 * instance), its {@link Plugins} built from the providers bound through {@link Multibinder} <em>and</em> those
 * {@link java.util.ServiceLoader} finds, and per-engine settings and components.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *         FisEngineModule.builder().options(EngineOptions.defaults()).build(),
 *         new AbstractModule() {
 *             protected void configure() {
 *                 FisEngineModule.actionBinder(binder()).addBinding().to(MyActionProvider.class);
 *             }
 *         });
 * FisEngine engine = injector.getInstance(FisEngine.class);
 * ...
 * engine.close();   // the application's shutdown: the module never closes anything
 * }</pre>
 *
 * <p><b>Bindings.</b> {@code FisEngine} (singleton), {@code FisRuntime} (the same engine), {@code Plugins}
 * (singleton), {@code Set<ActionProvider>}, {@code Set<TargetResolverProvider>}, {@code Set<StopConditionProvider>},
 * {@code Set<ExperimentListener>}, {@code Set<ExperimentLogSink>}, {@code Set<EngineComponent<?>>} (all possibly
 * empty; add to them with the static {@code *Binder(binder())} methods from any module). The CloudWatch stop
 * condition's settings are a component: {@link FisCloudWatchSettings#bind} (it needs {@code fis-stop-cloudwatch},
 * which this module does not bring: this class references no CloudWatch type).
 *
 * <p><b>Plugins.</b> Bound providers and, unless {@link Builder#discovery(boolean) discovery} is off, discovered
 * ones are merged by {@link Plugins.Builder}: the same provider class found twice (bound and discovered) counts once;
 * two classes claiming one key ({@code actionId}, {@code resourceType}, stop-condition {@code source}) with equal
 * {@code order()} fail the engine's creation with a {@link PluginConflictException} naming both classes. The built-in
 * {@code aws:fis:wait} and {@code none} are discovered like any plugin: with discovery off, bind
 * {@link dev.fisengine.engine.builtin.WaitActionProvider} and
 * {@link dev.fisengine.engine.builtin.NoneStopConditionProvider} yourself if your templates use them.
 *
 * <p><b>Side effects.</b> {@link #configure()} only declares bindings: no I/O, no threads, no class-path scanning.
 * {@code ServiceLoader} discovery and the engine's construction happen when the engine is first provided. Building a
 * {@code FisEngine} starts no thread (its worker pool and its system clock's timer start on first use, when an
 * experiment runs); it does register a JVM shutdown hook unless {@link EngineOptions#shutdownHook()} is off. In
 * {@link com.google.inject.Stage#DEVELOPMENT} (Guice's default) the engine is created when first injected; in
 * {@link com.google.inject.Stage#PRODUCTION} Guice creates singletons eagerly, so the engine (discovery included) is
 * built during {@code Guice.createInjector} and a plugin conflict surfaces there as a
 * {@link com.google.inject.CreationException}; in {@link com.google.inject.Stage#TOOL} nothing is created.
 *
 * <p><b>Lifecycle.</b> The engine belongs to the application, not to the module: call {@link FisEngine#close()} at
 * shutdown. That stops running experiments, reverts their faults, closes the engine's {@link AutoCloseable}
 * components, and closes the SDK clients {@link FisClients} built for it.
 */
public final class FisEngineModule extends AbstractModule {
    private static final TypeLiteral<EngineComponent<?>> COMPONENT = new TypeLiteral<>() {};

    private final EngineOptions options;
    private final EngineClock clock;
    private final boolean discovery;
    private final ClassLoader discoveryClassLoader;
    private final Long seed;
    private final boolean slf4jLog;

    private FisEngineModule(Builder b) {
        this.options = b.options;
        this.clock = b.clock;
        this.discovery = b.discovery;
        this.discoveryClassLoader = b.discoveryClassLoader;
        this.seed = b.seed;
        this.slf4jLog = b.slf4jLog;
    }

    /** A module with every default: {@link EngineOptions#defaults()}, system clock, discovery on, unseeded. */
    public static FisEngineModule create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------ extension points

    /** The set of action providers (template {@code actions.*.actionId}) the engine uses besides discovered ones. */
    public static Multibinder<ActionProvider> actionBinder(Binder binder) {
        return Multibinder.newSetBinder(binder, ActionProvider.class);
    }

    /** The set of target resolvers (template {@code targets.*.resourceType}) besides discovered ones. */
    public static Multibinder<TargetResolverProvider> targetResolverBinder(Binder binder) {
        return Multibinder.newSetBinder(binder, TargetResolverProvider.class);
    }

    /** The set of stop-condition providers (template {@code stopConditions[].source}) besides discovered ones. */
    public static Multibinder<StopConditionProvider> stopConditionBinder(Binder binder) {
        return Multibinder.newSetBinder(binder, StopConditionProvider.class);
    }

    /** Adds {@link EngineStartHook}s (run once, bounded, when the engine is built). */
    public static Multibinder<EngineStartHook> startHookBinder(Binder binder) {
        return Multibinder.newSetBinder(binder, EngineStartHook.class);
    }

    /** Adds {@link LogDestinationProvider}s (a template's {@code logConfiguration} destinations). */
    public static Multibinder<LogDestinationProvider> logDestinationBinder(Binder binder) {
        return Multibinder.newSetBinder(binder, LogDestinationProvider.class);
    }

    /** Listeners for the EventBridge-shaped "FIS Experiment State Change" events of every experiment. */
    public static Multibinder<ExperimentListener> listenerBinder(Binder binder) {
        return Multibinder.newSetBinder(binder, ExperimentListener.class);
    }

    /** Sinks for every experiment log record (FIS log schema v2), besides the SLF4J sink. */
    public static Multibinder<ExperimentLogSink> logSinkBinder(Binder binder) {
        return Multibinder.newSetBinder(binder, ExperimentLogSink.class);
    }

    /**
     * Components registered on the engine at build time ({@code FisEngine.Builder.component}), which plugins get
     * from {@link FisRuntime#component}, e.g. {@code EngineComponent.of(DefaultPrincipalRole.class, role)}. Two for
     * one type fail the engine's creation.
     */
    public static Multibinder<EngineComponent<?>> componentBinder(Binder binder) {
        return Multibinder.newSetBinder(binder, COMPONENT);
    }

    // ----------------------------------------------------------------------------------------------- bindings

    /** Declares the bindings; creates nothing and reads nothing. */
    @Override
    protected void configure() {
        actionBinder(binder()).permitDuplicates();
        targetResolverBinder(binder()).permitDuplicates();
        stopConditionBinder(binder()).permitDuplicates();
        startHookBinder(binder()).permitDuplicates();
        logDestinationBinder(binder()).permitDuplicates();
        listenerBinder(binder()).permitDuplicates();
        logSinkBinder(binder()).permitDuplicates();
        componentBinder(binder());
        bind(FisRuntime.class).to(FisEngine.class);
    }

    /**
     * The engine's plugins: the bound ones plus, when discovery is on, those {@code ServiceLoader} finds.
     *
     * @throws PluginConflictException when two provider classes claim one key with the same order
     */
    @Provides
    @Singleton
    Plugins plugins(Set<ActionProvider> actions, Set<TargetResolverProvider> resolvers,
            Set<StopConditionProvider> stopConditions, Set<EngineStartHook> startHooks,
            Set<LogDestinationProvider> logDestinations) {
        Plugins.Builder b = Plugins.builder();
        if (discovery) {
            b.discover(discoveryClassLoader);
        }
        actions.forEach(b::action);
        resolvers.forEach(b::resolver);
        stopConditions.forEach(b::stopCondition);
        startHooks.forEach(b::startHook);
        logDestinations.forEach(b::logDestination);
        return b.build();
    }

    @Provides
    @Singleton
    FisEngine engine(Plugins plugins, Set<ExperimentListener> listeners, Set<ExperimentLogSink> sinks,
            Set<EngineComponent<?>> components) {
        FisEngine.Builder b = FisEngine.builder().plugins(plugins).options(options).slf4jLog(slf4jLog);
        if (clock != null) {
            b.clock(clock);
        }
        if (seed != null) {
            b.seed(seed);
        }
        listeners.forEach(b::listener);
        sinks.forEach(b::logSink);
        components.forEach(c -> c.registerOn(b));
        return b.build();
    }

    @Override
    public String toString() {
        return "FisEngineModule[options=" + options + ", clock=" + (clock == null ? "system" : clock)
                + ", discovery=" + discovery + ", seed=" + seed + ", slf4jLog=" + slf4jLog + "]";
    }

    /**
     * Configures a {@link FisEngineModule}. Defaults: {@link EngineOptions#defaults()}, the system clock (owned and
     * closed by the engine), {@code ServiceLoader} discovery on with this module's class loader, no seed, the SLF4J
     * experiment log on.
     */
    public static final class Builder {
        private EngineOptions options = EngineOptions.defaults();
        private EngineClock clock;
        private boolean discovery = true;
        private ClassLoader discoveryClassLoader = FisEngineModule.class.getClassLoader();
        private Long seed;
        private boolean slf4jLog = true;

        private Builder() {}

        /** The engine's options (Region, account, quotas, validation mode, shutdown hook...). */
        public Builder options(EngineOptions options) {
            this.options = Objects.requireNonNull(options, "FisEngineModule.options");
            return this;
        }

        /**
         * The engine's clock, e.g. a {@link dev.fisengine.engine.time.ManualClock} in tests. A clock given here
         * belongs to the caller; the engine does not close it.
         */
        public Builder clock(EngineClock clock) {
            this.clock = Objects.requireNonNull(clock, "FisEngineModule.clock");
            return this;
        }

        /** Whether plugins on the class path are found by {@code ServiceLoader} (default {@code true}). */
        public Builder discovery(boolean enabled) {
            this.discovery = enabled;
            return this;
        }

        /** The class loader {@code ServiceLoader} discovery uses (default: the one that loaded this module). */
        public Builder discoveryClassLoader(ClassLoader loader) {
            this.discoveryClassLoader = Objects.requireNonNull(loader, "FisEngineModule.discoveryClassLoader");
            return this;
        }

        /** Seeds target selection ({@code COUNT}/{@code PERCENT}) and ids, for reproducible runs. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether experiment log records go to the SLF4J logger {@code dev.fisengine.experiment} (default on). */
        public Builder slf4jLog(boolean enabled) {
            this.slf4jLog = enabled;
            return this;
        }

        public FisEngineModule build() {
            return new FisEngineModule(this);
        }
    }
}
