package dev.fisengine.engine.internal;

import dev.fisengine.api.model.TargetFilter;
import dev.fisengine.api.spi.TargetResource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Target filters and selection modes, as FIS applies them to what a resolver found.
 *
 * <p>Filters: {@code path} is a dot-separated PascalCase path into {@link TargetResource#attributes()}; a list met on
 * the way is expanded (every element is followed). A resource matches a filter when any value found at the path
 * equals any of the filter's values (values OR); it must match every filter (filters AND). Values compare as strings
 * ({@code true}, {@code 5}); keys compare exactly, then case-insensitively as a fallback for camelCase attributes.
 *
 * <p>Selection: {@code ALL}; {@code COUNT(n)} picks n at random (all when fewer exist); {@code PERCENT(n)} picks
 * {@code floor(size * n / 100)} at random. Picked resources keep the resolver's order.
 */
public final class TargetSelection {
    private static final Pattern COUNT = Pattern.compile("COUNT\\((\\d+)\\)");
    private static final Pattern PERCENT = Pattern.compile("PERCENT\\((\\d+)\\)");

    private TargetSelection() {}

    /** Removes duplicate ARNs, keeping the first. */
    public static List<TargetResource> distinct(Collection<TargetResource> resources) {
        Map<String, TargetResource> byArn = new LinkedHashMap<>();
        for (TargetResource r : resources) {
            if (r != null) {
                byArn.putIfAbsent(r.arn(), r);
            }
        }
        return new ArrayList<>(byArn.values());
    }

    /** The resources that match every filter. */
    public static List<TargetResource> filter(List<TargetResource> resources, List<TargetFilter> filters) {
        if (filters == null || filters.isEmpty()) {
            return resources;
        }
        List<TargetResource> out = new ArrayList<>();
        for (TargetResource r : resources) {
            if (matchesAll(r, filters)) {
                out.add(r);
            }
        }
        return out;
    }

    static boolean matchesAll(TargetResource r, List<TargetFilter> filters) {
        for (TargetFilter f : filters) {
            List<String> found = new ArrayList<>();
            collect(r.attributes(), f.path() == null ? new String[0] : f.path().split("\\."), 0, found);
            List<String> wanted = f.values() == null ? List.of() : f.values();
            boolean any = false;
            for (String v : found) {
                if (wanted.contains(v)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** Every leaf value at {@code path} under {@code node}, expanding lists. */
    public static List<String> valuesAt(Map<String, Object> attributes, String path) {
        List<String> out = new ArrayList<>();
        collect(attributes, path.split("\\."), 0, out);
        return out;
    }

    private static void collect(Object node, String[] path, int i, List<String> out) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            for (Object e : c) {
                collect(e, path, i, out);
            }
            return;
        }
        if (node instanceof Object[] arr) {
            for (Object e : arr) {
                collect(e, path, i, out);
            }
            return;
        }
        if (i == path.length) {
            if (!(node instanceof Map<?, ?>)) {
                out.add(scalar(node));
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            collect(member(m, path[i]), path, i + 1, out);
        }
    }

    private static Object member(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v != null || m.containsKey(key)) {
            return v;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getKey() instanceof String k && k.equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String scalar(Object v) {
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isInfinite(d) && !Double.isNaN(d)) {
                return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            }
        }
        return String.valueOf(v);
    }

    /**
     * Applies {@code selectionMode} ({@code null} means {@code ALL}).
     *
     * @throws IllegalArgumentException for a mode that is none of ALL, COUNT(n), PERCENT(n)
     */
    public static List<TargetResource> select(List<TargetResource> resources, String selectionMode, Random random) {
        String mode = selectionMode == null ? "ALL" : selectionMode.trim();
        if (mode.equals("ALL")) {
            return resources;
        }
        Matcher count = COUNT.matcher(mode);
        if (count.matches()) {
            return pick(resources, parse(count.group(1), mode), random);
        }
        Matcher percent = PERCENT.matcher(mode);
        if (percent.matches()) {
            long p = parse(percent.group(1), mode);
            if (p > 100) {
                throw new IllegalArgumentException("selectionMode \"" + mode + "\": a percentage above 100");
            }
            return pick(resources, resources.size() * p / 100, random);
        }
        throw new IllegalArgumentException("selectionMode \"" + mode
                + "\" is not ALL, COUNT(n) or PERCENT(n)");
    }

    private static long parse(String digits, String mode) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("selectionMode \"" + mode + "\": number too large", e);
        }
    }

    private static List<TargetResource> pick(List<TargetResource> resources, long n, Random random) {
        int size = resources.size();
        if (n >= size) {
            return resources;
        }
        int[] idx = new int[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < n; i++) { // partial Fisher-Yates: idx[0..n) is a uniform random n-subset
            int j = i + random.nextInt(size - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        boolean[] chosen = new boolean[size];
        for (int i = 0; i < n; i++) {
            chosen[idx[i]] = true;
        }
        List<TargetResource> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (chosen[i]) {
                out.add(resources.get(i));
            }
        }
        return out;
    }
}
