package dev.fisengine.junit.internal;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.junit.FisEngineSetup;
import dev.fisengine.junit.FisPlugins;
import dev.fisengine.testkit.ExperimentLogRecorder;
import dev.fisengine.testkit.FisTestkit;
import dev.fisengine.testkit.InMemoryStopCondition;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * One test class's engine and what goes with it: the manual clock (or none, on the system clock), the log recorder,
 * the in-memory stop condition, the fault ledger and the templates created so far (one per resource).
 */
public final class EngineHolder implements AutoCloseable {
    private final FisEngine engine;
    private final ManualClock manualClock;
    private final ExperimentLogRecorder recorder;
    private final InMemoryStopCondition switches;
    private final FaultLedger ledger;
    private final String owner;
    private final Map<String, String> templateIds = new ConcurrentHashMap<>();

    private EngineHolder(FisEngine engine, ManualClock manualClock, ExperimentLogRecorder recorder,
            InMemoryStopCondition switches, FaultLedger ledger, String owner) {
        this.engine = engine;
        this.manualClock = manualClock;
        this.recorder = recorder;
        this.switches = switches;
        this.ledger = ledger;
        this.owner = owner;
    }

    /**
     * Builds the engine of {@code testClass}: discovered plugins, replaced and completed by its {@link FisPlugins}
     * fields, an {@link InMemoryStopCondition}, every action provider wrapped for the fault ledger; then its
     * {@link FisEngineSetup} methods.
     *
     * @param manual whether the engine runs on a manual clock
     * @param owner the unique id of the extension context that owns (and closes) it
     */
    public static EngineHolder build(Class<?> testClass, boolean manual, String owner) {
        List<Object> explicit = new ArrayList<>();
        for (Class<?> c : hierarchy(testClass)) {
            for (Field f : ReflectionSupport.findFields(c, f -> AnnotationSupport.isAnnotated(f, FisPlugins.class),
                    HierarchyTraversalMode.TOP_DOWN)) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    throw new ExtensionConfigurationException("@FisPlugins field " + f.getDeclaringClass().getName()
                            + "." + f.getName() + " must be static: the engine is built once per test class, before "
                            + "any instance exists");
                }
                Object value = ReflectionSupport.tryToReadFieldValue(f, null).getOrThrow(e ->
                        new ExtensionConfigurationException("@FisPlugins field " + f.getName() + " of "
                                + f.getDeclaringClass().getName() + " could not be read: " + e, e));
                flatten(value, f, explicit);
            }
        }
        InMemoryStopCondition switches = null;
        List<ActionProvider> actions = new ArrayList<>();
        List<TargetResolverProvider> resolvers = new ArrayList<>();
        List<StopConditionProvider> stops = new ArrayList<>();
        for (Object o : explicit) {
            if (o instanceof ActionProvider p) {
                actions.add(p);
            }
            if (o instanceof TargetResolverProvider p) {
                resolvers.add(p);
            }
            if (o instanceof StopConditionProvider p) {
                stops.add(p);
                if (p instanceof InMemoryStopCondition s) {
                    switches = s;
                }
            }
            if (o instanceof Plugins p) {
                actions.addAll(p.actions());
                resolvers.addAll(p.resolvers());
                stops.addAll(p.stopConditions());
            }
        }
        if (switches == null) {
            switches = new InMemoryStopCondition();
            if (stops.stream().noneMatch(p -> p.descriptor().source().equals(InMemoryStopCondition.SOURCE))) {
                stops.add(switches);
            }
        }
        ClassLoader loader = testClass.getClassLoader() != null ? testClass.getClassLoader()
                : ClassLoader.getSystemClassLoader();
        Plugins discovered = Plugins.builder().discover(loader).build();
        Set<String> actionIds = keys(actions, p -> p.descriptor().id());
        Set<String> types = keys(resolvers, p -> p.descriptor().resourceType());
        Set<String> sources = keys(stops, p -> p.descriptor().source());
        FaultLedger ledger = new FaultLedger();
        Plugins.Builder merged = Plugins.builder();
        discovered.actions().stream().filter(p -> !actionIds.contains(p.descriptor().id())).forEach(merged::action);
        discovered.resolvers().stream().filter(p -> !types.contains(p.descriptor().resourceType()))
                .forEach(merged::resolver);
        discovered.stopConditions().stream().filter(p -> !sources.contains(p.descriptor().source()))
                .forEach(merged::stopCondition);
        actions.forEach(merged::action);
        resolvers.forEach(merged::resolver);
        stops.forEach(merged::stopCondition);
        Plugins chosen = merged.build();
        Plugins.Builder wrapped = Plugins.builder();
        chosen.actions().forEach(p -> wrapped.action(new RecordingActionProvider(p, ledger)));
        chosen.resolvers().forEach(wrapped::resolver);
        chosen.stopConditions().forEach(wrapped::stopCondition);

        ManualClock clock = manual ? FisTestkit.manualClock() : null;
        ExperimentLogRecorder recorder = new ExperimentLogRecorder();
        FisEngine.Builder builder = FisEngine.builder().options(FisTestkit.testOptions())
                .seed(FisTestkit.DEFAULT_SEED).plugins(wrapped.build());
        if (clock != null) {
            builder.clock(clock);
        }
        recorder.attachTo(builder);
        for (Class<?> c : hierarchy(testClass)) {
            for (Method m : ReflectionSupport.findMethods(c, m -> AnnotationSupport.isAnnotated(m, FisEngineSetup.class),
                    HierarchyTraversalMode.TOP_DOWN)) {
                if (!Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 1
                        || m.getParameterTypes()[0] != FisEngine.Builder.class) {
                    throw new ExtensionConfigurationException("@FisEngineSetup method " + m.getDeclaringClass()
                            .getName() + "." + m.getName() + " must be static and take one FisEngine.Builder");
                }
                ReflectionSupport.invokeMethod(m, null, builder);
            }
        }
        return new EngineHolder(builder.build(), clock, recorder, switches, ledger, owner);
    }

    /** The class and its enclosing classes, outermost first (their plugins and setup apply to nested classes). */
    private static List<Class<?>> hierarchy(Class<?> testClass) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            classes.add(0, c);
        }
        return classes;
    }

    private static void flatten(Object value, Field f, List<Object> out) {
        if (value == null) {
            throw new ExtensionConfigurationException("@FisPlugins field " + f.getDeclaringClass().getName() + "."
                    + f.getName() + " is null");
        }
        if (value instanceof Iterable<?> it) {
            it.forEach(v -> flatten(v, f, out));
        } else if (value instanceof Object[] array) {
            for (Object v : array) {
                flatten(v, f, out);
            }
        } else if (value instanceof ActionProvider || value instanceof TargetResolverProvider
                || value instanceof StopConditionProvider || value instanceof Plugins) {
            out.add(value);
        } else {
            throw new ExtensionConfigurationException("@FisPlugins field " + f.getDeclaringClass().getName() + "."
                    + f.getName() + " holds a " + value.getClass().getName() + "; expected an ActionProvider, "
                    + "TargetResolverProvider, StopConditionProvider, Plugins, or an array or Iterable of them");
        }
    }

    private static <P> Set<String> keys(List<P> providers, java.util.function.Function<P, String> key) {
        Set<String> keys = new HashSet<>();
        providers.forEach(p -> keys.add(key.apply(p)));
        return keys;
    }

    public FisEngine engine() {
        return engine;
    }

    /** The manual clock, or {@code null} on the system clock. */
    public ManualClock manualClock() {
        return manualClock;
    }

    public ExperimentLogRecorder recorder() {
        return recorder;
    }

    public InMemoryStopCondition switches() {
        return switches;
    }

    public FaultLedger ledger() {
        return ledger;
    }

    /** The unique id of the extension context that created this engine. */
    public String owner() {
        return owner;
    }

    /** The id of the template in {@code resource}, created on first use. */
    public String templateId(String resource, Class<?> anchor) {
        return templateIds.computeIfAbsent(resource, r ->
                engine.createExperimentTemplate(FisTestkit.resource(anchor, r)).id());
    }

    @Override
    public void close() {
        engine.close();
    }
}
