package dev.fisengine.engine.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.fisengine.api.validation.JsonPointer;
import dev.fisengine.engine.source.SourceFinding.Level;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads JSON or YAML (Jackson's parsers, SnakeYAML under the YAML one) into a Jackson tree under hard limits,
 * remembering each node's line and column and turning YAML's short-form CloudFormation intrinsics ({@code !Ref X},
 * {@code !GetAtt A.B}, {@code !Sub ...}) into their long form ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["A",
 * "B"]}}, {@code {"Fn::Sub": ...}}). Never throws: problems are notes (syntax errors with line and column, duplicate
 * keys, YAML aliases, limits).
 */
final class TreeReader {
    /** The largest source file read: 16 MiB (Terraform plans of large configurations are big). */
    static final int MAX_SOURCE_BYTES = 16 << 20;
    /** The deepest nesting accepted (Terraform plans nest modules and expressions). */
    static final int MAX_DEPTH = 128;

    private static final String YAML_CORE_TAG = "tag:yaml.org,2002:";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH + 1)
            .maxDocumentLength(MAX_SOURCE_BYTES)
            .maxStringLength(MAX_SOURCE_BYTES)
            .maxNumberLength(100)
            .build();
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS).build();
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .streamReadConstraints(LIMITS)
            .loaderOptions(loaderOptions())
            .build();

    /** A parsed document: its tree ({@code null} when it could not be read), locations and problems. */
    record Parsed(JsonNode root, Locations locations, List<Note> notes) {
        boolean ok() {
            return root != null && notes.stream().noneMatch(n -> n.level() == Level.ERROR);
        }
    }

    private final JsonParser parser;
    private final Locations locations = new Locations();
    private final List<Note> notes = new ArrayList<>();
    private final boolean yaml;

    private TreeReader(JsonParser parser, boolean yaml) {
        this.parser = parser;
        this.yaml = yaml;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(MAX_SOURCE_BYTES);
        o.setMaxAliasesForCollections(0);
        o.setNestingDepthLimit(MAX_DEPTH + 1);
        return o;
    }

    static Parsed json(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            return new TreeReader(p, false).document();
        } catch (IOException e) {
            return failed("Cannot read the JSON: " + e.getMessage(), null);
        }
    }

    static Parsed yaml(String text) {
        try (JsonParser p = YAML.createParser(text)) {
            return new TreeReader(p, true).document();
        } catch (IOException | RuntimeException e) {
            return failed("Cannot read the YAML: " + firstLine(e.getMessage()), null);
        }
    }

    private static Parsed failed(String message, JsonLocation at) {
        List<Note> notes = new ArrayList<>();
        notes.add(new Note(Level.ERROR, "source.malformed", "", null, message,
                at == null ? 0 : Math.max(0, at.getLineNr()), at == null ? 0 : Math.max(0, at.getColumnNr())));
        return new Parsed(null, new Locations(), notes);
    }

    private Parsed document() {
        String what = yaml ? "YAML" : "JSON";
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                return failed("The document is empty", null);
            }
            JsonNode root = value(t, "", 1);
            if (parser.nextToken() != null) {
                return failed("Malformed " + what + ": unexpected content after the end of the document"
                        + (yaml ? " (several YAML documents in one file are not supported)" : ""),
                        parser.currentTokenLocation());
            }
            return new Parsed(root, locations, notes);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            return failed("Malformed " + what + ": " + firstLine(e.getOriginalMessage()), l);
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports syntax errors as its own runtime exceptions (with the position in the message)
            return failed("Malformed " + what + ": " + firstLine(e.getMessage()), parser.currentLocation());
        }
    }

    private JsonNode value(JsonToken t, String path, int depth) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        locations.put(path, at.getLineNr(), at.getColumnNr());
        String tag = yaml ? tag() : null;
        if (yaml && ((YAMLParser) parser).isCurrentAlias()) {
            notes.add(new Note(Level.ERROR, "source.yaml-alias", path, null, "YAML alias *" + parser.getText()
                    + " is not supported (CloudFormation does not expand them); write the value out",
                    at.getLineNr(), at.getColumnNr()));
            return NODES.nullNode();
        }
        if (tag != null) {
            return intrinsic(tag, t, path, depth, at);
        }
        return plain(t, path, depth);
    }

    /** A YAML short-form intrinsic: {@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !Sub s} {@code {"Fn::Sub": s}}. */
    private JsonNode intrinsic(String tag, JsonToken t, String path, int depth, JsonLocation at) throws IOException {
        String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
        String inner = JsonPointer.append(path, name);
        locations.put(inner, at.getLineNr(), at.getColumnNr());
        JsonNode v = plain(t, inner, depth + 1);
        if (tag.equals("GetAtt") && v.isTextual()) {
            String s = v.asText();
            int dot = s.indexOf('.');
            ArrayNode a = NODES.arrayNode();
            if (dot > 0) {
                a.add(s.substring(0, dot)).add(s.substring(dot + 1));
            } else {
                a.add(s);
            }
            v = a;
        }
        ObjectNode o = NODES.objectNode();
        o.set(name, v);
        return o;
    }

    private String tag() throws IOException {
        Object id = parser.getTypeId();
        String tag = id == null ? null : id.toString();
        if (tag == null || tag.startsWith(YAML_CORE_TAG) || tag.isEmpty()) {
            return null;
        }
        return tag;
    }

    private JsonNode plain(JsonToken t, String path, int depth) throws IOException {
        switch (t) {
            case START_OBJECT: {
                tooDeep(depth);
                ObjectNode o = NODES.objectNode();
                JsonToken n;
                while ((n = next()) != JsonToken.END_OBJECT) {
                    if (n != JsonToken.FIELD_NAME) {
                        throw new com.fasterxml.jackson.core.JsonParseException(parser, "Expected a key, got " + n);
                    }
                    String key = parser.currentName();
                    String child = JsonPointer.append(path, key);
                    JsonLocation keyAt = parser.currentTokenLocation();
                    JsonNode v = value(next(), child, depth + 1);
                    if (o.has(key)) {
                        notes.add(new Note(Level.ERROR, "source.duplicate-key", child, null, "Key \"" + key
                                + "\" appears more than once in this mapping; only the last one would be used",
                                keyAt.getLineNr(), keyAt.getColumnNr()));
                    }
                    o.set(key, v);
                }
                return o;
            }
            case START_ARRAY: {
                tooDeep(depth);
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
                return NODES.numberNode(parser.getDecimalValue());
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

    private void tooDeep(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser,
                    "nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private JsonToken next() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw new com.fasterxml.jackson.core.io.JsonEOFException(parser, null,
                    "Unexpected end of input: a mapping or list is not closed");
        }
        return t;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "invalid syntax";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
