package dev.fisengine.engine.validation.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the string formats FIS uses: ISO-8601 durations, ARNs, placeholders, comma lists. Never throws. */
public final class Values {
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]{0,200}>|\\$\\{[^{}]{0,200}}|\\{\\{[^{}]{0,200}}}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+){1,3}-\\d{1,2}");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DIGITS = Pattern.compile("[+-]?\\d+");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d{1,30}(\\.\\d{0,30})?|\\.\\d{1,30})([eE][+-]?\\d{1,4})?");
    private static final Pattern SELECTION = Pattern.compile("(ALL)|COUNT\\((\\d+)\\)|PERCENT\\((\\d+)\\)");

    /** The documentation example account that AWS uses everywhere. */
    public static final String EXAMPLE_ACCOUNT = "123456789012";

    private Values() {}

    /**
     * An ISO-8601 duration ({@code PnDTnHnMn.nS}, e.g. {@code PT5M}); {@code null} when the value is not one, is
     * negative, or is out of range.
     */
    public static Duration duration(String value) {
        if (value.length() > 64 || value.indexOf('-') >= 0 || value.indexOf('+') >= 0) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** The first template-generator placeholder in the value ({@code <X>}, {@code ${X}}, <code>{{ X }}</code>), or null. */
    public static String placeholder(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        return m.find() ? m.group() : null;
    }

    /** A parsed ARN. */
    public record Arn(String partition, String service, String region, String account, String resource) {}

    /** {@code arn:partition:service:region:account:resource}, or null when the value is not shaped like one. */
    public static Arn arn(String value) {
        String[] parts = value.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty()
                || parts[5].isEmpty()) {
            return null;
        }
        return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    /** Whether a non-empty account id is a 12-digit AWS account id. */
    public static boolean isAccountId(String account) {
        return ACCOUNT.matcher(account).matches();
    }

    /** Whether a non-empty region looks like an AWS Region name (e.g. {@code us-east-1}). */
    public static boolean isRegion(String region) {
        return REGION.matcher(region).matches();
    }

    /** A whole number (at most 18 digits), or null. */
    public static Long integer(String value) {
        return INTEGER.matcher(value).matches() ? Long.valueOf(value) : null;
    }

    /** Whether the value is digits too long to be a {@code long}. */
    public static boolean hugeInteger(String value) {
        return DIGITS.matcher(value).matches();
    }

    /** A decimal number (no NaN, no Infinity, no hex), or null. */
    public static Double number(String value) {
        return NUMBER.matcher(value).matches() ? Double.valueOf(value) : null;
    }

    /** Comma-separated items, trimmed. */
    public static List<String> items(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",", -1)) {
            out.add(s.trim());
        }
        return out;
    }

    /** A parsed {@code selectionMode}. {@code n} is -1 for ALL and Long.MAX_VALUE when too large to read. */
    public record Selection(String kind, long n) {}

    /** {@code ALL}, {@code COUNT(n)} or {@code PERCENT(n)} (grammar only; bounds are checked by the caller). */
    public static Selection selection(String value) {
        Matcher m = SELECTION.matcher(value);
        if (!m.matches()) {
            return null;
        }
        if (m.group(1) != null) {
            return new Selection("ALL", -1);
        }
        String kind = m.group(2) != null ? "COUNT" : "PERCENT";
        String digits = m.group(2) != null ? m.group(2) : m.group(3);
        long n = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        return new Selection(kind, n);
    }
}
