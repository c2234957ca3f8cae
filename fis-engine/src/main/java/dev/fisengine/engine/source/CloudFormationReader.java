package dev.fisengine.engine.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisengine.api.validation.JsonPointer;
import dev.fisengine.engine.source.Shape.Kind;
import dev.fisengine.engine.source.SourceFinding.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps every {@code AWS::FIS::ExperimentTemplate} resource of a CloudFormation template (JSON, YAML, CDK output) to a
 * create-experiment-template document, following CloudFormation's property names and shapes. Intrinsic functions are
 * evaluated where the template alone decides them (parameters with a {@code Default}, {@code Mappings},
 * {@code Conditions}, {@code Fn::Sub}/{@code Fn::Join}/{@code Fn::Select}/{@code Fn::Split} of known values); the
 * rest ({@code Fn::GetAtt}, {@code Ref} to a resource, pseudo parameters, imports) become placeholders of the kind
 * the property holds, reported as {@code source.unresolved} info findings.
 */
final class CloudFormationReader {
    static final String FIS_TYPE = "AWS::FIS::ExperimentTemplate";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEPTH = 32;
    private static final Map<String, String> PSEUDO = Map.of(
            "AWS::AccountId", "111122223333",
            "AWS::Region", "us-east-1",
            "AWS::Partition", "aws",
            "AWS::URLSuffix", "amazonaws.com",
            "AWS::StackName", "stack",
            "AWS::StackId", "arn:aws:cloudformation:us-east-1:111122223333:stack/stack/id",
            "AWS::NotificationARNs", "");

    /** An evaluated value: known (a plain JSON value), unknown (with a sample for string building), or no value. */
    private record Value(JsonNode known, String sample, String reason, boolean noValue) {
        static final Value NO_VALUE = new Value(null, null, null, true);

        static Value known(JsonNode v) {
            return new Value(v, null, null, false);
        }

        static Value unknown(String sample, String reason) {
            return new Value(null, sample, reason, false);
        }

        boolean isKnown() {
            return known != null;
        }
    }

    private final String file;
    private final SourceFormat format;
    private final Locations locations;
    private final JsonNode parameters;
    private final JsonNode conditions;
    private final JsonNode mappings;
    private final JsonNode resources;
    private final Map<String, Boolean> conditionCache = new HashMap<>();
    private Mapping mapping;
    private String resourceType;

    CloudFormationReader(JsonNode root, String file, SourceFormat format, Locations locations) {
        this.file = file;
        this.format = format;
        this.locations = locations;
        this.parameters = object(root.get("Parameters"));
        this.conditions = object(root.get("Conditions"));
        this.mappings = object(root.get("Mappings"));
        this.resources = object(root.get("Resources"));
    }

    static boolean isCloudFormation(JsonNode root) {
        return root.isObject() && (root.path("Resources").isObject() || root.has("AWSTemplateFormatVersion"));
    }

    static boolean isCdk(JsonNode root) {
        for (Iterator<JsonNode> it = root.path("Resources").elements(); it.hasNext(); ) {
            JsonNode r = it.next();
            if (r.path("Metadata").has("aws:cdk:path") || "AWS::CDK::Metadata".equals(r.path("Type").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode object(JsonNode n) {
        return n != null && n.isObject() ? n : NODES.objectNode();
    }

    List<SourceTemplate> templates() {
        List<SourceTemplate> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : resources.properties()) {
            if (!FIS_TYPE.equals(e.getValue().path("Type").asText())) {
                continue;
            }
            String logicalId = e.getKey();
            String resourcePointer = JsonPointer.append("/Resources", logicalId);
            mapping = new Mapping();
            mapping.map("", resourcePointer);
            JsonNode props = e.getValue().get("Properties");
            String propsPointer = resourcePointer + "/Properties";
            if (props == null) {
                mapping.note(Level.ERROR, "cloudformation.missing-properties", resourcePointer, null,
                        "The resource has no Properties; AWS::FIS::ExperimentTemplate requires Description, RoleArn,"
                                + " StopConditions and Targets");
            } else if (props.isObject()) {
                mapping.map("", propsPointer);
                object(props, propsPointer, Shape.CLOUDFORMATION, "", mapping.template);
            } else {
                mapping.note(Level.ERROR, "cloudformation.wrong-shape", propsPointer, null,
                        "Properties must be a mapping, not " + describe(props));
            }
            String json;
            try {
                json = JSON.writeValueAsString(mapping.template);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
            String cdkPath = e.getValue().path("Metadata").path("aws:cdk:path").asText(null);
            if (cdkPath != null) {
                mapping.note(Level.INFO, "cdk.path", resourcePointer, null, "CDK construct " + cdkPath);
            }
            out.add(new SourceTemplate(file, format, logicalId, resourcePointer, json, null, mapping, locations,
                    CloudFormationReader::cfnName));
        }
        return out;
    }

    /** The CloudFormation spelling of a FIS member name: {@code actionId} is {@code ActionId}. */
    static String cfnName(String fis) {
        if (fis.isEmpty() || fis.chars().allMatch(Character::isDigit)) {
            return fis;
        }
        return Character.toUpperCase(fis.charAt(0)) + fis.substring(1);
    }

    // ------------------------------------------------------------------ mapping by shape

    private void object(JsonNode props, String src, Shape.Obj shape, String fis, ObjectNode out) {
        JsonNode type = props.get("ResourceType");
        if (shape.members().containsKey("ResourceType")) {
            resourceType = type != null && type.isTextual() ? type.asText() : null;
        }
        for (Map.Entry<String, JsonNode> e : props.properties()) {
            String key = e.getKey();
            String childSrc = JsonPointer.append(src, key);
            Shape.Member member = shape.members().get(key);
            if (member == null) {
                Shape.Member wrongCase = null;
                for (Shape.Member m : shape.members().values()) {
                    if (m.source().equalsIgnoreCase(key)) {
                        wrongCase = m;
                    }
                }
                if (wrongCase != null || key.isEmpty() || Character.isLowerCase(key.charAt(0))) {
                    mapping.note(Level.ERROR, "cloudformation.unknown-property", childSrc, null,
                            "CloudFormation does not know the property " + quote(key) + " here"
                                    + (wrongCase != null ? "; did you mean " + quote(wrongCase.source()) + "?"
                                            : "; its properties are " + String.join(", ", shape.members().keySet())));
                    continue;
                }
                // Not a CloudFormation property: handed to the validator under the FIS spelling, which names it.
                String fisName = Character.toLowerCase(key.charAt(0)) + key.substring(1);
                String childFis = JsonPointer.append(fis, fisName);
                mapping.map(childFis, childSrc);
                out.set(fisName, e.getValue());
                continue;
            }
            String childFis = JsonPointer.append(fis, member.fis());
            JsonNode v = convert(e.getValue(), childSrc, member.shape(), childFis, key);
            if (v != null) {
                out.set(member.fis(), v);
            }
        }
    }

    /** The FIS value of a source node of this shape, or {@code null} to leave the member out (AWS::NoValue). */
    private JsonNode convert(JsonNode node, String src, Shape shape, String fis, String what) {
        mapping.map(fis, src);
        if (isIntrinsic(node)) {
            Value v = eval(node, src, 0);
            if (v.noValue) {
                return null;
            }
            if (v.isKnown()) {
                return convert(v.known(), src, shape, fis, what);
            }
            return placeholder(node, v, src, shape, fis, what);
        }
        if (shape instanceof Shape.Str) {
            return node.isNumber() || node.isBoolean() ? NODES.textNode(node.asText()) : node;
        }
        if (shape instanceof Shape.Int) {
            if (node.isTextual() && node.asText().matches("[0-9]{1,9}")) {
                return NODES.numberNode(Integer.parseInt(node.asText()));
            }
            return node;
        }
        if (shape instanceof Shape.ListOf list && node.isArray()) {
            ArrayNode a = NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = convert(node.get(i), JsonPointer.append(src, i), list.item(),
                        JsonPointer.append(fis, a.size()), what);
                if (item != null) {
                    a.add(item);
                }
            }
            return a;
        }
        if (shape instanceof Shape.MapOf map && node.isObject()) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode item = convert(e.getValue(), JsonPointer.append(src, e.getKey()), map.value(),
                        JsonPointer.append(fis, e.getKey()), e.getKey());
                if (item != null) {
                    o.set(e.getKey(), item);
                }
            }
            return o;
        }
        if (shape instanceof Shape.Obj obj && node.isObject()) {
            ObjectNode o = NODES.objectNode();
            object(node, src, obj, fis, o);
            return o;
        }
        if (shape instanceof Shape.MapOf && node.isArray() && what.equals("Tags")) {
            mapping.note(Level.ERROR, "cloudformation.wrong-shape", src, fis, "Tags of " + FIS_TYPE
                    + " is a mapping of key to value, not a list of Key/Value pairs");
            return null;
        }
        return node; // a wrong type: the validator reports it with the FIS model's words
    }

    private JsonNode placeholder(JsonNode node, Value v, String src, Shape shape, String fis, String what) {
        if (shape instanceof Shape.Str str) {
            String value = str.kind().accepts(v.sample()) ? v.sample() : str.kind().placeholder(resourceType);
            mapping.placeholder(fis, src, what + " is " + render(node) + ", " + v.reason()
                    + "; checked as " + str.kind().description + " (" + quote(value) + ")");
            return NODES.textNode(value);
        }
        if (shape instanceof Shape.Int) {
            mapping.placeholder(fis, src, what + " is " + render(node) + ", " + v.reason() + "; checked as 2");
            return NODES.numberNode(2);
        }
        if (shape instanceof Shape.ListOf list && list.item() instanceof Shape.Str str) {
            String value = str.kind().placeholder(resourceType);
            mapping.placeholder(fis, src, what + " is " + render(node) + ", " + v.reason()
                    + "; checked as a list of " + str.kind().description + " (" + quote(value) + ")");
            return NODES.arrayNode().add(value);
        }
        mapping.placeholder(fis, src, what + " is " + render(node) + ", " + v.reason()
                + "; its contents are not checked offline");
        return shape instanceof Shape.ListOf ? NODES.arrayNode() : NODES.objectNode();
    }

    // ------------------------------------------------------------------ intrinsic functions

    static boolean isIntrinsic(JsonNode n) {
        if (n == null || !n.isObject() || n.size() != 1) {
            return false;
        }
        String k = n.fieldNames().next();
        return k.equals("Ref") || k.startsWith("Fn::");
    }

    private Value eval(JsonNode node, String src, int depth) {
        if (node == null) {
            return Value.known(NODES.nullNode());
        }
        if (!isIntrinsic(node)) {
            return Value.known(node);
        }
        if (depth > MAX_DEPTH) {
            return bad(src, "intrinsic functions nested deeper than " + MAX_DEPTH + " levels");
        }
        String fn = node.fieldNames().next();
        JsonNode arg = node.get(fn);
        String argSrc = JsonPointer.append(src, fn);
        switch (fn) {
            case "Ref":
                return ref(arg, argSrc);
            case "Fn::GetAtt":
                return getAtt(arg, argSrc);
            case "Fn::Sub":
                return sub(arg, argSrc, depth);
            case "Fn::Join":
                return join(arg, argSrc, depth);
            case "Fn::Select":
                return select(arg, argSrc, depth);
            case "Fn::Split":
                return split(arg, argSrc, depth);
            case "Fn::If":
                return ifFn(arg, argSrc, depth);
            case "Fn::FindInMap":
                return findInMap(arg, argSrc, depth);
            case "Fn::Base64": {
                Value v = eval(arg, argSrc, depth + 1);
                return v.isKnown() && v.known().isValueNode()
                        ? Value.known(NODES.textNode(Base64.getEncoder().encodeToString(
                                v.known().asText().getBytes(StandardCharsets.UTF_8))))
                        : Value.unknown(null, "Fn::Base64 of a value known only at deploy time");
            }
            case "Fn::Length": {
                Value v = eval(arg, argSrc, depth + 1);
                return v.isKnown() && v.known().isArray() ? Value.known(NODES.numberNode(v.known().size()))
                        : Value.unknown(null, "Fn::Length of a list known only at deploy time");
            }
            case "Fn::ToJsonString":
                return containsIntrinsic(arg) ? Value.unknown(null, "Fn::ToJsonString of values known only at deploy"
                        + " time") : Value.known(NODES.textNode(arg.toString()));
            case "Fn::ImportValue":
                return Value.unknown(null, "an export of another stack, known only at deploy time");
            case "Fn::GetAZs":
            case "Fn::Cidr":
            case "Fn::Transform":
            case "Fn::GetStackOutput":
                return Value.unknown(null, fn + " is resolved by CloudFormation at deploy time");
            default:
                return bad(src, "unknown intrinsic function " + fn);
        }
    }

    private Value bad(String src, String message) {
        mapping.note(Level.ERROR, "cloudformation.intrinsic", src, null, "Invalid intrinsic function: " + message);
        return Value.unknown(null, "an invalid intrinsic function");
    }

    private Value ref(JsonNode arg, String src) {
        if (arg == null || !arg.isTextual()) {
            return bad(src, "Ref takes the name of a parameter, pseudo parameter or resource");
        }
        String name = arg.asText();
        if (name.equals("AWS::NoValue")) {
            return Value.NO_VALUE;
        }
        if (PSEUDO.containsKey(name)) {
            return Value.unknown(PSEUDO.get(name), "the pseudo parameter " + name + ", known only at deploy time");
        }
        JsonNode p = parameters.get(name);
        if (p != null) {
            String type = p.path("Type").asText("String");
            JsonNode def = p.get("Default");
            if (type.startsWith("AWS::SSM::Parameter::Value")) {
                return Value.unknown(null, "the SSM parameter " + (def == null ? "" : def.asText() + " ")
                        + "of parameter " + name + ", read at deploy time");
            }
            if (def == null || def.isNull()) {
                return Value.unknown(name, "the parameter " + name + " has no Default");
            }
            if (type.startsWith("List<") || type.equals("CommaDelimitedList")) {
                ArrayNode a = NODES.arrayNode();
                if (def.isArray()) {
                    def.forEach(d -> a.add(d.asText()));
                } else if (!def.asText().isEmpty()) {
                    for (String s : def.asText().split(",", -1)) {
                        a.add(s.trim());
                    }
                }
                return Value.known(a);
            }
            return Value.known(def.isTextual() ? def : NODES.textNode(def.asText()));
        }
        if (resources.has(name)) {
            return Value.unknown(name, "the physical id of resource " + name + ", known only at deploy time");
        }
        return bad(src, "Ref " + quote(name) + " names no parameter, pseudo parameter or resource of this template"
                + " (CloudFormation rejects it: unresolved dependency)");
    }

    private Value getAtt(JsonNode arg, String src) {
        String resource;
        String attribute;
        if (arg != null && arg.isTextual() && arg.asText().contains(".")) {
            resource = arg.asText().substring(0, arg.asText().indexOf('.'));
            attribute = arg.asText().substring(resource.length() + 1);
        } else if (arg != null && arg.isArray() && arg.size() == 2 && arg.get(0).isTextual()) {
            resource = arg.get(0).asText();
            attribute = arg.get(1).isTextual() ? arg.get(1).asText() : "(computed)";
        } else {
            return bad(src, "Fn::GetAtt takes [LogicalId, Attribute] or LogicalId.Attribute");
        }
        if (!resources.has(resource)) {
            return bad(src, "Fn::GetAtt names " + quote(resource) + ", which is not a resource of this template");
        }
        return Value.unknown(resource, "the attribute " + attribute + " of resource " + resource
                + ", known only at deploy time");
    }

    private Value sub(JsonNode arg, String src, int depth) {
        JsonNode template = arg;
        JsonNode vars = NODES.objectNode();
        if (arg != null && arg.isArray() && arg.size() == 2) {
            template = arg.get(0);
            vars = arg.get(1);
        }
        if (template == null || !template.isTextual() || !vars.isObject()) {
            return bad(src, "Fn::Sub takes a string, or [string, {variables}]");
        }
        String s = template.asText();
        StringBuilder known = new StringBuilder();
        List<String> unknown = new ArrayList<>();
        int i = 0;
        int vars0 = 0;
        while (i < s.length()) {
            int start = s.indexOf("${", i);
            if (start < 0) {
                known.append(s, i, s.length());
                break;
            }
            known.append(s, i, start);
            int end = s.indexOf('}', start);
            if (end < 0) {
                known.append(s, start, s.length());
                break;
            }
            String name = s.substring(start + 2, end);
            i = end + 1;
            if (name.startsWith("!")) {
                known.append("${").append(name.substring(1)).append('}');
                continue;
            }
            vars0++;
            Value v;
            if (vars.has(name)) {
                v = eval(vars.get(name), src + "/1/" + JsonPointer.escape(name), depth + 1);
            } else if (name.contains(".") && !PSEUDO.containsKey(name)) {
                ArrayNode ga = NODES.arrayNode().add(name.substring(0, name.indexOf('.')))
                        .add(name.substring(name.indexOf('.') + 1));
                v = getAtt(ga, src);
            } else {
                v = ref(NODES.textNode(name), src);
            }
            if (v.isKnown()) {
                known.append(v.known().asText());
            } else {
                unknown.add(v.reason());
                known.append(v.sample() == null ? name : v.sample());
            }
        }
        if (unknown.isEmpty()) {
            return Value.known(NODES.textNode(known.toString()));
        }
        boolean single = vars0 == 1 && s.startsWith("${") && s.endsWith("}") && s.indexOf("${", 1) < 0;
        return Value.unknown(single ? null : known.toString(), String.join("; ", unknown));
    }

    private Value join(JsonNode arg, String src, int depth) {
        if (arg == null || !arg.isArray() || arg.size() != 2 || !arg.get(0).isTextual()) {
            return bad(src, "Fn::Join takes [delimiter, [values]]");
        }
        Value list = eval(arg.get(1), src + "/1", depth + 1);
        if (!list.isKnown()) {
            return Value.unknown(null, list.reason());
        }
        if (!list.known().isArray()) {
            return bad(src, "the second element of Fn::Join must be a list");
        }
        List<String> parts = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < list.known().size(); i++) {
            Value v = eval(list.known().get(i), src + "/1/" + i, depth + 1);
            if (v.noValue) {
                continue;
            }
            if (v.isKnown()) {
                parts.add(v.known().asText());
            } else {
                unknown.add(v.reason());
                parts.add(v.sample() == null ? "x" : v.sample());
            }
        }
        String joined = String.join(arg.get(0).asText(), parts);
        return unknown.isEmpty() ? Value.known(NODES.textNode(joined))
                : Value.unknown(joined, String.join("; ", unknown));
    }

    private Value select(JsonNode arg, String src, int depth) {
        if (arg == null || !arg.isArray() || arg.size() != 2) {
            return bad(src, "Fn::Select takes [index, [values]]");
        }
        Value index = eval(arg.get(0), src + "/0", depth + 1);
        Value list = eval(arg.get(1), src + "/1", depth + 1);
        if (!index.isKnown() || !list.isKnown()) {
            return Value.unknown(null, !index.isKnown() ? index.reason() : list.reason());
        }
        if (!list.known().isArray() || !index.known().asText().matches("\\d{1,6}")) {
            return bad(src, "Fn::Select takes a whole-number index and a list");
        }
        int i = Integer.parseInt(index.known().asText());
        if (i >= list.known().size()) {
            return bad(src, "Fn::Select index " + i + " is past the end of a list of " + list.known().size());
        }
        return eval(list.known().get(i), src + "/1/" + i, depth + 1);
    }

    private Value split(JsonNode arg, String src, int depth) {
        if (arg == null || !arg.isArray() || arg.size() != 2 || !arg.get(0).isTextual()) {
            return bad(src, "Fn::Split takes [delimiter, string]");
        }
        Value v = eval(arg.get(1), src + "/1", depth + 1);
        if (!v.isKnown()) {
            return Value.unknown(null, v.reason());
        }
        ArrayNode a = NODES.arrayNode();
        for (String s : v.known().asText().split(java.util.regex.Pattern.quote(arg.get(0).asText()), -1)) {
            a.add(s);
        }
        return Value.known(a);
    }

    private Value ifFn(JsonNode arg, String src, int depth) {
        if (arg == null || !arg.isArray() || arg.size() != 3 || !arg.get(0).isTextual()) {
            return bad(src, "Fn::If takes [condition, value if true, value if false]");
        }
        String name = arg.get(0).asText();
        if (!conditions.has(name)) {
            return bad(src, "Fn::If names " + quote(name) + ", which is not a condition of this template");
        }
        Boolean c = condition(name, 0);
        if (c == null) {
            mapping.note(Level.INFO, "cloudformation.condition-assumed", src, null, "Condition " + name
                    + " depends on values known only at deploy time; checked as if it were true");
            c = true;
        }
        int branch = c ? 1 : 2;
        return eval(arg.get(branch), src + "/" + branch, depth + 1);
    }

    private Value findInMap(JsonNode arg, String src, int depth) {
        if (arg == null || !arg.isArray() || arg.size() < 3) {
            return bad(src, "Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]");
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Value k = eval(arg.get(i), src + "/" + i, depth + 1);
            if (!k.isKnown()) {
                return Value.unknown(null, k.reason());
            }
            keys.add(k.known().asText());
        }
        JsonNode v = mappings.path(keys.get(0)).path(keys.get(1)).get(keys.get(2));
        if (v == null) {
            if (arg.size() == 4 && arg.get(3).has("DefaultValue")) {
                return eval(arg.get(3).get("DefaultValue"), src + "/3/DefaultValue", depth + 1);
            }
            return bad(src, "Fn::FindInMap finds nothing at " + String.join(".", keys));
        }
        return Value.known(v);
    }

    /** A condition's value when the template decides it; {@code null} when it depends on deploy-time values. */
    private Boolean condition(String name, int depth) {
        if (conditionCache.containsKey(name)) {
            return conditionCache.get(name);
        }
        conditionCache.put(name, null); // a cycle reads as unknown
        Boolean v = depth > MAX_DEPTH ? null
                : conditionValue(conditions.get(name), JsonPointer.append("/Conditions", name), depth);
        conditionCache.put(name, v);
        return v;
    }

    private Boolean conditionValue(JsonNode n, String src, int depth) {
        if (n == null || !n.isObject() || n.size() != 1) {
            return null;
        }
        String fn = n.fieldNames().next();
        JsonNode arg = n.get(fn);
        switch (fn) {
            case "Condition":
                return arg.isTextual() && conditions.has(arg.asText()) ? condition(arg.asText(), depth + 1) : null;
            case "Fn::Equals": {
                if (!arg.isArray() || arg.size() != 2) {
                    return null;
                }
                Value a = eval(arg.get(0), src, depth + 1);
                Value b = eval(arg.get(1), src, depth + 1);
                return a.isKnown() && b.isKnown() ? a.known().asText().equals(b.known().asText()) : null;
            }
            case "Fn::Not":
                Boolean x = arg.isArray() && arg.size() == 1 ? conditionValue(arg.get(0), src, depth + 1) : null;
                return x == null ? null : !x;
            case "Fn::And":
            case "Fn::Or": {
                boolean and = fn.equals("Fn::And");
                boolean unknown = false;
                for (JsonNode c : arg) {
                    Boolean b = conditionValue(c, src, depth + 1);
                    if (b == null) {
                        unknown = true;
                    } else if (b != and) {
                        return b;
                    }
                }
                return unknown ? null : and;
            }
            default:
                return null;
        }
    }

    private static boolean containsIntrinsic(JsonNode n) {
        if (isIntrinsic(n)) {
            return true;
        }
        for (JsonNode c : n) {
            if (containsIntrinsic(c)) {
                return true;
            }
        }
        return false;
    }

    /** The short YAML form of an intrinsic, for messages: {@code !GetAtt FisRole.Arn}. */
    static String render(JsonNode n) {
        String fn = n.fieldNames().next();
        JsonNode arg = n.get(fn);
        String shortName = fn.startsWith("Fn::") ? fn.substring(4) : fn;
        String text;
        if (fn.equals("Fn::GetAtt") && arg.isArray() && arg.size() == 2) {
            text = arg.get(0).asText() + "." + arg.get(1).asText();
        } else if (arg.isTextual()) {
            text = arg.asText();
        } else {
            text = arg.toString();
        }
        if (text.length() > 80) {
            text = text.substring(0, 77) + "...";
        }
        return "!" + shortName + " " + text;
    }

    private static String describe(JsonNode n) {
        return n.isArray() ? "a list" : n.isNull() ? "null" : "a " + n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }
}
