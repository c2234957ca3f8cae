package dev.fisengine.engine.validation.internal;

import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import dev.fisengine.engine.plugins.Plugins;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The plugins' descriptions, read once: what validation checks a template against. */
public final class Catalog {
    private final Map<String, ActionDescriptor> actions;
    private final Map<String, ActionProvider> actionProviders;
    private final Map<String, TargetTypeDescriptor> targetTypes;
    private final Map<String, StopConditionDescriptor> stopConditions;
    private final Set<String> resourceTypes;
    private final Map<String, Pattern> valuePatterns;
    private final Map<String, Pattern> parameterPatterns;

    private Catalog(Map<String, ActionDescriptor> actions, Map<String, ActionProvider> actionProviders,
            Map<String, TargetTypeDescriptor> targetTypes, Map<String, StopConditionDescriptor> stopConditions,
            Set<String> resourceTypes) {
        this.actions = Collections.unmodifiableMap(actions);
        this.actionProviders = Collections.unmodifiableMap(actionProviders);
        this.targetTypes = Collections.unmodifiableMap(targetTypes);
        this.stopConditions = Collections.unmodifiableMap(stopConditions);
        this.resourceTypes = Collections.unmodifiableSet(resourceTypes);
        Map<String, Pattern> patterns = new TreeMap<>();
        for (StopConditionDescriptor d : stopConditions.values()) {
            if (d.valuePattern() != null) {
                try {
                    patterns.put(d.source(), Pattern.compile(d.valuePattern(), Pattern.DOTALL));
                } catch (PatternSyntaxException e) {
                    // a plugin's broken pattern is not a template's fault: its values are not pattern-checked
                }
            }
        }
        this.valuePatterns = Collections.unmodifiableMap(patterns);
        Map<String, Pattern> params = new TreeMap<>();
        actions.values().forEach(a -> a.parameters().forEach(p -> compile(p, params)));
        targetTypes.values().forEach(t -> t.parameters().forEach(p -> compile(p, params)));
        this.parameterPatterns = Collections.unmodifiableMap(params);
    }

    private static void compile(ParameterDescriptor p, Map<String, Pattern> into) {
        if (p.pattern() != null && !into.containsKey(p.pattern())) {
            try {
                into.put(p.pattern(), Pattern.compile(p.pattern(), Pattern.DOTALL));
            } catch (PatternSyntaxException e) {
                // a plugin's broken pattern is not a template's fault: its values are not pattern-checked
            }
        }
    }

    /** The compiled {@link ParameterDescriptor#pattern()}, or null (none, or not a valid regular expression). */
    public Pattern parameterPattern(ParameterDescriptor p) {
        return p.pattern() == null ? null : parameterPatterns.get(p.pattern());
    }

    public static Catalog of(Plugins plugins) {
        Map<String, ActionDescriptor> actions = new TreeMap<>();
        Map<String, ActionProvider> providers = new TreeMap<>();
        Set<String> resourceTypes = new TreeSet<>();
        for (ActionProvider p : plugins.actions()) {
            ActionDescriptor d = p.descriptor();
            actions.put(d.id(), d);
            providers.put(d.id(), p);
            for (TargetKeyDescriptor k : d.targets()) {
                resourceTypes.addAll(k.resourceTypes());
            }
        }
        Map<String, TargetTypeDescriptor> types = new TreeMap<>();
        for (TargetResolverProvider p : plugins.resolvers()) {
            TargetTypeDescriptor d = p.descriptor();
            types.put(d.resourceType(), d);
            resourceTypes.add(d.resourceType());
        }
        Map<String, StopConditionDescriptor> stops = new TreeMap<>();
        for (StopConditionProvider p : plugins.stopConditions()) {
            StopConditionDescriptor d = p.descriptor();
            stops.put(d.source(), d);
        }
        return new Catalog(actions, providers, types, stops, resourceTypes);
    }

    public ActionDescriptor action(String id) {
        return actions.get(id);
    }

    /** The provider that runs {@code id}, for its own parameter checks ({@link ActionProvider#validate}). */
    public ActionProvider actionProvider(String id) {
        return actionProviders.get(id);
    }

    public Set<String> actionIds() {
        return actions.keySet();
    }

    public TargetTypeDescriptor targetType(String resourceType) {
        return targetTypes.get(resourceType);
    }

    /** Every resource type a resolver or an action's target key names. */
    public Set<String> resourceTypes() {
        return resourceTypes;
    }

    public StopConditionDescriptor stopCondition(String source) {
        return stopConditions.get(source);
    }

    /** The compiled {@link StopConditionDescriptor#valuePattern()} of a source, or null. */
    public Pattern stopConditionValuePattern(String source) {
        return valuePatterns.get(source);
    }

    public Set<String> stopConditionSources() {
        return stopConditions.keySet();
    }
}
