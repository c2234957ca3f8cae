package dev.fisengine.engine.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisengine.api.validation.JsonPointer;
import dev.fisengine.engine.validation.ValidationCode;
import dev.fisengine.engine.validation.internal.Shapes.Int;
import dev.fisengine.engine.validation.internal.Shapes.ListOf;
import dev.fisengine.engine.validation.internal.Shapes.MapOf;
import dev.fisengine.engine.validation.internal.Shapes.Shape;
import dev.fisengine.engine.validation.internal.Shapes.Str;
import dev.fisengine.engine.validation.internal.Shapes.Struct;
import java.util.Iterator;
import java.util.Map;

/**
 * Walks a JSON tree against the FIS model {@link Shapes}, reporting unknown and missing members, wrong types,
 * lengths, patterns, enumerations and counts, and returns a cleaned copy that binds to the fis-api records: unknown
 * and wrong-typed members are left out (wrong-typed list items become {@code null}, so indexes stay valid).
 */
public final class StructuralChecker {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Findings findings;

    public StructuralChecker(Findings findings) {
        this.findings = findings;
    }

    /** The outcome: the object to bind (never null when the root was an object) and where it sits. */
    public record Checked(ObjectNode template, String base) {}

    /**
     * Checks a whole document. A {@code {"experimentTemplate": {...}}} wrapper is reported and its content checked
     * under {@code /experimentTemplate}. Returns {@code null} when the root is not an object.
     */
    public Checked checkDocument(JsonNode root) {
        if (!root.isObject()) {
            findings.add(ValidationCode.JSON_NOT_OBJECT, "",
                    "The document is " + describe(root) + "; a template is a JSON object");
            return null;
        }
        JsonNode inner = root.get("experimentTemplate");
        if (inner != null && inner.isObject() && !root.has("actions")) {
            findings.add(ValidationCode.TEMPLATE_WRAPPED, "/experimentTemplate",
                    "The template is wrapped in {\"experimentTemplate\": {...}}, the output of "
                            + "get-experiment-template; unwrap it: create-experiment-template takes the inner object");
            for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!name.equals("experimentTemplate")) {
                    unknown(JsonPointer.append("", name), name, Shapes.REQUEST);
                }
            }
            return new Checked(struct(inner, Shapes.REQUEST, "/experimentTemplate", true), "/experimentTemplate");
        }
        return new Checked(struct(root, Shapes.REQUEST, "", false), "");
    }

    /** Checks a bound request's tree (engine API use: no unknown members can occur). */
    public ObjectNode checkRequest(JsonNode tree) {
        return struct(tree, Shapes.REQUEST, "", false);
    }

    private JsonNode check(JsonNode node, Shape shape, String path) {
        if (shape instanceof Struct s) {
            if (!node.isObject()) {
                return wrongType(node, "an object", path);
            }
            return struct(node, s, path, false);
        }
        if (shape instanceof MapOf m) {
            return map(node, m, path);
        }
        if (shape instanceof ListOf l) {
            return list(node, l, path);
        }
        if (shape instanceof Str s) {
            if (!node.isTextual()) {
                return wrongType(node, "a string", path);
            }
            string(node.textValue(), s, path);
            return node;
        }
        Int i = (Int) shape;
        if (!node.isIntegralNumber()) {
            return wrongType(node, "an integer", path);
        }
        if (!node.canConvertToInt()) {
            findings.add(ValidationCode.TEMPLATE_WRONG_TYPE, path, "The number " + shortText(node)
                    + " is out of range for " + i.name() + " (a 32-bit integer)");
            return null;
        }
        return NODES.numberNode(node.intValue());
    }

    private ObjectNode struct(JsonNode node, Struct shape, String path, boolean readOnlyAllowed) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            String child = JsonPointer.append(path, name);
            Shape memberShape = shape.members().get(name);
            if (memberShape == null) {
                if (readOnlyAllowed && Shapes.READ_ONLY_TEMPLATE_MEMBERS.contains(name)) {
                    findings.add(ValidationCode.TEMPLATE_UNKNOWN_MEMBER, child, "Unknown parameter "
                            + Text.quote(name) + ": it is a read-only member of get-experiment-template's output, "
                            + "not create input; remove it");
                } else {
                    unknown(child, name, shape);
                }
                continue;
            }
            JsonNode v = check(e.getValue(), memberShape, child);
            if (v != null) {
                out.set(name, v);
            }
        }
        for (String required : shape.members().keySet()) {
            if (shape.required().contains(required) && !node.has(required)) {
                findings.add(ValidationCode.TEMPLATE_MISSING_MEMBER, JsonPointer.append(path, required),
                        "Missing required parameter " + Text.quote(required) + " in " + shape.name());
            }
        }
        return out;
    }

    private void unknown(String path, String name, Struct shape) {
        findings.add(ValidationCode.TEMPLATE_UNKNOWN_MEMBER, path, "Unknown parameter " + Text.quote(name)
                + " in " + shape.name() + Text.suggestion(name, shape.members().keySet())
                + ": must be one of " + Text.join(shape.members().keySet()));
    }

    private JsonNode map(JsonNode node, MapOf shape, String path) {
        if (!node.isObject()) {
            return wrongType(node, "an object (" + shape.name() + ")", path);
        }
        if (shape.max() > 0 && node.size() > shape.max()) {
            findings.add(ValidationCode.TEMPLATE_TOO_MANY, path, shape.name() + " has " + node.size()
                    + " entries; at most " + shape.max() + " are allowed");
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String child = JsonPointer.append(path, e.getKey());
            string(e.getKey(), shape.key(), child);
            JsonNode v = check(e.getValue(), shape.value(), child);
            if (v != null) {
                out.set(e.getKey(), v);
            }
        }
        return out;
    }

    private JsonNode list(JsonNode node, ListOf shape, String path) {
        if (!node.isArray()) {
            return wrongType(node, "an array (" + shape.name() + ")", path);
        }
        if (shape.max() > 0 && node.size() > shape.max()) {
            findings.add(ValidationCode.TEMPLATE_TOO_MANY, path, shape.name() + " has " + node.size()
                    + " items; at most " + shape.max() + " are allowed");
        }
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = check(node.get(i), shape.member(), JsonPointer.append(path, i));
            out.add(v == null ? NODES.nullNode() : v);
        }
        return out;
    }

    private void string(String value, Str shape, String path) {
        if (!shape.enumValues().isEmpty()) {
            if (!shape.enumValues().contains(value)) {
                findings.add(ValidationCode.TEMPLATE_ENUM, path, Text.quote(value) + " is not a valid "
                        + shape.name() + Text.suggestion(value, shape.enumValues()) + ": must be one of "
                        + Text.join(shape.enumValues()));
            }
            return;
        }
        int length = value.codePointCount(0, value.length());
        int min = shape.min();
        if (length == 0 && (min > 0 || shape.kind() != Shapes.PatternKind.ANY)) {
            findings.add(ValidationCode.TEMPLATE_LENGTH, path, "The value is empty; " + shape.name()
                    + (min > 0 ? " must be " + min + " to " + shape.max() + " characters long" : " must not be empty"));
            return;
        }
        if (length < min || (shape.max() > 0 && length > shape.max())) {
            findings.add(ValidationCode.TEMPLATE_LENGTH, path, Text.quote(value) + " is " + length
                    + " characters long; " + shape.name() + " must be "
                    + (min > 0 ? min + " to " + shape.max() : "at most " + shape.max()) + " characters long");
            return;
        }
        switch (shape.kind()) {
            case NON_BLANK -> {
                if (value.isBlank()) {
                    findings.add(ValidationCode.TEMPLATE_PATTERN, path, Text.quote(value)
                            + " has no non-whitespace character (" + shape.name() + " pattern [\\S]+)");
                }
            }
            case ANCHORED -> {
                if (!shape.anchored().matcher(value).matches()) {
                    findings.add(ValidationCode.TEMPLATE_PATTERN, path, Text.quote(value) + " has characters "
                            + shape.name() + " does not allow: only letters, digits, spaces and _ . : / = + - @ "
                            + "(pattern " + shape.anchored().pattern() + ")");
                }
            }
            default -> {
                // NON_EMPTY and ANY: the length check above covers them
            }
        }
    }

    private JsonNode wrongType(JsonNode node, String expected, String path) {
        findings.add(ValidationCode.TEMPLATE_WRONG_TYPE, path, "Invalid type: expected " + expected + ", got "
                + describe(node));
        return null;
    }

    static String describe(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asText();
        }
        if (node.isNumber()) {
            return "the number " + shortText(node);
        }
        if (node.isTextual()) {
            return "the string " + Text.quote(node.textValue());
        }
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String shortText(JsonNode node) {
        String s = node.asText();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
