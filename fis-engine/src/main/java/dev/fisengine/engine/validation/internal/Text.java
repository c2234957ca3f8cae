package dev.fisengine.engine.validation.internal;

import java.util.Collection;
import java.util.Locale;

/** How values appear in messages: quoted, escaped, and cut to a readable length. */
public final class Text {
    private static final int MAX_SHOWN = 80;

    private Text() {}

    /** {@code "value"} with control characters escaped, cut to 80 characters. */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 8).append('"');
        int shown = 0;
        for (int i = 0; i < value.length() && shown < MAX_SHOWN; i++, shown++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
        if (value.length() > MAX_SHOWN) {
            sb.append("… (").append(value.length()).append(" characters)");
        }
        return sb.toString();
    }

    /** {@code a, b, c} (sorted as given). */
    public static String join(Collection<String> values) {
        return values.isEmpty() ? "(none)" : String.join(", ", values);
    }

    /** The closest of {@code candidates} to {@code value} (edit distance ≤ 2 or same ignoring case), or null. */
    public static String closest(String value, Collection<String> candidates) {
        if (value.length() > 200) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.equalsIgnoreCase(value)) {
                return c;
            }
            if (Math.abs(c.length() - value.length()) > 2 || c.length() > 200) {
                continue;
            }
            int d = distance(value, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= 2 ? best : null;
    }

    /** {@code "; did you mean X?"} or empty. */
    public static String suggestion(String value, Collection<String> candidates) {
        String c = closest(value, candidates);
        return c == null ? "" : " (did you mean \"" + c + "\"?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
