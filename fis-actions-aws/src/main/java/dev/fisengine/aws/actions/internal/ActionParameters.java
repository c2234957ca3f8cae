package dev.fisengine.aws.actions.internal;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.api.spi.TargetResource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an API-fault action's parameters and {@code Roles} target from its context. Validation has already checked
 * them when the template was created; these checks are for providers started some other way (a test harness), and
 * every error names the place and the bad value: {@code actions.Throttle.parameters.percentage: "abc" is not a
 * number}.
 */
public final class ActionParameters {
    private final ActionContext context;

    public ActionParameters(ActionContext context) {
        this.context = context;
    }

    /** The JSON-ish path of a parameter, for messages: {@code actions.<name>.parameters.<parameter>}. */
    public String path(String parameter) {
        return "actions." + context.actionName() + ".parameters." + parameter;
    }

    /** A parameter that must be present and not blank. */
    public String required(String name) {
        String value = context.parameter(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(path(name) + ": is required"
                    + (value == null ? "" : " but is \"" + value + "\""));
        }
        return value.trim();
    }

    /** An optional parameter, or {@code fallback} when absent. */
    public String optional(String name, String fallback) {
        String value = context.parameter(name);
        return value == null ? fallback : value;
    }

    /** A required comma-separated list: items trimmed, empty items dropped, at least one item. */
    public Set<String> list(String name) {
        required(name);
        String value = context.parameter(name);
        Set<String> items = new LinkedHashSet<>();
        for (String item : value.split(",")) {
            String t = item.trim();
            if (!t.isEmpty()) {
                items.add(t);
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(path(name) + ": \"" + value + "\" names no item");
        }
        return items;
    }

    /** A required percentage: a number greater than 0 and at most 100. */
    public double percentage(String name) {
        String value = required(name);
        double p;
        try {
            p = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path(name) + ": \"" + value + "\" is not a number", e);
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException(path(name) + ": \"" + value + "\" is out of range: must be greater "
                    + "than 0 and at most 100");
        }
        return p;
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent ({@code null}: required). */
    public long integer(String name, long min, long max, Long fallback) {
        String value = context.parameter(name);
        if (value == null && fallback != null) {
            return fallback;
        }
        value = required(name);
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path(name) + ": \"" + value + "\" is not a whole number", e);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(path(name) + ": \"" + value + "\" is out of range: must be from "
                    + min + " to " + max);
        }
        return n;
    }

    /**
     * The ARNs of the resources resolved under target key {@code key}, or {@code null} when the action names no
     * target under it (allowed only when the key is optional).
     */
    public Set<String> targetArns(TargetKeyDescriptor key) {
        List<TargetResource> resources = context.targets().get(key.key());
        if (resources == null) {
            if (key.required()) {
                throw new IllegalArgumentException("actions." + context.actionName() + ".targets: " + context.actionId()
                        + " requires a target under key " + key.key() + " (" + String.join(", ", key.resourceTypes())
                        + ")");
            }
            return null;
        }
        Set<String> arns = new LinkedHashSet<>();
        for (TargetResource r : resources) {
            arns.add(r.arn());
        }
        return arns;
    }
}
