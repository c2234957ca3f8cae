package dev.fisengine.aws.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.RequestFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of an armed {@link ApiFaultRule} on the multi-JVM wire ({@code docs/server.md}, "Many JVMs, one
 * experiment"): written by the server JVM's API-fault actions, read by connected JVMs. One line, no newline. Reading is
 * strict: an unknown fault kind, a missing member or a value the rule refuses is an {@link IllegalArgumentException}
 * naming the JSON path.
 *
 * <pre>{@code
 * {"experimentId":"EXP1","action":"throttle","service":"dynamodb","operations":["PutItem"],"percentage":100.0,
 *  "roleArns":["arn:aws:iam::123456789012:role/app"],"seed":42,
 *  "count":{"firstAttempts":0,"everyNthAttempt":0,"maxFaults":0},"fault":{"kind":"THROTTLE"}}
 * }</pre>
 */
public final class RemoteRules {
    /** The largest event a connected JVM accepts (bytes of one {@code data:} line). */
    public static final int MAX_EVENT_BYTES = 64 * 1024;

    static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                .maxStringLength(MAX_EVENT_BYTES).build());
    }

    private RemoteRules() {}

    /** A rule as received: the server's fault id, where it comes from, and the rule. */
    public record Received(long id, String experimentId, String action, ApiFaultRule rule) {}

    /** {@code rule} as one line of JSON, with the experiment and action it was armed for. */
    public static String write(ApiFaultRule rule, String experimentId, String action) {
        ObjectNode o = JSON.createObjectNode();
        o.put("experimentId", experimentId);
        o.put("action", action);
        o.put("service", rule.service());
        ArrayNode ops = o.putArray("operations");
        rule.operations().stream().sorted().forEach(ops::add);
        o.put("percentage", rule.percentage());
        ArrayNode roles = o.putArray("roleArns");
        rule.roleArns().stream().sorted().forEach(roles::add);
        o.put("seed", rule.seed());
        ObjectNode count = o.putObject("count");
        count.put("firstAttempts", rule.count().firstAttempts());
        count.put("everyNthAttempt", rule.count().everyNthAttempt());
        count.put("maxFaults", rule.count().maxFaults());
        ObjectNode fault = o.putObject("fault");
        fault.put("kind", rule.fault().kind().name());
        if (rule.fault() instanceof ApiFault.Custom c) {
            fault.put("statusCode", c.statusCode());
            fault.put("errorCode", c.errorCode());
            fault.put("message", c.message());
            if (c.queryErrorCode() != null) {
                fault.put("queryErrorCode", c.queryErrorCode());
            }
        } else if (rule.fault() instanceof ApiFault.Latency l) {
            fault.put("delayNanos", l.delay().toNanos());
            fault.put("jitterNanos", l.jitter().toNanos());
        }
        if (rule.filter() instanceof RequestFilter.KinesisStreams k) {
            ArrayNode arns = o.putObject("filter").putArray("kinesisStreamArns");
            k.streamArns().stream().sorted().forEach(arns::add);
        } else if (rule.filter() instanceof RequestFilter.AvailabilityZones z) {
            ArrayNode azs = o.putObject("filter").putArray("availabilityZones");
            z.identifiers().stream().sorted().forEach(azs::add);
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an API-fault rule", e);
        }
    }

    /**
     * Reads an {@code arm} event's data, {@code {"id": N, "fault": <rule>}}.
     *
     * @throws IllegalArgumentException naming the JSON path and the value, when the event is not a valid rule
     */
    public static Received readArm(String data) {
        JsonNode root = parse(data);
        long id = longAt(root, "/id");
        JsonNode f = root.get("fault");
        if (f == null || !f.isObject()) {
            throw new IllegalArgumentException("/fault: expected an object");
        }
        try {
            ApiFaultRule rule = ApiFaultRule.builder()
                    .service(text(root, "/fault/service"))
                    .operations(texts(root, "/fault/operations"))
                    .percentage(number(root, "/fault/percentage"))
                    .roleArns(texts(root, "/fault/roleArns"))
                    .seed(longAt(root, "/fault/seed"))
                    .count(new ApiFaultRule.Count(longAt(root, "/fault/count/firstAttempts"),
                            longAt(root, "/fault/count/everyNthAttempt"), longAt(root, "/fault/count/maxFaults")))
                    .fault(fault(root))
                    .filter(filter(root))
                    .build();
            return new Received(id, optionalText(f, "experimentId"), optionalText(f, "action"), rule);
        } catch (IllegalArgumentException | NullPointerException e) {
            String m = String.valueOf(e.getMessage());
            throw new IllegalArgumentException(m.startsWith("/") ? m : "/fault/" + m, e);
        }
    }

    /** Reads a {@code disarm} event's data, {@code {"id": N}}. */
    public static long readDisarm(String data) {
        return longAt(parse(data), "/id");
    }

    /** Reads the {@code hello} event's lease, {@code {"leaseMillis": N, ...}}. */
    public static long readLeaseMillis(String data) {
        return longAt(parse(data), "/leaseMillis");
    }

    /** The rule's request filter: absent (every request), Kinesis stream ARNs, or Availability Zones. */
    private static RequestFilter filter(JsonNode root) {
        JsonNode f = root.at("/fault/filter");
        if (f.isMissingNode() || f.isNull()) {
            return null;
        }
        if (!f.isObject() || f.size() != 1) {
            throw new IllegalArgumentException("/fault/filter: expected an object with kinesisStreamArns or "
                    + "availabilityZones, not " + describe(f));
        }
        if (f.has("kinesisStreamArns")) {
            return RequestFilter.KinesisStreams.of(texts(root, "/fault/filter/kinesisStreamArns"));
        }
        if (f.has("availabilityZones")) {
            return RequestFilter.AvailabilityZones.of(texts(root, "/fault/filter/availabilityZones"));
        }
        throw new IllegalArgumentException("/fault/filter: unknown filter " + describe(f));
    }

    private static ApiFault fault(JsonNode root) {
        String kind = text(root, "/fault/fault/kind");
        ApiFault.Kind k;
        try {
            k = ApiFault.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("/fault/fault/kind: \"" + kind + "\" is not a fault kind", e);
        }
        return switch (k) {
            case THROTTLE -> ApiFault.throttle();
            case INTERNAL_ERROR -> ApiFault.internalError();
            case UNAVAILABLE -> ApiFault.unavailable();
            case CONNECTION_FAILURE -> ApiFault.connectionFailure();
            case LATENCY -> ApiFault.latency(Duration.ofNanos(longAt(root, "/fault/fault/delayNanos")),
                    Duration.ofNanos(longAt(root, "/fault/fault/jitterNanos")));
            case CUSTOM -> ApiFault.custom((int) longAt(root, "/fault/fault/statusCode"), text(root, "/fault/fault/errorCode"),
                    root.at("/fault/fault/queryErrorCode").isTextual() ? root.at("/fault/fault/queryErrorCode").asText() : null,
                    text(root, "/fault/fault/message"));
        };
    }

    private static JsonNode parse(String data) {
        if (data.length() > MAX_EVENT_BYTES) {
            throw new IllegalArgumentException("event of " + data.length() + " characters is larger than "
                    + MAX_EVENT_BYTES);
        }
        try {
            JsonNode n = JSON.readTree(data);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("expected a JSON object, not " + abbreviate(data));
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + abbreviate(data) + " (" + e.getOriginalMessage() + ")",
                    e);
        }
    }

    private static JsonNode at(JsonNode root, String path) {
        return root.at(path);
    }

    private static long longAt(JsonNode node, String path) {
        JsonNode v = at(node, path);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(path + ": expected an integer, not " + describe(v));
        }
        return v.asLong();
    }

    private static double number(JsonNode node, String path) {
        JsonNode v = at(node, path);
        if (!v.isNumber()) {
            throw new IllegalArgumentException(path + ": expected a number, not " + describe(v));
        }
        return v.asDouble();
    }

    private static String text(JsonNode node, String path) {
        JsonNode v = at(node, path);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(path + ": expected a string, not " + describe(v));
        }
        return v.asText();
    }

    private static String optionalText(JsonNode node, String member) {
        JsonNode v = node.get(member);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static List<String> texts(JsonNode node, String path) {
        JsonNode v = at(node, path);
        if (!v.isArray()) {
            throw new IllegalArgumentException(path + ": expected an array of strings, not " + describe(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new IllegalArgumentException(path + "/" + i + ": expected a string, not " + describe(v.get(i)));
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    private static String describe(JsonNode v) {
        return v.isMissingNode() ? "nothing (missing)" : abbreviate(v.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
