package dev.fisengine.engine.validation.internal;

import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.api.model.ExperimentTemplateTarget;
import dev.fisengine.api.model.LogConfiguration;
import dev.fisengine.api.model.ReportConfiguration;
import dev.fisengine.api.model.StopConditionSpec;
import dev.fisengine.api.model.TargetFilter;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.Identification;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFinding;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import dev.fisengine.api.validation.JsonPointer;
import dev.fisengine.engine.validation.ValidationCode;
import dev.fisengine.engine.validation.ValidationMode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rules that need the plugins' descriptions or relate members to each other: action ids, target keys, resource
 * types, identification, parameters and their formats, {@code startAfter}, selection modes, stop conditions, ARNs,
 * placeholders, quotas. Runs on the bound (cleaned) template; skips values a structural finding already covers.
 */
public final class SemanticChecker {
    /** Actions per template (FIS quota L-0BFE6B67). */
    public static final int MAX_ACTIONS = 20;
    /** Stop conditions per template (FIS quota L-872EC72B). */
    public static final int MAX_STOP_CONDITIONS = 5;

    static final String ALARM_SOURCE = "aws:cloudwatch:alarm";
    static final String NONE_SOURCE = "none";
    private static final Set<String> AWS_STOP_SOURCES = Set.of(NONE_SOURCE, ALARM_SOURCE);
    private static final Pattern ALARM_ARN =
            Pattern.compile("arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\\d{12}:alarm:.+", Pattern.DOTALL);
    private static final int MAX_CYCLE_NAMES = 10;

    private final Catalog catalog;
    private final ValidationMode mode;
    private final Findings findings;
    private final String base;
    private final CreateExperimentTemplateRequest template;
    private final Map<String, ExperimentTemplateTarget> targets;
    private final Map<String, ExperimentTemplateAction> actions;
    private final Set<String> usedTargets = new HashSet<>();

    public SemanticChecker(Catalog catalog, ValidationMode mode, Findings findings, String base,
            CreateExperimentTemplateRequest template) {
        this.catalog = catalog;
        this.mode = mode;
        this.findings = findings;
        this.base = base;
        this.template = template;
        this.targets = template.targetsOrEmpty();
        this.actions = template.actionsOrEmpty();
    }

    public void run() {
        findings.startSemanticChecks();
        if (template.actions() != null) {
            if (actions.isEmpty()) {
                add(ValidationCode.TEMPLATE_NO_ACTIONS, at("actions"), "The template has no actions; FIS needs at "
                        + "least one (e.g. aws:fis:wait)");
            } else if (actions.size() > MAX_ACTIONS) {
                add(ValidationCode.QUOTA_ACTIONS, at("actions"), "The template has " + actions.size()
                        + " actions; FIS allows at most " + MAX_ACTIONS + " per template (quota L-0BFE6B67)");
            }
        }
        for (Map.Entry<String, ExperimentTemplateAction> e : actions.entrySet()) {
            action(e.getKey(), e.getValue());
        }
        startAfterCycles();
        for (Map.Entry<String, ExperimentTemplateTarget> e : targets.entrySet()) {
            target(e.getKey(), e.getValue());
        }
        stopConditions();
        roleArn();
        logConfiguration();
        reportConfiguration();
    }

    // ------------------------------------------------------------------ actions

    private void action(String name, ExperimentTemplateAction a) {
        String path = JsonPointer.append(at("actions"), name);
        ActionDescriptor d = null;
        String idPath = JsonPointer.append(path, "actionId");
        String id = a.actionId();
        if (id != null && !findings.flagged(idPath)) {
            d = catalog.action(id);
            if (d == null) {
                add(ValidationCode.ACTION_UNKNOWN, idPath, "Unknown actionId " + Text.quote(id) + " in action "
                        + Text.quote(name) + Text.suggestion(id, catalog.actionIds())
                        + "; no loaded plugin provides it");
            } else {
                if (d.deprecatedBy() != null) {
                    add(ValidationCode.ACTION_DEPRECATED, idPath, id + " is deprecated; use " + d.deprecatedBy());
                }
                if (mode == ValidationMode.STRICT_AWS && !d.availableInAws()) {
                    add(ValidationCode.ACTION_NOT_IN_AWS, idPath, id + " is an extension of this engine; "
                            + "AWS FIS does not have it (strict-aws mode)");
                } else if (mode == ValidationMode.EMBEDDED && !d.executable()) {
                    add(ValidationCode.ACTION_NOT_EXECUTABLE, idPath, id + " is a real FIS action, but this engine "
                            + "cannot run it in-process; the action fails when the experiment runs it");
                }
            }
        }
        actionTargets(name, a, d, path);
        actionParameters(name, a, d, path);
        List<String> startAfter = a.startAfter();
        if (startAfter != null) {
            for (int i = 0; i < startAfter.size(); i++) {
                String other = startAfter.get(i);
                String p = JsonPointer.append(JsonPointer.append(path, "startAfter"), i);
                if (other == null || findings.flagged(p) || actions.containsKey(other)) {
                    continue;
                }
                add(ValidationCode.ACTION_START_AFTER_UNKNOWN, p, "Action " + Text.quote(name) + " starts after "
                        + Text.quote(other) + Text.suggestion(other, actions.keySet())
                        + ", which is not an action of this template");
            }
        }
    }

    private void actionTargets(String name, ExperimentTemplateAction a, ActionDescriptor d, String path) {
        String targetsPath = JsonPointer.append(path, "targets");
        Map<String, String> given = a.targets() == null ? Map.of() : a.targets();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String key = e.getKey();
            String targetName = e.getValue();
            String p = JsonPointer.append(targetsPath, key);
            usedTargets.add(targetName);
            if (findings.flagged(p)) {
                continue;
            }
            TargetKeyDescriptor k = null;
            if (d != null) {
                k = d.target(key).orElse(null);
                if (k == null) {
                    add(ValidationCode.ACTION_UNKNOWN_TARGET_KEY, p, "Unexpected target " + Text.quote(key)
                            + " found in action " + Text.quote(name) + "." + takes(d));
                }
            }
            ExperimentTemplateTarget t = targets.get(targetName);
            if (t == null) {
                add(ValidationCode.ACTION_UNKNOWN_TARGET, p, "Action " + Text.quote(name) + " refers to target "
                        + Text.quote(targetName) + Text.suggestion(targetName, targets.keySet())
                        + ", which is not defined in targets");
                continue;
            }
            if (k != null) {
                keyTarget(name, d, k, targetName, t, p);
            }
        }
        if (d != null) {
            for (TargetKeyDescriptor k : d.targets()) {
                if (k.required() && !given.containsKey(k.key())) {
                    add(ValidationCode.ACTION_MISSING_TARGET, targetsPath, "Action " + Text.quote(name) + " ("
                            + d.id() + ") requires a target for key " + Text.quote(k.key()) + " (resource type "
                            + Text.join(new TreeSet<>(k.resourceTypes())) + ")");
                }
            }
        }
    }

    private static String takes(ActionDescriptor d) {
        if (d.targets().isEmpty()) {
            return " " + d.id() + " takes no targets.";
        }
        List<String> keys = new ArrayList<>();
        d.targets().forEach(k -> keys.add(k.key()));
        return " " + d.id() + " takes " + Text.join(keys) + ".";
    }

    private void keyTarget(String actionName, ActionDescriptor d, TargetKeyDescriptor k, String targetName,
            ExperimentTemplateTarget t, String p) {
        String rt = t.resourceType();
        if (rt != null && !k.resourceTypes().isEmpty() && !k.resourceTypes().contains(rt)) {
            add(ValidationCode.ACTION_RESOURCE_TYPE_MISMATCH, p, "Target " + Text.quote(targetName)
                    + " has resourceType " + rt + ", but key " + Text.quote(k.key()) + " of action "
                    + Text.quote(actionName) + " (" + d.id() + ") takes "
                    + Text.join(new TreeSet<>(k.resourceTypes())));
        }
        if (!k.identification().isEmpty()) {
            for (Identification used : identification(t)) {
                if (!k.identification().contains(used)) {
                    add(ValidationCode.ACTION_IDENTIFICATION, p, "Action " + Text.quote(actionName) + " ("
                            + d.id() + ") does not support targets defined by " + member(used) + " for key "
                            + Text.quote(k.key()) + " (target " + Text.quote(targetName) + "); it supports "
                            + members(k.identification()));
                }
            }
        }
        Integer max = k.maxResources();
        if (max != null) {
            Values.Selection s = t.selectionMode() == null ? null : Values.selection(t.selectionMode());
            int arns = nonNull(t.resourceArns()).size();
            String tp = JsonPointer.append(at("targets"), targetName);
            if (s != null && s.kind().equals("COUNT") && s.n() > max && s.n() <= Integer.MAX_VALUE) {
                add(ValidationCode.TARGET_EXCEEDS_QUOTA, JsonPointer.append(tp, "selectionMode"),
                        t.selectionMode() + " selects more than " + max + " resources, the FIS quota for "
                                + k.key() + " of " + d.id());
            } else if (s != null && s.kind().equals("ALL") && arns > max) {
                add(ValidationCode.TARGET_EXCEEDS_QUOTA, JsonPointer.append(tp, "resourceArns"),
                        arns + " resources with ALL is more than " + max + ", the FIS quota for " + k.key() + " of "
                                + d.id());
            }
        }
    }

    private void actionParameters(String name, ExperimentTemplateAction a, ActionDescriptor d, String path) {
        String paramsPath = JsonPointer.append(path, "parameters");
        Map<String, String> given = a.parameters() == null ? Map.of() : a.parameters();
        int before = findings.count();
        boolean wellFormed = !findings.flagged(paramsPath);
        for (Map.Entry<String, String> e : given.entrySet()) {
            String p = JsonPointer.append(paramsPath, e.getKey());
            if (findings.flagged(p)) {
                wellFormed = false;
                continue;
            }
            if (d == null) {
                placeholder(e.getValue(), p);
                continue;
            }
            ParameterDescriptor pd = d.parameter(e.getKey()).orElse(null);
            if (pd == null) {
                List<String> names = new ArrayList<>();
                d.parameters().forEach(x -> names.add(x.name()));
                add(ValidationCode.ACTION_UNKNOWN_PARAMETER, p, "Action " + Text.quote(name) + " (" + d.id()
                        + ") does not take parameter " + Text.quote(e.getKey())
                        + Text.suggestion(e.getKey(), names) + (names.isEmpty() ? "; it takes no parameters"
                        : "; it takes " + Text.join(names)));
                continue;
            }
            value(pd, e.getValue(), p, d.id());
        }
        if (d != null) {
            for (ParameterDescriptor pd : d.parameters()) {
                if (pd.required() && !given.containsKey(pd.name())) {
                    add(ValidationCode.ACTION_MISSING_PARAMETER, paramsPath, "Action " + Text.quote(name) + " ("
                            + d.id() + ") requires parameter " + Text.quote(pd.name())
                            + (pd.description().isEmpty() ? "" : ": " + pd.description()));
                }
            }
            if (wellFormed && findings.count() == before) {
                pluginCheck(name, d, given, paramsPath);
            }
        }
    }

    /**
     * The action's own plugin's checks ({@code ActionProvider.validate}), run only on parameters the descriptor's
     * checks found nothing wrong with, under a deadline; each of its findings is a warning at the parameter's path.
     */
    private void pluginCheck(String name, ActionDescriptor d, Map<String, String> given, String paramsPath) {
        ActionProvider provider = catalog.actionProvider(d.id());
        if (provider == null) {
            return;
        }
        PluginChecks.Outcome outcome = PluginChecks.run(provider, given);
        if (outcome.failure() != null) {
            add(ValidationCode.ACTION_PLUGIN_CHECK, paramsPath, "The parameter check of " + d.id() + " (action "
                    + Text.quote(name) + ") " + outcome.failure() + "; its parameters were not checked further");
            return;
        }
        for (ParameterFinding f : outcome.findings()) {
            String p = given.containsKey(f.parameter()) ? JsonPointer.append(paramsPath, f.parameter()) : paramsPath;
            add(ValidationCode.ACTION_PLUGIN_CHECK, p, "Action " + Text.quote(name) + " (" + d.id() + "): "
                    + f.message());
        }
    }

    private void startAfterCycles() {
        // Iterative DFS (templates may be large in fuzzing): edge X -> Y when X starts after Y.
        Map<String, Integer> state = new HashMap<>(); // absent: white, 1: on the stack, 2: done
        for (String start : actions.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<String> stack = new ArrayDeque<>();
            Deque<Integer> next = new ArrayDeque<>();
            List<String> onPath = new ArrayList<>();
            stack.push(start);
            next.push(0);
            state.put(start, 1);
            onPath.add(start);
            while (!stack.isEmpty()) {
                String node = stack.peek();
                int i = next.pop();
                List<String> deps = nonNull(actions.get(node).startAfter());
                if (i < deps.size()) {
                    next.push(i + 1);
                    String dep = deps.get(i);
                    if (dep == null || !actions.containsKey(dep)) {
                        continue;
                    }
                    Integer s = state.get(dep);
                    if (s == null) {
                        state.put(dep, 1);
                        stack.push(dep);
                        next.push(0);
                        onPath.add(dep);
                    } else if (s == 1) {
                        cycle(onPath.subList(onPath.indexOf(dep), onPath.size()));
                    }
                } else {
                    state.put(node, 2);
                    stack.pop();
                    onPath.remove(onPath.size() - 1);
                }
            }
        }
    }

    private void cycle(List<String> cycle) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(cycle.size(), MAX_CYCLE_NAMES);
        for (int i = 0; i < shown; i++) {
            sb.append(Text.quote(cycle.get(i))).append(" → ");
        }
        if (shown < cycle.size()) {
            sb.append("… (").append(cycle.size() - shown).append(" more) → ");
        }
        sb.append(Text.quote(cycle.get(0)));
        String first = cycle.get(0);
        add(ValidationCode.ACTION_START_AFTER_CYCLE,
                JsonPointer.append(JsonPointer.append(at("actions"), first), "startAfter"),
                cycle.size() == 1 ? "Action " + Text.quote(first) + " starts after itself"
                        : "startAfter forms a cycle, so none of these actions can start: " + sb
                                + " (each starts after the next)");
    }

    // ------------------------------------------------------------------ targets

    private void target(String name, ExperimentTemplateTarget t) {
        String path = JsonPointer.append(at("targets"), name);
        TargetTypeDescriptor type = null;
        String rt = t.resourceType();
        String rtPath = JsonPointer.append(path, "resourceType");
        if (rt != null && !findings.flagged(rtPath)) {
            type = catalog.targetType(rt);
            if (type == null && !catalog.resourceTypes().contains(rt)) {
                add(ValidationCode.TARGET_UNKNOWN_RESOURCE_TYPE, rtPath, "Unknown resourceType " + Text.quote(rt)
                        + " in target " + Text.quote(name) + Text.suggestion(rt, catalog.resourceTypes())
                        + "; no loaded plugin knows it");
            } else if (type != null && type.deprecatedBy() != null) {
                add(ValidationCode.TARGET_DEPRECATED_RESOURCE_TYPE, rtPath, rt + " is deprecated; use "
                        + type.deprecatedBy());
            }
        }
        List<String> arns = nonNull(t.resourceArns());
        boolean hasArns = !arns.isEmpty();
        boolean hasTags = t.resourceTags() != null && !t.resourceTags().isEmpty();
        boolean hasFilters = !nonNull(t.filters()).isEmpty();
        Map<String, String> params = t.parameters() == null ? Map.of() : t.parameters();
        if (hasArns && hasTags) {
            add(ValidationCode.TARGET_ARNS_AND_TAGS, path,
                    "You cannot specify both resource ARNs and resource tags for target " + name + ".");
        }
        if (hasArns && hasFilters) {
            add(ValidationCode.TARGET_ARNS_AND_FILTERS, path,
                    "You cannot specify both resource ARNs and filters for target " + name + ".");
        }
        boolean paramsIdentify = !params.isEmpty()
                && (type == null || type.identification().contains(Identification.PARAMETERS));
        if (!hasArns && !hasTags && !paramsIdentify) {
            boolean takesParams = type == null || type.identification().contains(Identification.PARAMETERS);
            add(ValidationCode.TARGET_NO_IDENTIFICATION, path, "Target " + Text.quote(name)
                    + " identifies no resources: give resourceArns or resourceTags"
                    + (takesParams ? " (or, for resource types that take them, identifying parameters)" : ""));
        }
        if (type != null) {
            for (Identification used : identification(t)) {
                if (used == Identification.PARAMETERS && !type.parameters().isEmpty()) {
                    continue;
                }
                if (!type.identification().contains(used)) {
                    add(ValidationCode.TARGET_IDENTIFICATION, JsonPointer.append(path, member(used)),
                            "TargetResourceType " + type.resourceType() + " does not support " + member(used) + ".");
                }
            }
            targetParameters(name, t, type, params, path);
        } else {
            params.forEach((k, v) -> placeholder(v, JsonPointer.append(JsonPointer.append(path, "parameters"), k)));
        }
        for (int i = 0; i < arns.size(); i++) {
            String p = JsonPointer.append(JsonPointer.append(path, "resourceArns"), i);
            if (arns.get(i) != null && !findings.flagged(p)) {
                arn(arns.get(i), p, "resource ARN");
            }
        }
        if (t.resourceTags() != null) {
            t.resourceTags().forEach((k, v) ->
                    placeholder(v, JsonPointer.append(JsonPointer.append(path, "resourceTags"), k)));
        }
        filters(t, path);
        selectionMode(name, t, path);
        if (!usedTargets.contains(name)) {
            add(ValidationCode.TARGET_UNUSED, path, "Target " + Text.quote(name) + " is not used by any action");
        }
    }

    private void targetParameters(String name, ExperimentTemplateTarget t, TargetTypeDescriptor type,
            Map<String, String> params, String path) {
        String paramsPath = JsonPointer.append(path, "parameters");
        boolean anyParameter = type.parameters().isEmpty() && type.identification().contains(Identification.PARAMETERS);
        for (Map.Entry<String, String> e : params.entrySet()) {
            String p = JsonPointer.append(paramsPath, e.getKey());
            if (findings.flagged(p)) {
                continue;
            }
            ParameterDescriptor pd = type.parameters().stream().filter(x -> x.name().equals(e.getKey()))
                    .findFirst().orElse(null);
            if (pd == null) {
                if (anyParameter) {
                    placeholder(e.getValue(), p);
                } else if (!type.parameters().isEmpty()) {
                    List<String> names = new ArrayList<>();
                    type.parameters().forEach(x -> names.add(x.name()));
                    add(ValidationCode.TARGET_UNKNOWN_PARAMETER, p, "Resource type " + type.resourceType()
                            + " does not take target parameter " + Text.quote(e.getKey())
                            + Text.suggestion(e.getKey(), names) + "; it takes " + Text.join(names));
                }
                continue;
            }
            value(pd, e.getValue(), p, type.resourceType());
        }
        for (ParameterDescriptor pd : type.parameters()) {
            if (pd.required() && !params.containsKey(pd.name())) {
                add(ValidationCode.TARGET_MISSING_PARAMETER, t.parameters() == null ? path : paramsPath,
                        "Target " + Text.quote(name) + " (" + type.resourceType() + ") requires parameter "
                                + Text.quote(pd.name()));
            }
        }
    }

    private void filters(ExperimentTemplateTarget t, String path) {
        List<TargetFilter> filters = nonNull(t.filters());
        for (int i = 0; i < filters.size(); i++) {
            TargetFilter f = filters.get(i);
            if (f == null) {
                continue;
            }
            String fp = JsonPointer.append(JsonPointer.append(path, "filters"), i);
            String pathPath = JsonPointer.append(fp, "path");
            if (f.path() != null && !findings.flagged(pathPath)) {
                for (String segment : f.path().split("\\.", -1)) {
                    if (!segment.isEmpty() && Character.isLowerCase(segment.charAt(0))) {
                        add(ValidationCode.TARGET_FILTER_PATH_CASE, pathPath, "Filter path " + Text.quote(f.path())
                                + ": segment " + Text.quote(segment) + " is not PascalCase; FIS filter paths are "
                                + "PascalCase (e.g. State.Name, Placement.AvailabilityZone)");
                        break;
                    }
                }
            }
            List<String> values = nonNull(f.values());
            for (int j = 0; j < values.size(); j++) {
                if (values.get(j) != null) {
                    placeholder(values.get(j), JsonPointer.append(JsonPointer.append(fp, "values"), j));
                }
            }
        }
    }

    private void selectionMode(String name, ExperimentTemplateTarget t, String path) {
        String p = JsonPointer.append(path, "selectionMode");
        String mode = t.selectionMode();
        if (mode == null || findings.flagged(p)) {
            return;
        }
        Values.Selection s = Values.selection(mode);
        if (s == null) {
            Values.Selection upper = Values.selection(mode.trim().toUpperCase(java.util.Locale.ROOT));
            add(ValidationCode.TARGET_SELECTION_MODE, p, "selectionMode " + Text.quote(mode) + " of target "
                    + Text.quote(name) + " is not ALL, COUNT(n) or PERCENT(n)"
                    + (upper != null ? " (did you mean \"" + mode.trim().toUpperCase(java.util.Locale.ROOT) + "\"?)"
                    : ""));
        } else if (s.kind().equals("COUNT") && s.n() < 1) {
            add(ValidationCode.TARGET_SELECTION_MODE, p, "selectionMode " + Text.quote(mode) + " of target "
                    + Text.quote(name) + ": COUNT(n) needs n ≥ 1");
        } else if (s.kind().equals("COUNT") && s.n() > Integer.MAX_VALUE) {
            add(ValidationCode.TARGET_SELECTION_MODE, p, "selectionMode " + Text.quote(mode) + " of target "
                    + Text.quote(name) + ": the count is too large");
        } else if (s.kind().equals("PERCENT") && (s.n() < 1 || s.n() > 100)) {
            add(ValidationCode.TARGET_SELECTION_MODE, p, "selectionMode " + Text.quote(mode) + " of target "
                    + Text.quote(name) + ": PERCENT(n) needs n from 1 to 100");
        }
    }

    private static Set<Identification> identification(ExperimentTemplateTarget t) {
        Set<Identification> used = EnumSet.noneOf(Identification.class);
        if (!nonNull(t.resourceArns()).isEmpty()) {
            used.add(Identification.ARNS);
        }
        if (t.resourceTags() != null && !t.resourceTags().isEmpty()) {
            used.add(Identification.TAGS);
        }
        if (!nonNull(t.filters()).isEmpty()) {
            used.add(Identification.FILTERS);
        }
        if (t.parameters() != null && !t.parameters().isEmpty()) {
            used.add(Identification.PARAMETERS);
        }
        return used;
    }

    private static String member(Identification i) {
        return switch (i) {
            case ARNS -> "resourceArns";
            case TAGS -> "resourceTags";
            case FILTERS -> "filters";
            case PARAMETERS -> "parameters";
        };
    }

    private static String members(Set<Identification> ids) {
        List<String> names = new ArrayList<>();
        for (Identification i : Identification.values()) {
            if (ids.contains(i)) {
                names.add(member(i));
            }
        }
        return Text.join(names);
    }

    // ------------------------------------------------------------------ parameter values

    private void value(ParameterDescriptor pd, String value, String p, String owner) {
        String what = "parameter " + pd.name() + " of " + owner;
        int before = findings.count();
        switch (pd.format()) {
            case DURATION -> duration(pd, value, p, what);
            case INTEGER -> {
                Long n = Values.integer(value);
                if (n == null) {
                    add(ValidationCode.PARAMETER_NOT_AN_INTEGER, p, Text.quote(value) + " is "
                            + (Values.hugeInteger(value) ? "too large for " : "not a whole number for ") + what);
                } else {
                    range(pd, n.doubleValue(), value, p, what);
                }
            }
            case NUMBER -> {
                Double n = Values.number(value);
                if (n == null) {
                    add(ValidationCode.PARAMETER_NOT_A_NUMBER, p, Text.quote(value) + " is not a number for " + what);
                } else {
                    range(pd, n, value, p, what);
                }
            }
            case BOOLEAN -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    add(ValidationCode.PARAMETER_NOT_A_BOOLEAN, p, Text.quote(value) + " is not true or false for "
                            + what);
                }
            }
            case ENUM -> allowed(pd, value, pd.allowedValues(), p, what, false);
            case LIST -> {
                List<String> items = Values.items(value);
                if (!tooMany(pd, items, p, what)) {
                    for (String item : items) {
                        if (allowed(pd, item, pd.allowedValues(), p, what, true)) {
                            break;
                        }
                    }
                }
            }
            case JSON -> {
                if (placeholder(value, p)) {
                    break;
                }
                String error = JsonReader.syntaxError(value);
                if (error != null) {
                    add(ValidationCode.PARAMETER_NOT_JSON, p, "The value of " + what + " is not a JSON document: "
                            + error);
                }
            }
            case ARN -> arn(value, p, what);
            case ARN_LIST -> {
                List<String> items = Values.items(value);
                if (!tooMany(pd, items, p, what)) {
                    for (String item : items) {
                        if (!arn(item, p, what)) {
                            break;
                        }
                    }
                }
            }
            case STRING -> placeholder(value, p);
        }
        if (findings.count() == before) {
            pattern(pd, value, p, what);
        }
        awsAllowed(pd, value, p, what);
    }

    private void pattern(ParameterDescriptor pd, String value, String p, String what) {
        Pattern pattern = catalog.parameterPattern(pd);
        if (pattern == null) {
            return;
        }
        boolean list = pd.format() == ParameterFormat.LIST || pd.format() == ParameterFormat.ARN_LIST;
        for (String v : list ? Values.items(value) : List.of(value)) {
            if (!pattern.matcher(v).matches()) {
                add(ValidationCode.PARAMETER_PATTERN_MISMATCH, p, (list ? "Item " : "") + Text.quote(v)
                        + " does not have the format of " + what + " (" + pd.pattern() + ")");
                return;
            }
        }
    }

    private void duration(ParameterDescriptor pd, String value, String p, String what) {
        Duration d = Values.duration(value);
        if (d == null) {
            add(ValidationCode.PARAMETER_NOT_A_DURATION, p, Text.quote(value) + " is not an ISO-8601 duration "
                    + "(e.g. PT30S, PT5M, PT1H) for " + what);
            return;
        }
        boolean strict = mode == ValidationMode.STRICT_AWS && pd.awsMinDuration() != null;
        Duration min = strict ? pd.awsMinDuration() : pd.minDuration();
        if (min != null && d.compareTo(min) < 0) {
            add(ValidationCode.PARAMETER_DURATION_OUT_OF_RANGE, p, value + " is shorter than " + min
                    + ", the minimum for " + what + (strict ? " in AWS FIS (strict-aws mode)" : ""));
        } else if (pd.maxDuration() != null && d.compareTo(pd.maxDuration()) > 0) {
            add(ValidationCode.PARAMETER_DURATION_OUT_OF_RANGE, p, value + " is longer than " + pd.maxDuration()
                    + ", the maximum for " + what);
        }
    }

    private void range(ParameterDescriptor pd, double n, String value, String p, String what) {
        if ((pd.minimum() != null && n < pd.minimum()) || (pd.maximum() != null && n > pd.maximum())) {
            add(ValidationCode.PARAMETER_OUT_OF_RANGE, p, Text.quote(value) + " is out of range for " + what
                    + ": " + bounds(pd));
        }
    }

    private static String bounds(ParameterDescriptor pd) {
        if (pd.minimum() != null && pd.maximum() != null) {
            return "must be from " + number(pd.minimum()) + " to " + number(pd.maximum());
        }
        return pd.minimum() != null ? "must be at least " + number(pd.minimum())
                : "must be at most " + number(pd.maximum());
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Reports a value outside {@code allowed}; returns whether it did. */
    private boolean allowed(ParameterDescriptor pd, String value, List<String> allowed, String p, String what,
            boolean item) {
        if (allowed.isEmpty() || allowed.contains(value)) {
            return false;
        }
        add(ValidationCode.PARAMETER_NOT_ALLOWED, p, (item ? "Item " : "") + Text.quote(value) + " is not a valid "
                + "value for " + what + Text.suggestion(value, allowed) + ": must be "
                + (item ? "a comma-separated list of " : "one of ") + Text.join(allowed));
        return true;
    }

    private boolean tooMany(ParameterDescriptor pd, List<String> items, String p, String what) {
        if (pd.maxItems() != null && items.size() > pd.maxItems()) {
            add(ValidationCode.PARAMETER_TOO_MANY_ITEMS, p, "The value of " + what + " has " + items.size()
                    + " items; at most " + pd.maxItems() + " are allowed");
            return true;
        }
        return false;
    }

    private void awsAllowed(ParameterDescriptor pd, String value, String p, String what) {
        if (mode != ValidationMode.STRICT_AWS || pd.awsAllowedValues().isEmpty() || findings.flagged(p)) {
            return;
        }
        boolean list = pd.format() == ParameterFormat.LIST || pd.format() == ParameterFormat.ARN_LIST;
        for (String v : list ? Values.items(value) : List.of(value)) {
            if (!pd.awsAllowedValues().contains(v)) {
                add(ValidationCode.PARAMETER_NOT_ALLOWED, p, Text.quote(v) + " is not accepted by AWS FIS for "
                        + what + " (strict-aws mode): must be " + (list ? "a comma-separated list of " : "one of ")
                        + Text.join(pd.awsAllowedValues()));
                return;
            }
        }
    }

    // ------------------------------------------------------------------ ARNs and placeholders

    /** Reports a {@code value.placeholder}; returns whether the value has one. */
    private boolean placeholder(String value, String p) {
        if (value == null) {
            return false;
        }
        String ph = Values.placeholder(value);
        if (ph != null) {
            add(ValidationCode.VALUE_PLACEHOLDER, p, Text.quote(value) + " contains the placeholder "
                    + Text.quote(ph) + "; replace it with a real value");
            return true;
        }
        return false;
    }

    /** Checks an ARN-valued member; returns whether it is a usable ARN (no placeholder, well formed). */
    private boolean arn(String value, String p, String what) {
        Values.Arn arn = parsedArn(value, p, what);
        return arn != null;
    }

    private Values.Arn parsedArn(String value, String p, String what) {
        String ph = Values.placeholder(value);
        if (ph != null) {
            add(ValidationCode.ARN_PLACEHOLDER, p, "The " + what + " " + Text.quote(value)
                    + " contains the placeholder " + Text.quote(ph) + "; replace it with a real value");
            return null;
        }
        Values.Arn arn = Values.arn(value);
        if (arn == null) {
            add(ValidationCode.ARN_MALFORMED, p, "The " + what + " " + Text.quote(value) + " is not an ARN "
                    + "(arn:partition:service:region:account-id:resource)");
            return null;
        }
        if (!arn.account().isEmpty() && !Values.isAccountId(arn.account())) {
            add(ValidationCode.ARN_PLACEHOLDER, p, "The " + what + " " + Text.quote(value) + " has account id "
                    + Text.quote(arn.account()) + ", which is not a 12-digit AWS account id (a placeholder?)");
            return null;
        }
        if (!arn.region().isEmpty() && !Values.isRegion(arn.region())) {
            add(ValidationCode.ARN_PLACEHOLDER, p, "The " + what + " " + Text.quote(value) + " has region "
                    + Text.quote(arn.region()) + ", which is not an AWS Region name (a placeholder?)");
            return null;
        }
        if (mode == ValidationMode.STRICT_AWS && arn.account().equals(Values.EXAMPLE_ACCOUNT)) {
            add(ValidationCode.ARN_EXAMPLE_ACCOUNT, p, "The " + what + " " + Text.quote(value) + " is in "
                    + Values.EXAMPLE_ACCOUNT + ", the account AWS documentation uses as an example");
        }
        return arn;
    }

    private void roleArn() {
        String p = at("roleArn");
        String role = template.roleArn();
        if (role == null || findings.flagged(p)) {
            return;
        }
        if (mode != ValidationMode.STRICT_AWS && Values.placeholder(role) == null && Values.arn(role) == null) {
            notARole(p, "roleArn " + Text.quote(role) + " is not an ARN (arn:aws:iam::account-id:role/name)");
            return;
        }
        Values.Arn arn = parsedArn(role, p, "roleArn");
        if (arn == null) {
            return;
        }
        if (!arn.service().equals("iam") || !arn.resource().startsWith("role/")) {
            notARole(p, "roleArn " + Text.quote(role) + " is not an IAM role ARN (arn:aws:iam::account-id:role/name)");
        } else if (arn.account().isEmpty()) {
            notARole(p, "roleArn " + Text.quote(role) + " has no account id (arn:aws:iam::account-id:role/name)");
        }
    }

    /**
     * The engine never assumes {@code roleArn}, so in embedded mode a role it could not use is a warning (LocalStack's
     * FIS guide has {@code arn:aws:iam:123456789012:role/...}, one colon short); strict-AWS mode rejects it as FIS does.
     */
    private void notARole(String p, String message) {
        if (mode == ValidationMode.STRICT_AWS) {
            add(ValidationCode.ARN_NOT_A_ROLE, p, message);
        } else {
            add(ValidationCode.ROLE_ARN_UNUSED, p, message + "; this engine does not assume roleArn, so this is a "
                    + "warning (AWS FIS and --strict-aws reject it)");
        }
    }

    // ------------------------------------------------------------------ stop conditions, log, report

    private void stopConditions() {
        List<StopConditionSpec> list = template.stopConditions();
        if (list == null) {
            return;
        }
        String path = at("stopConditions");
        if (list.isEmpty()) {
            add(ValidationCode.STOP_CONDITION_EMPTY, path, "stopConditions is empty; FIS needs at least one "
                    + "(use [{\"source\": \"none\"}] for none)");
        } else if (list.size() > MAX_STOP_CONDITIONS) {
            add(ValidationCode.QUOTA_STOP_CONDITIONS, path, "The template has " + list.size() + " stop conditions; "
                    + "FIS allows at most " + MAX_STOP_CONDITIONS + " per template (quota L-872EC72B)");
        }
        for (int i = 0; i < list.size(); i++) {
            StopConditionSpec sc = list.get(i);
            if (sc != null) {
                stopCondition(sc, JsonPointer.append(path, i));
            }
        }
    }

    private void stopCondition(StopConditionSpec sc, String path) {
        String source = sc.source();
        String sourcePath = JsonPointer.append(path, "source");
        if (source == null || findings.flagged(sourcePath)) {
            return;
        }
        StopConditionDescriptor d = catalog.stopCondition(source);
        boolean awsSource = AWS_STOP_SOURCES.contains(source);
        if (mode == ValidationMode.STRICT_AWS && !awsSource) {
            add(ValidationCode.STOP_CONDITION_NOT_IN_AWS, sourcePath, "Stop-condition source " + Text.quote(source)
                    + " is not one AWS FIS has (strict-aws mode): must be none or aws:cloudwatch:alarm");
            return;
        }
        if (d == null && !(mode == ValidationMode.STRICT_AWS && awsSource)) {
            Set<String> known = new TreeSet<>(catalog.stopConditionSources());
            add(ValidationCode.STOP_CONDITION_UNKNOWN_SOURCE, sourcePath, "Unknown stop-condition source "
                    + Text.quote(source) + Text.suggestion(source, known) + "; the loaded plugins know "
                    + Text.join(known) + (source.equals(ALARM_SOURCE) ? " (add fis-stop-cloudwatch to the classpath)"
                    : ""));
            return;
        }
        String valuePath = JsonPointer.append(path, "value");
        boolean valueRequired = source.equals(ALARM_SOURCE) || (d != null && d.valueRequired());
        boolean valueUsed = valueRequired || (d != null && d.valuePattern() != null);
        String value = sc.value();
        if (value == null) {
            if (valueRequired) {
                add(ValidationCode.STOP_CONDITION_MISSING_VALUE, path, "Stop condition " + source + " needs a value: "
                        + (d != null ? d.valueDescription() : "the CloudWatch alarm ARN"));
            }
            return;
        }
        if (findings.flagged(valuePath)) {
            return;
        }
        if (!valueUsed) {
            add(ValidationCode.STOP_CONDITION_VALUE_IGNORED, valuePath, "Stop condition " + source
                    + " takes no value; " + Text.quote(value) + " is ignored");
            return;
        }
        if (source.equals(ALARM_SOURCE)) {
            if (parsedArn(value, valuePath, "alarm ARN") == null) {
                return;
            }
            if (!ALARM_ARN.matcher(value).matches()) {
                add(ValidationCode.STOP_CONDITION_INVALID_VALUE, valuePath, Text.quote(value)
                        + " is not a CloudWatch alarm ARN (arn:aws:cloudwatch:region:account-id:alarm:name)");
                return;
            }
        } else if (placeholder(value, valuePath)) {
            return;
        }
        Pattern pattern = catalog.stopConditionValuePattern(source);
        if (d != null && pattern != null && !pattern.matcher(value).matches()) {
            add(ValidationCode.STOP_CONDITION_INVALID_VALUE, valuePath, Text.quote(value) + " is not "
                    + d.valueDescription() + " (stop-condition source " + source + ")");
        }
    }

    private void logConfiguration() {
        LogConfiguration log = template.logConfiguration();
        if (log == null) {
            return;
        }
        String path = at("logConfiguration");
        Integer version = log.logSchemaVersion();
        if (version != null && version != 1 && version != 2) {
            add(ValidationCode.LOG_SCHEMA_VERSION, JsonPointer.append(path, "logSchemaVersion"), "logSchemaVersion "
                    + version + " does not exist: FIS log schema versions are 1 and 2 (current)");
        }
        if (log.cloudWatchLogsConfiguration() == null && log.s3Configuration() == null) {
            add(ValidationCode.LOG_NO_DESTINATION, path, "logConfiguration has neither cloudWatchLogsConfiguration "
                    + "nor s3Configuration, so the log goes nowhere");
        }
        if (log.cloudWatchLogsConfiguration() != null && log.cloudWatchLogsConfiguration().logGroupArn() != null) {
            String p = JsonPointer.append(JsonPointer.append(path, "cloudWatchLogsConfiguration"), "logGroupArn");
            if (!findings.flagged(p)) {
                arn(log.cloudWatchLogsConfiguration().logGroupArn(), p, "log group ARN");
            }
        }
    }

    private void reportConfiguration() {
        ReportConfiguration report = template.experimentReportConfiguration();
        if (report == null) {
            return;
        }
        String path = at("experimentReportConfiguration");
        reportDuration(report.preExperimentDuration(), JsonPointer.append(path, "preExperimentDuration"));
        reportDuration(report.postExperimentDuration(), JsonPointer.append(path, "postExperimentDuration"));
        if (report.dataSources() != null && report.dataSources().cloudWatchDashboards() != null) {
            List<ReportConfiguration.Dashboard> dashboards = report.dataSources().cloudWatchDashboards();
            for (int i = 0; i < dashboards.size(); i++) {
                ReportConfiguration.Dashboard d = dashboards.get(i);
                String p = JsonPointer.append(JsonPointer.append(JsonPointer.append(JsonPointer.append(path,
                        "dataSources"), "cloudWatchDashboards"), i), "dashboardIdentifier");
                if (d != null && d.dashboardIdentifier() != null && !findings.flagged(p)) {
                    arn(d.dashboardIdentifier(), p, "dashboard ARN");
                }
            }
        }
    }

    private void reportDuration(String value, String p) {
        if (value != null && !findings.flagged(p) && Values.duration(value) == null) {
            add(ValidationCode.REPORT_DURATION, p, Text.quote(value) + " is not an ISO-8601 duration (e.g. PT10M)");
        }
    }

    // ------------------------------------------------------------------ helpers

    private String at(String member) {
        return JsonPointer.append(base, member);
    }

    private void add(ValidationCode code, String path, String message) {
        findings.add(code, path, message);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
