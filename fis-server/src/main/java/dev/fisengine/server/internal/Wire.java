package dev.fisengine.server.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.validation.Finding;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * JSON as FIS's {@code rest-json} protocol writes it: timestamps as epoch seconds (a JSON number with millisecond
 * fraction), absent members left out, unknown request members rejected with the JSON path.
 */
public final class Wire {
    /** The mapper for responses and request bodies. */
    public static final ObjectMapper JSON = JsonMapper.builder(new com.fasterxml.jackson.core.JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(new SimpleModule("fis-rest-json").addSerializer(Instant.class, new EpochSeconds()))
            .build();

    private Wire() {}

    /** Reads a request body (empty means {@code {}}) as {@code type}; bad JSON is a {@link ValidationException}. */
    public static <T> T read(byte[] body, Class<T> type) {
        try {
            return JSON.readValue(body.length == 0 ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8) : body,
                    type);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** Reads a request body as a tree (empty means {@code {}}); it must be an object. */
    public static JsonNode tree(byte[] body) {
        JsonNode n = read(body, JsonNode.class);
        if (n == null || !n.isObject()) {
            throw ValidationException.of(List.of(Finding.error("json.malformed", "",
                    "the request body must be a JSON object")));
        }
        return n;
    }

    /** A {@link ValidationException} naming the JSON path and the problem, without parser internals. */
    static ValidationException invalid(IOException e) {
        String path = "";
        if (e instanceof JsonMappingException m) {
            StringBuilder p = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                p.append('/').append(r.getFieldName() != null ? r.getFieldName().replace("~", "~0").replace("/", "~1")
                        : String.valueOf(r.getIndex()));
            }
            path = p.toString();
        }
        String what = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (what == null) {
            what = e.getClass().getSimpleName();
        }
        int cut = what.indexOf(" (for ");
        if (cut < 0) {
            cut = what.indexOf("\n");
        }
        if (cut > 0) {
            what = what.substring(0, cut);
        }
        if (what.length() > 300) {
            what = what.substring(0, 300) + "...";
        }
        String code = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException
                ? "request.unknown-member" : e instanceof JsonMappingException ? "request.invalid-value"
                : "json.malformed";
        return ValidationException.of(List.of(Finding.error(code, path, what)));
    }

    /** {@code 1700000000.123}: seconds since the epoch, as the {@code rest-json} protocol writes timestamps. */
    static final class EpochSeconds extends StdSerializer<Instant> {
        EpochSeconds() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(BigDecimal.valueOf(value.toEpochMilli(), 3));
        }
    }
}
