package dev.fisengine.testkit;

import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks that an {@link ActionDescriptor} is well formed, the first test of {@link ActionProviderCompatibilityKit}:
 * the {@code actionId} is {@code prefix:service:name} ({@code aws:} for AWS FIS actions, {@code fisengine:} for this
 * engine's extensions, any other lower-case prefix for your own), parameter names are unique, defaults are valid
 * values within the declared bounds, the duration parameter is a duration, and every target key names its resource
 * types. Usable on its own, e.g. over every discovered plugin.
 */
public final class ActionDescriptorCheck {
    /** {@code prefix:service:name}, each part lower-case letters, digits and hyphens (e.g. {@code aws:fis:wait}). */
    public static final String ACTION_ID_PATTERN = "[a-z][a-z0-9]*(-[a-z0-9]+)*:[a-z0-9]+(-[a-z0-9]+)*"
            + ":[a-z0-9]+(-[a-z0-9]+)*";
    /** A resource type such as {@code aws:ec2:instance} or {@code aws:elasticache:redis-replicationgroup}. */
    public static final String RESOURCE_TYPE_PATTERN = "[a-z][a-z0-9]*(-[a-z0-9]+)*:[a-z0-9]+(-[a-z0-9]+)*"
            + ":[a-z0-9]+([-.][a-z0-9]+)*";

    private static final Pattern ACTION_ID = Pattern.compile(ACTION_ID_PATTERN);
    private static final Pattern RESOURCE_TYPE = Pattern.compile(RESOURCE_TYPE_PATTERN);
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    private ActionDescriptorCheck() {}

    /** Every problem of {@code d}, each naming the field and the bad value; empty when it is well formed. */
    public static List<String> problems(ActionDescriptor d) {
        List<String> p = new ArrayList<>();
        String id = d.id();
        if (!ACTION_ID.matcher(id).matches()) {
            p.add("id: \"" + id + "\" is not prefix:service:name in lower case (" + ACTION_ID_PATTERN + ")");
        }
        if (d.availableInAws() && !id.startsWith("aws:")) {
            p.add("availableInAws: true, but \"" + id + "\" is not an aws: action; only AWS FIS's own actions are "
                    + "available in AWS");
        }
        if (id.startsWith("fisengine:") && d.availableInAws()) {
            p.add("availableInAws: fisengine: extensions are never available in AWS FIS");
        }
        if (d.description().isBlank()) {
            p.add("description: empty (GetAction shows it)");
        }
        if (d.deprecatedBy() != null && (d.deprecatedBy().equals(id) || !ACTION_ID.matcher(d.deprecatedBy())
                .matches())) {
            p.add("deprecatedBy: \"" + d.deprecatedBy() + "\" is not another action id");
        }
        Set<String> names = new HashSet<>();
        for (ParameterDescriptor param : d.parameters()) {
            String where = "parameters." + param.name();
            if (!NAME.matcher(param.name()).matches()) {
                p.add(where + ": \"" + param.name() + "\" is not a parameter name (letters, digits, _ . -)");
            }
            if (!names.add(param.name())) {
                p.add(where + ": declared more than once");
            }
            parameter(param, where, p);
        }
        if (d.durationParameter() != null) {
            d.parameter(d.durationParameter()).ifPresent(param -> {
                String where = "durationParameter \"" + param.name() + "\"";
                // optional with no default is fine: without it the action completes when start returns (as
                // aws:ec2:stop-instances without startInstancesAfterDuration)
                if (param.format() != ParameterFormat.DURATION) {
                    p.add(where + ": its format is " + param.format() + ", not DURATION");
                }
            });
        }
        Set<String> keys = new HashSet<>();
        for (TargetKeyDescriptor t : d.targets()) {
            String where = "targets." + t.key();
            if (!NAME.matcher(t.key()).matches()) {
                p.add(where + ": \"" + t.key() + "\" is not a target key (letters, digits, _ . -)");
            }
            if (!keys.add(t.key())) {
                p.add(where + ": declared more than once");
            }
            if (t.resourceTypes().isEmpty()) {
                p.add(where + ": names no resource type");
            }
            for (String type : t.resourceTypes()) {
                if (!RESOURCE_TYPE.matcher(type).matches()) {
                    p.add(where + ": resource type \"" + type + "\" is not prefix:service:type in lower case");
                }
            }
            if (t.identification().isEmpty()) {
                p.add(where + ": allows no way to identify resources (identification is empty)");
            }
            if (t.maxResources() != null && t.maxResources() < 1) {
                p.add(where + ": maxResources " + t.maxResources() + " is not positive");
            }
        }
        return p;
    }

    private static void parameter(ParameterDescriptor param, String where, List<String> p) {
        ParameterFormat f = param.format();
        boolean numeric = f == ParameterFormat.INTEGER || f == ParameterFormat.NUMBER;
        boolean list = f == ParameterFormat.LIST || f == ParameterFormat.ARN_LIST;
        if ((param.minimum() != null || param.maximum() != null) && !numeric) {
            p.add(where + ": has numeric bounds but its format is " + f);
        }
        if (param.minimum() != null && param.maximum() != null && param.minimum() > param.maximum()) {
            p.add(where + ": minimum " + param.minimum() + " is above maximum " + param.maximum());
        }
        if ((param.minDuration() != null || param.maxDuration() != null || param.awsMinDuration() != null)
                && f != ParameterFormat.DURATION) {
            p.add(where + ": has duration bounds but its format is " + f);
        }
        if (param.minDuration() != null && param.maxDuration() != null
                && param.minDuration().compareTo(param.maxDuration()) > 0) {
            p.add(where + ": minDuration " + param.minDuration() + " is above maxDuration " + param.maxDuration());
        }
        if (param.maxItems() != null && (!list || param.maxItems() < 1)) {
            p.add(where + ": maxItems " + param.maxItems() + " needs a list format and a positive value");
        }
        if (f == ParameterFormat.ENUM && param.allowedValues().isEmpty()) {
            p.add(where + ": ENUM with no allowedValues");
        }
        Pattern pattern = null;
        if (param.pattern() != null) {
            try {
                pattern = Pattern.compile(param.pattern());
            } catch (PatternSyntaxException e) {
                p.add(where + ": pattern \"" + param.pattern() + "\" is not a regular expression");
            }
        }
        String dv = param.defaultValue();
        if (dv == null) {
            return;
        }
        if (param.required()) {
            p.add(where + ": required, so its default \"" + dv + "\" is never used");
        }
        String bad = invalidValue(param, dv, pattern);
        if (bad != null) {
            p.add(where + ": default \"" + dv + "\" " + bad);
        }
    }

    /** Why {@code v} is not a valid value of {@code param}, or {@code null}. */
    private static String invalidValue(ParameterDescriptor param, String v, Pattern pattern) {
        List<String> items = switch (param.format()) {
            case LIST, ARN_LIST -> List.of(v.split(",", -1)).stream().map(String::trim).toList();
            default -> List.of(v);
        };
        if (param.maxItems() != null && items.size() > param.maxItems()) {
            return "has " + items.size() + " items, more than maxItems " + param.maxItems();
        }
        for (String item : items) {
            String why = invalidItem(param, item);
            if (why != null) {
                return why;
            }
            if (pattern != null && !pattern.matcher(item).matches()) {
                return "does not match the pattern " + param.pattern();
            }
        }
        return null;
    }

    private static String invalidItem(ParameterDescriptor param, String v) {
        switch (param.format()) {
            case DURATION -> {
                Duration d;
                try {
                    d = Duration.parse(v);
                } catch (DateTimeParseException e) {
                    return "is not an ISO-8601 duration";
                }
                if (param.minDuration() != null && d.compareTo(param.minDuration()) < 0) {
                    return "is below minDuration " + param.minDuration();
                }
                if (param.maxDuration() != null && d.compareTo(param.maxDuration()) > 0) {
                    return "is above maxDuration " + param.maxDuration();
                }
                return null;
            }
            case INTEGER, NUMBER -> {
                double n;
                try {
                    n = param.format() == ParameterFormat.INTEGER ? Long.parseLong(v) : Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return "is not " + (param.format() == ParameterFormat.INTEGER ? "a whole number" : "a number");
                }
                if (param.minimum() != null && n < param.minimum()) {
                    return "is below the minimum " + param.minimum();
                }
                if (param.maximum() != null && n > param.maximum()) {
                    return "is above the maximum " + param.maximum();
                }
                return null;
            }
            case BOOLEAN -> {
                String b = v.toLowerCase(Locale.ROOT);
                return b.equals("true") || b.equals("false") ? null : "is not true or false";
            }
            case ENUM, LIST -> {
                return param.allowedValues().isEmpty() || param.allowedValues().contains(v) ? null
                        : "is not one of " + param.allowedValues();
            }
            case ARN, ARN_LIST -> {
                return v.startsWith("arn:") && v.split(":", -1).length >= 6 ? null : "is not an ARN";
            }
            case JSON -> {
                String t = v.trim();
                return t.startsWith("{") || t.startsWith("[") || t.startsWith("\"") ? null : "is not a JSON document";
            }
            default -> {
                return v.length() <= 1024 ? null : "is longer than 1024 characters";
            }
        }
    }

    /**
     * Problems of {@code parameters} (e.g. the compatibility kit's valid set) against {@code d}: undeclared names and
     * missing required ones.
     */
    public static List<String> parameterSetProblems(ActionDescriptor d, Map<String, String> parameters) {
        List<String> p = new ArrayList<>();
        for (String name : parameters.keySet()) {
            if (d.parameter(name).isEmpty()) {
                p.add("parameter \"" + name + "\" is not declared by " + d.id());
            }
        }
        for (ParameterDescriptor param : d.parameters()) {
            if (param.required() && !parameters.containsKey(param.name())) {
                p.add("required parameter \"" + param.name() + "\" of " + d.id() + " is missing");
            }
        }
        return p;
    }
}
