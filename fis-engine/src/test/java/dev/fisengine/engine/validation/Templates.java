package dev.fisengine.engine.validation;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A valid template and small edits to it by JSON Pointer, for rule-by-rule tests. */
final class Templates {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final String VALID = """
            {
              "description": "Stop one web instance, then wait",
              "roleArn": "arn:aws:iam::111122223333:role/fis-experiments",
              "stopConditions": [{"source": "none"}],
              "targets": {
                "web": {"resourceType": "aws:ec2:instance", "resourceTags": {"app": "web"}, "selectionMode": "COUNT(1)"}
              },
              "actions": {
                "Stop": {"actionId": "aws:ec2:stop-instances",
                         "parameters": {"startInstancesAfterDuration": "PT5M"},
                         "targets": {"Instances": "web"}},
                "Wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT1M"}, "startAfter": ["Stop"]}
              },
              "tags": {"team": "payments"}
            }
            """;

    private final ObjectNode root;

    private Templates(ObjectNode root) {
        this.root = root;
    }

    static Templates valid() {
        return of(VALID);
    }

    static Templates of(String json) {
        try {
            return new Templates((ObjectNode) MAPPER.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sets the member at {@code pointer} (its parent must exist) to a JSON value given as text. */
    Templates set(String pointer, String json) {
        try {
            return put(pointer, MAPPER.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** Sets the member at {@code pointer} to a string. */
    Templates str(String pointer, String value) {
        return put(pointer, MAPPER.getNodeFactory().textNode(value));
    }

    Templates remove(String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        if (parent instanceof ObjectNode o) {
            o.remove(p.last().getMatchingProperty());
        } else if (parent instanceof ArrayNode a) {
            a.remove(p.last().getMatchingIndex());
        }
        return this;
    }

    private Templates put(String pointer, JsonNode value) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        if (parent instanceof ObjectNode o) {
            o.set(p.last().getMatchingProperty(), value);
        } else if (parent instanceof ArrayNode a) {
            int i = p.last().getMatchingIndex();
            if (i >= a.size()) {
                a.add(value);
            } else {
                a.set(i, value);
            }
        } else {
            throw new IllegalArgumentException("no parent for " + pointer);
        }
        return this;
    }

    String json() {
        return root.toString();
    }
}
