package dev.fisengine.engine.validation.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisengine.api.validation.JsonPointer;
import dev.fisengine.engine.validation.ValidationCode;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads a JSON document into a Jackson tree under hard limits, reporting every problem as a finding: malformed JSON
 * (with line and column), too large, too deep, duplicate members, trailing content. Never throws.
 */
public final class JsonReader {
    /** The largest document read, in bytes (or characters for a {@code String}): 1 MiB. */
    public static final int MAX_INPUT_BYTES = 1 << 20;
    /** The deepest nesting of objects and arrays accepted. FIS templates are at most 7 levels deep. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** The longest number literal accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH + 1)
                    .maxDocumentLength(4L * MAX_INPUT_BYTES)
                    .maxStringLength(4 * MAX_INPUT_BYTES)
                    .maxNameLength(4 * MAX_INPUT_BYTES)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();

    private final JsonParser parser;
    private final Findings findings;
    private final int maxDepth;

    private JsonReader(JsonParser parser, Findings findings, int maxDepth) {
        this.parser = parser;
        this.findings = findings;
        this.maxDepth = maxDepth;
    }

    /** Reads a whole document; returns the tree, or {@code null} after reporting why it could not be read. */
    public static JsonNode read(String json, Findings findings) {
        if (json.length() > MAX_INPUT_BYTES) {
            findings.add(ValidationCode.JSON_TOO_LARGE, "", tooLarge(json.length() + " characters"));
            return null;
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            return new JsonReader(p, findings, MAX_NESTING_DEPTH).document();
        } catch (IOException e) {
            findings.add(ValidationCode.JSON_MALFORMED, "", "Cannot read the JSON: " + e.getMessage());
            return null;
        }
    }

    /** Reads a whole document from bytes (UTF-8, -16 or -32, detected); see {@link #read(String, Findings)}. */
    public static JsonNode read(byte[] json, int length, Findings findings) {
        if (length > MAX_INPUT_BYTES) {
            findings.add(ValidationCode.JSON_TOO_LARGE, "", tooLarge("more than " + MAX_INPUT_BYTES + " bytes"));
            return null;
        }
        try (JsonParser p = FACTORY.createParser(json, 0, length)) {
            return new JsonReader(p, findings, MAX_NESTING_DEPTH).document();
        } catch (IOException e) {
            findings.add(ValidationCode.JSON_MALFORMED, "", "Cannot read the JSON: " + e.getMessage());
            return null;
        }
    }

    /**
     * Checks that a string parameter value is one JSON document (e.g. {@code documentParameters}); returns
     * {@code null} when it is, else what is wrong.
     */
    public static String syntaxError(String json) {
        Findings local = new Findings();
        try (JsonParser p = FACTORY.createParser(json)) {
            new JsonReader(p, local, 32).document();
        } catch (IOException e) {
            return e.getMessage();
        }
        return local.list().stream()
                .filter(f -> !f.code().equals(ValidationCode.JSON_DUPLICATE_MEMBER.code()))
                .map(f -> f.message())
                .findFirst().orElse(null);
    }

    static String tooLarge(String size) {
        return "The document is too large (" + size + "); the limit is " + MAX_INPUT_BYTES
                + " bytes (1 MiB), far more than any FIS template needs";
    }

    private JsonNode document() {
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                findings.add(ValidationCode.JSON_MALFORMED, "", "The document is empty; expected a JSON object");
                return null;
            }
            JsonNode root = value(t, "", 1);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                findings.add(ValidationCode.JSON_MALFORMED, "", "Malformed JSON at " + where(parser.currentLocation())
                        + ": unexpected content after the end of the document");
                return null;
            }
            return root;
        } catch (TooDeep e) {
            findings.add(ValidationCode.JSON_TOO_DEEP, "", "The JSON is nested deeper than " + maxDepth
                    + " levels (at " + where(e.location) + ")"
                    + (maxDepth == MAX_NESTING_DEPTH ? "; FIS templates are at most 7 levels deep" : ""));
            return null;
        } catch (StreamConstraintsException e) {
            findings.add(ValidationCode.JSON_LIMIT_EXCEEDED, "", "The JSON exceeds a reader limit at "
                    + where(location(e)) + ": " + firstLine(e.getOriginalMessage()));
            return null;
        } catch (JsonProcessingException e) {
            findings.add(ValidationCode.JSON_MALFORMED, "", "Malformed JSON at " + where(location(e)) + ": "
                    + firstLine(e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            findings.add(ValidationCode.JSON_MALFORMED, "", "Cannot read the JSON: " + e.getMessage());
            return null;
        }
    }

    private JsonNode value(JsonToken t, String path, int depth) throws IOException {
        switch (t) {
            case START_OBJECT: {
                if (depth > maxDepth) {
                    throw new TooDeep(parser.currentTokenLocation());
                }
                ObjectNode o = NODES.objectNode();
                while (next() != JsonToken.END_OBJECT) {
                    String name = parser.currentName();
                    String child = JsonPointer.append(path, name);
                    JsonNode v = value(next(), child, depth + 1);
                    if (o.has(name)) {
                        findings.add(ValidationCode.JSON_DUPLICATE_MEMBER, child, "Member " + Text.quote(name)
                                + " appears more than once in this object; only the last one would be used");
                    }
                    o.set(name, v);
                }
                return o;
            }
            case START_ARRAY: {
                if (depth > maxDepth) {
                    throw new TooDeep(parser.currentTokenLocation());
                }
                ArrayNode a = NODES.arrayNode();
                JsonToken n;
                while ((n = next()) != JsonToken.END_ARRAY) {
                    a.add(value(n, JsonPointer.append(path, a.size()), depth + 1));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "Unexpected token " + t);
        }
    }

    private JsonToken next() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw new com.fasterxml.jackson.core.io.JsonEOFException(parser, null,
                    "Unexpected end of input: an object or array is not closed");
        }
        return t;
    }

    private JsonLocation location(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return l != null && l.getLineNr() > 0 ? l : parser.currentLocation();
    }

    static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "an unknown position";
        }
        return String.format(Locale.ROOT, "line %d, column %d", location.getLineNr(), location.getColumnNr());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid syntax";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Signals nesting beyond the limit; caught in {@link #document()}. */
    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient JsonLocation location;

        TooDeep(JsonLocation location) {
            super(null, null, false, false);
            this.location = location;
        }
    }
}
