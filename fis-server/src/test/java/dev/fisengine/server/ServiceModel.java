package dev.fisengine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The FIS service model (botocore's {@code service-2.json}, a copy in test resources) as a checker of response
 * bodies: every member known to the output shape, required members present, each value of the modeled type
 * (timestamps as epoch-second numbers, as {@code rest-json} writes them), enum values among the modeled ones.
 */
final class ServiceModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final ServiceModel FIS = load("/fis-service-model/service-2.json");

    final JsonNode model;

    private ServiceModel(JsonNode model) {
        this.model = model;
    }

    private static ServiceModel load(String resource) {
        try (InputStream in = ServiceModel.class.getResourceAsStream(resource)) {
            return new ServiceModel(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode operation(String name) {
        JsonNode op = model.get("operations").get(name);
        if (op == null) {
            throw new IllegalArgumentException("no operation " + name);
        }
        return op;
    }

    List<String> operationNames() {
        List<String> out = new ArrayList<>();
        model.get("operations").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Problems of a successful response body of {@code operation}; empty when it matches the model. */
    List<String> checkOutput(String operation, String body) {
        String shape = operation(operation).get("output").get("shape").asText();
        return check(shape, body);
    }

    /** Problems of an error body against the modeled exception shape. */
    List<String> checkError(String errorShape, String body) {
        return check(errorShape, body);
    }

    private List<String> check(String shape, String body) {
        List<String> problems = new ArrayList<>();
        try {
            check(shape, JSON.readTree(body), "", problems);
        } catch (IOException e) {
            problems.add("not JSON: " + e.getMessage());
        }
        return problems;
    }

    private void check(String shapeName, JsonNode value, String path, List<String> problems) {
        JsonNode shape = model.get("shapes").get(shapeName);
        String type = shape.get("type").asText();
        String at = path.isEmpty() ? "/" : path;
        switch (type) {
            case "structure" -> {
                if (!value.isObject()) {
                    problems.add(at + ": expected an object (" + shapeName + ")");
                    return;
                }
                JsonNode members = shape.get("members");
                for (Map.Entry<String, JsonNode> e : value.properties()) {
                    JsonNode m = members.get(e.getKey());
                    if (m == null) {
                        problems.add(path + "/" + e.getKey() + ": not a member of " + shapeName);
                    } else if (m.has("location")) {
                        problems.add(path + "/" + e.getKey() + ": is a " + m.get("location").asText()
                                + " member, not a body member");
                    } else if (!e.getValue().isNull()) {
                        check(m.get("shape").asText(), e.getValue(), path + "/" + e.getKey(), problems);
                    } else {
                        problems.add(path + "/" + e.getKey() + ": null (rest-json leaves absent members out)");
                    }
                }
                if (shape.has("required")) {
                    for (JsonNode r : shape.get("required")) {
                        if (!value.has(r.asText()) && !members.get(r.asText()).has("location")) {
                            problems.add(path + "/" + r.asText() + ": required by " + shapeName + " but absent");
                        }
                    }
                }
            }
            case "list" -> {
                if (!value.isArray()) {
                    problems.add(at + ": expected an array (" + shapeName + ")");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(shape.get("member").get("shape").asText(), value.get(i), path + "/" + i, problems);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    problems.add(at + ": expected an object (map " + shapeName + ")");
                    return;
                }
                for (Map.Entry<String, JsonNode> e : value.properties()) {
                    check(shape.get("value").get("shape").asText(), e.getValue(), path + "/" + e.getKey(), problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(at + ": expected a string (" + shapeName + "), got " + value);
                } else if (shape.has("enum")) {
                    boolean ok = false;
                    for (JsonNode v : shape.get("enum")) {
                        ok |= v.asText().equals(value.asText());
                    }
                    if (!ok) {
                        problems.add(at + ": \"" + value.asText() + "\" is not in enum " + shapeName);
                    }
                }
            }
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(at + ": expected an integer (" + shapeName + "), got " + value);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(at + ": expected a boolean (" + shapeName + "), got " + value);
                }
            }
            case "timestamp" -> {
                if (!value.isNumber()) {
                    problems.add(at + ": expected epoch seconds as a number (" + shapeName + "), got " + value);
                }
            }
            default -> problems.add(at + ": unchecked type " + type);
        }
    }
}
