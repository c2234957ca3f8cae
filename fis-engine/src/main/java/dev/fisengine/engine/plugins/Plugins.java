package dev.fisengine.engine.plugins;

import dev.fisengine.api.exception.PluginConflictException;
import dev.fisengine.api.exception.PluginLoadException;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.EngineStartHook;
import dev.fisengine.api.spi.LogDestinationProvider;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plugins an engine uses, keyed by the FIS strings they answer for: action providers by {@code actionId},
 * target resolvers by {@code resourceType}, stop conditions by {@code source}, log destinations by the
 * {@code logConfiguration} field they deliver to. Immutable once built.
 *
 * <p>Built from {@link ServiceLoader} discovery ({@link Builder#discover}) and/or explicit registration. When two
 * providers claim one key, the one with the higher {@code order()} wins; equal orders fail with a
 * {@link PluginConflictException} naming both classes. Discovery is a default, not the only path.
 */
public final class Plugins {
    private final Map<String, ActionProvider> actions;
    private final Map<String, TargetResolverProvider> resolvers;
    private final Map<String, StopConditionProvider> stopConditions;
    private final List<EngineStartHook> startHooks;
    private final Map<String, LogDestinationProvider> logDestinations;

    private Plugins(Builder b) {
        this.actions = index(b.actions, p -> p.descriptor().id(), ActionProvider::order, "actionId");
        this.resolvers = index(b.resolvers, p -> p.descriptor().resourceType(), TargetResolverProvider::order,
                "resourceType");
        this.stopConditions = index(b.stopConditions, p -> p.descriptor().source(), StopConditionProvider::order,
                "stop-condition source");
        List<EngineStartHook> hooks = new ArrayList<>();
        for (EngineStartHook h : b.startHooks) {
            if (hooks.stream().noneMatch(x -> x.getClass() == h.getClass())) {
                hooks.add(h); // the same hook found twice (discovered and registered) runs once
            }
        }
        this.startHooks = List.copyOf(hooks);
        this.logDestinations = index(b.logDestinations, LogDestinationProvider::destination,
                LogDestinationProvider::order, "log destination");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The plugins {@link ServiceLoader} finds with this class's class loader (built-ins included). */
    public static Plugins discovered() {
        return builder().discover(Plugins.class.getClassLoader()).build();
    }

    public Optional<ActionProvider> action(String actionId) {
        return Optional.ofNullable(actions.get(actionId));
    }

    public Optional<TargetResolverProvider> resolver(String resourceType) {
        return Optional.ofNullable(resolvers.get(resourceType));
    }

    public Optional<StopConditionProvider> stopCondition(String source) {
        return Optional.ofNullable(stopConditions.get(source));
    }

    /** The provider delivering to {@code logConfiguration.<destination>} (see {@link LogDestinationProvider}). */
    public Optional<LogDestinationProvider> logDestination(String destination) {
        return Optional.ofNullable(logDestinations.get(destination));
    }

    public Optional<ActionDescriptor> actionDescriptor(String actionId) {
        return action(actionId).map(ActionProvider::descriptor);
    }

    public Optional<TargetTypeDescriptor> targetType(String resourceType) {
        return resolver(resourceType).map(TargetResolverProvider::descriptor);
    }

    public Optional<StopConditionDescriptor> stopConditionDescriptor(String source) {
        return stopCondition(source).map(StopConditionProvider::descriptor);
    }

    /** Action providers sorted by actionId. */
    public List<ActionProvider> actions() {
        return List.copyOf(actions.values());
    }

    /** Target resolvers sorted by resourceType. */
    public List<TargetResolverProvider> resolvers() {
        return List.copyOf(resolvers.values());
    }

    /** Stop-condition providers sorted by source. */
    public List<StopConditionProvider> stopConditions() {
        return List.copyOf(stopConditions.values());
    }

    /** The engine start hooks, in registration order (one per class). */
    public List<EngineStartHook> startHooks() {
        return startHooks;
    }

    /** Log destination providers sorted by destination. */
    public List<LogDestinationProvider> logDestinations() {
        return List.copyOf(logDestinations.values());
    }

    private static <P> Map<String, P> index(List<P> providers, Function<P, String> key, ToIntFunction<P> order,
            String what) {
        Map<String, P> result = new TreeMap<>();
        for (P p : providers) {
            String k = key.apply(p);
            P existing = result.get(k);
            if (existing == null) {
                result.put(k, p);
                continue;
            }
            if (existing.getClass() == p.getClass()) {
                continue; // the same plugin found twice (e.g. discovered and registered): not a conflict
            }
            int cmp = Integer.compare(order.applyAsInt(p), order.applyAsInt(existing));
            if (cmp == 0) {
                throw new PluginConflictException("Two plugins claim " + what + " '" + k + "': "
                        + existing.getClass().getName() + " and " + p.getClass().getName()
                        + " (both order " + order.applyAsInt(p) + "); remove one or give one a higher order()");
            }
            if (cmp > 0) {
                result.put(k, p);
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /** Builder for {@link Plugins}. */
    public static final class Builder {
        private final List<ActionProvider> actions = new ArrayList<>();
        private final List<TargetResolverProvider> resolvers = new ArrayList<>();
        private final List<StopConditionProvider> stopConditions = new ArrayList<>();
        private final List<EngineStartHook> startHooks = new ArrayList<>();
        private final List<LogDestinationProvider> logDestinations = new ArrayList<>();

        private Builder() {}

        /**
         * Adds every provider {@link ServiceLoader} finds through {@code loader}.
         *
         * @throws PluginLoadException when a provider listed in a {@code META-INF/services} file cannot be
         *     instantiated; the message names the class, the file and the fix, instead of the JDK's raw
         *     {@link ServiceConfigurationError}
         */
        public Builder discover(ClassLoader loader) {
            load(ActionProvider.class, loader, actions);
            load(TargetResolverProvider.class, loader, resolvers);
            load(StopConditionProvider.class, loader, stopConditions);
            load(EngineStartHook.class, loader, startHooks);
            load(LogDestinationProvider.class, loader, logDestinations);
            return this;
        }

        private static <S> void load(Class<S> service, ClassLoader loader, List<? super S> into) {
            Iterator<ServiceLoader.Provider<S>> it = ServiceLoader.load(service, loader).stream().iterator();
            while (true) {
                ServiceLoader.Provider<S> provider;
                try {
                    if (!it.hasNext()) {
                        return;
                    }
                    provider = it.next();
                } catch (ServiceConfigurationError e) {
                    throw loadFailure(service, null, e);
                }
                try {
                    into.add(provider.get());
                } catch (ServiceConfigurationError e) {
                    throw loadFailure(service, provider.type().getName(), e);
                }
            }
        }

        private static final Pattern NAMED = Pattern.compile(
                "^(?:Provider )?([\\p{L}_$][\\p{L}\\p{N}_$.]*)\\s+(?:not found|not a subtype|could not be instantiated"
                        + "|Unable to get public no-arg constructor|is not public)");

        /** The message a user can act on: which class, which services file, what ServiceLoader needs. */
        static PluginLoadException loadFailure(Class<?> service, String className, ServiceConfigurationError e) {
            String file = "META-INF/services/" + service.getName();
            String detail = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            if (detail.startsWith(service.getName() + ": ")) {
                detail = detail.substring(service.getName().length() + 2);
            }
            String name = className;
            if (name == null) {
                Matcher m = NAMED.matcher(detail);
                name = m.find() ? m.group(1) : null;
            }
            Throwable cause = e.getCause();
            String why = cause == null ? detail : detail + " (" + cause.getClass().getName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
            String simple = name == null ? "MyPlugin" : name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
            return new PluginLoadException("Cannot load the " + service.getSimpleName() + " "
                    + (name == null ? "listed" : name + ", listed") + " in " + file + " (found by ServiceLoader): "
                    + why + ". ServiceLoader needs a public class (top-level, or a public static nested class) with "
                    + "a public no-argument constructor that does not throw. Make it so, or remove the line from "
                    + file + " and register the plugin explicitly: FisEngine.builder().plugins(Plugins.builder()"
                    + ".discover(loader)." + builderMethod(service) + "(new " + simple + "(...)).build())"
                    + (guiceBinder(service) == null ? "" : ", or with Guice, FisEngineModule." + guiceBinder(service)
                    + "(binder()).addBinding().to(" + simple + ".class)") + " (see docs/writing-plugins.md)", e);
        }

        private static String builderMethod(Class<?> service) {
            if (service == ActionProvider.class) {
                return "action";
            }
            if (service == EngineStartHook.class) {
                return "startHook";
            }
            if (service == LogDestinationProvider.class) {
                return "logDestination";
            }
            return service == TargetResolverProvider.class ? "resolver" : "stopCondition";
        }

        private static String guiceBinder(Class<?> service) {
            if (service == ActionProvider.class) {
                return "actionBinder";
            }
            if (service == LogDestinationProvider.class) {
                return "logDestinationBinder";
            }
            if (service == EngineStartHook.class) {
                return "startHookBinder";
            }
            return service == TargetResolverProvider.class ? "targetResolverBinder" : "stopConditionBinder";
        }

        public Builder action(ActionProvider provider) {
            actions.add(provider);
            return this;
        }

        public Builder resolver(TargetResolverProvider provider) {
            resolvers.add(provider);
            return this;
        }

        public Builder stopCondition(StopConditionProvider provider) {
            stopConditions.add(provider);
            return this;
        }

        /** Adds a hook the engine runs once when it starts (see {@link EngineStartHook}). */
        public Builder startHook(EngineStartHook hook) {
            startHooks.add(java.util.Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** Adds a provider of a {@code logConfiguration} destination (see {@link LogDestinationProvider}). */
        public Builder logDestination(LogDestinationProvider provider) {
            logDestinations.add(provider);
            return this;
        }

        /** Adds the given plugins' providers. */
        public Builder addAll(Plugins other) {
            actions.addAll(other.actions.values());
            resolvers.addAll(other.resolvers.values());
            stopConditions.addAll(other.stopConditions.values());
            startHooks.addAll(other.startHooks);
            logDestinations.addAll(other.logDestinations.values());
            return this;
        }

        /** @throws PluginConflictException if two providers claim one key with the same order */
        public Plugins build() {
            return new Plugins(this);
        }
    }
}
