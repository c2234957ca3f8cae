package dev.fisengine.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fisengine.api.exception.FisException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.model.SafetyLeverStatus;
import dev.fisengine.api.model.StartExperimentRequest;
import dev.fisengine.api.model.UpdateExperimentTemplateRequest;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Page;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FIS {@code rest-json} API (2020-12-01) in one place: the 26 operations' methods and paths, their URI, query and
 * body members, status codes and the modeled errors; every operation delegates to one {@link FisEngine} method.
 * Independent of the HTTP server: {@link #handle} takes a parsed request and never throws.
 */
public final class FisRestApi {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.server");
    /** Content types a JSON body may have ({@code rest-json} clients send {@code application/json}). */
    private static final Set<String> JSON_TYPES = Set.of("application/json", "application/x-amz-json-1.0",
            "application/x-amz-json-1.1", "binary/octet-stream");

    /** An HTTP request: the raw (still percent-encoded) path and query, lower-case header names. */
    public record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {
        public String header(String lowerCaseName) {
            List<String> v = headers.get(lowerCaseName);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** An HTTP response with a JSON body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {}

    /**
     * A liveness check outside the FIS API (no signature, no engine call): {@code GET /_fisengine/ping} answers
     * {@code {}}. Also the baseline of the server benchmark: the same server without the FIS mapping.
     */
    public static final String PING_PATH = "/_fisengine/ping";
    private static final byte[] PING_BODY = "{}".getBytes(StandardCharsets.UTF_8);

    @FunctionalInterface
    private interface Operation {
        Object call(Call c) throws Exception;
    }

    private record Route(String method, String[] pattern, String name, Operation op) {}

    private final FisEngine engine;
    private final SigV4Verifier verifier;
    private final List<Route> routes = new ArrayList<>();

    public FisRestApi(FisEngine engine, SigV4Verifier verifier) {
        this.engine = engine;
        this.verifier = verifier;
        // templates
        route("POST", "/experimentTemplates", "CreateExperimentTemplate",
                c -> Map.of("experimentTemplate", withCount(engine.createExperimentTemplate(c.bodyText()))));
        route("GET", "/experimentTemplates", "ListExperimentTemplates",
                c -> page("experimentTemplates", engine.listExperimentTemplates(c.maxResults(), c.query("nextToken"))));
        route("GET", "/experimentTemplates/{id}", "GetExperimentTemplate",
                c -> Map.of("experimentTemplate", withCount(engine.getExperimentTemplate(c.uri("id")))));
        route("PATCH", "/experimentTemplates/{id}", "UpdateExperimentTemplate",
                c -> Map.of("experimentTemplate", withCount(engine.updateExperimentTemplate(c.uri("id"),
                        c.body(UpdateExperimentTemplateRequest.class)))));
        route("DELETE", "/experimentTemplates/{id}", "DeleteExperimentTemplate", c -> {
            String id = c.uri("id");
            long count = engine.targetAccountConfigurationsCount(id);
            return Map.of("experimentTemplate", withCount(engine.deleteExperimentTemplate(id), count));
        });
        // target account configurations
        String tac = "/experimentTemplates/{id}/targetAccountConfigurations";
        route("GET", tac, "ListTargetAccountConfigurations", c -> page("targetAccountConfigurations",
                engine.listTargetAccountConfigurations(c.uri("id"), c.maxResults(), c.query("nextToken"))));
        route("POST", tac + "/{accountId}", "CreateTargetAccountConfiguration", c -> {
            JsonNode b = c.tree(Set.of("clientToken", "roleArn", "description"));
            return Map.of("targetAccountConfiguration", engine.createTargetAccountConfiguration(c.uri("id"),
                    c.uri("accountId"), text(b, "roleArn"), text(b, "description"), text(b, "clientToken")));
        });
        route("GET", tac + "/{accountId}", "GetTargetAccountConfiguration", c -> Map.of("targetAccountConfiguration",
                engine.getTargetAccountConfiguration(c.uri("id"), c.uri("accountId"))));
        route("PATCH", tac + "/{accountId}", "UpdateTargetAccountConfiguration", c -> {
            JsonNode b = c.tree(Set.of("roleArn", "description"));
            return Map.of("targetAccountConfiguration", engine.updateTargetAccountConfiguration(c.uri("id"),
                    c.uri("accountId"), text(b, "roleArn"), text(b, "description")));
        });
        route("DELETE", tac + "/{accountId}", "DeleteTargetAccountConfiguration", c -> Map.of(
                "targetAccountConfiguration", engine.deleteTargetAccountConfiguration(c.uri("id"), c.uri("accountId"))));
        // experiments
        route("POST", "/experiments", "StartExperiment",
                c -> Map.of("experiment", withCount(engine.startExperiment(c.body(StartExperimentRequest.class)))));
        route("GET", "/experiments", "ListExperiments", c -> page("experiments",
                engine.listExperiments(c.maxResults(), c.query("nextToken"), c.query("experimentTemplateId"))));
        route("GET", "/experiments/{id}", "GetExperiment",
                c -> Map.of("experiment", withCount(engine.getExperiment(c.uri("id")))));
        route("DELETE", "/experiments/{id}", "StopExperiment",
                c -> Map.of("experiment", withCount(engine.stopExperiment(c.uri("id")))));
        route("GET", "/experiments/{id}/resolvedTargets", "ListExperimentResolvedTargets",
                c -> page("resolvedTargets", engine.listExperimentResolvedTargets(c.uri("id"), c.maxResults(),
                        c.query("nextToken"), c.query("targetName"))));
        route("GET", "/experiments/{id}/targetAccountConfigurations", "ListExperimentTargetAccountConfigurations",
                c -> page("targetAccountConfigurations",
                        engine.listExperimentTargetAccountConfigurations(c.uri("id"), c.query("nextToken"))));
        route("GET", "/experiments/{id}/targetAccountConfigurations/{accountId}",
                "GetExperimentTargetAccountConfiguration", c -> Map.of("targetAccountConfiguration",
                        engine.getExperimentTargetAccountConfiguration(c.uri("id"), c.uri("accountId"))));
        // catalog
        route("GET", "/actions", "ListActions",
                c -> page("actions", engine.listActions(c.maxResults(), c.query("nextToken"))));
        route("GET", "/actions/{id}", "GetAction", c -> Map.of("action", engine.getAction(c.uri("id"))));
        route("GET", "/targetResourceTypes", "ListTargetResourceTypes",
                c -> page("targetResourceTypes", engine.listTargetResourceTypes(c.maxResults(), c.query("nextToken"))));
        route("GET", "/targetResourceTypes/{resourceType}", "GetTargetResourceType",
                c -> Map.of("targetResourceType", engine.getTargetResourceType(c.uri("resourceType"))));
        // tags
        route("GET", "/tags/{resourceArn}", "ListTagsForResource",
                c -> Map.of("tags", engine.listTagsForResource(c.uri("resourceArn"))));
        route("POST", "/tags/{resourceArn}", "TagResource", c -> {
            JsonNode b = c.tree(Set.of("tags"));
            if (b.get("tags") == null || !b.get("tags").isObject()) {
                throw missing("/tags", "tags (an object of tag keys and values) is required");
            }
            Map<String, String> tags = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : b.get("tags").properties()) {
                tags.put(e.getKey(), stringValue(e.getValue(), "/tags/" + e.getKey()));
            }
            engine.tagResource(c.uri("resourceArn"), tags);
            return Map.of();
        });
        route("DELETE", "/tags/{resourceArn}", "UntagResource", c -> {
            engine.untagResource(c.uri("resourceArn"), c.queryAll("tagKeys"));
            return Map.of();
        });
        // safety lever
        route("GET", "/safetyLevers/{id}", "GetSafetyLever",
                c -> Map.of("safetyLever", engine.getSafetyLever(c.uri("id"))));
        route("PATCH", "/safetyLevers/{id}/state", "UpdateSafetyLeverState", c -> {
            JsonNode b = c.tree(Set.of("state"));
            JsonNode state = b.get("state");
            if (state == null || !state.isObject()) {
                throw missing("/state", "state ({\"status\": ..., \"reason\": ...}) is required");
            }
            StateInput in = Wire.JSON.treeToValue(state, StateInput.class);
            return Map.of("safetyLever", engine.updateSafetyLeverState(c.uri("id"), in.status(), in.reason()));
        });
    }

    /** The body of {@code UpdateSafetyLeverState}'s {@code state}. */
    record StateInput(SafetyLeverStatus status, String reason) {}

    /** The operation names, in the order the routes were declared (26). */
    public List<String> operationNames() {
        return routes.stream().map(Route::name).toList();
    }

    /** Handles one request; never throws: failures become the modeled error responses. */
    public Response handle(Request request) {
        String op = "?";
        try {
            if (PING_PATH.equals(request.rawPath()) && "GET".equals(request.method())) {
                return new Response(200, new LinkedHashMap<>(Map.of("Content-Type", "application/json")), PING_BODY);
            }
            SigV4Verifier.Failure denied = verifier.verify(request);
            if (denied != null) {
                return error(403, denied.code(), denied.message());
            }
            List<String> segments = segments(request.rawPath());
            Set<String> allowed = new java.util.TreeSet<>();
            for (Route r : routes) {
                Map<String, String> uri = match(r.pattern, segments);
                if (uri == null) {
                    continue;
                }
                if (!r.method.equals(request.method())) {
                    allowed.add(r.method);
                    continue;
                }
                op = r.name;
                checkContentType(request);
                Object result = r.op.call(new Call(request, uri));
                return json(200, result);
            }
            if (!allowed.isEmpty()) {
                return error(400, "ValidationException", request.method() + " " + request.rawPath()
                        + " is not a FIS operation; this path accepts " + String.join(", ", allowed));
            }
            return error(404, "ResourceNotFoundException", "No FIS operation at " + request.method() + " "
                    + request.rawPath());
        } catch (FisException e) {
            return error(e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (JsonProcessingException e) {
            ValidationException v = Wire.invalid(e);
            return error(v.httpStatus(), v.errorCode(), v.getMessage());
        } catch (IllegalArgumentException e) {
            return error(400, "ValidationException", e.getMessage());
        } catch (dev.fisengine.engine.EngineStoreException e) {
            LOG.error("{} refused: {}", op, e.getMessage());
            return error(500, "InternalServerException", e.getMessage());
        } catch (IllegalStateException e) {
            LOG.warn("{} refused: {}", op, e.getMessage());
            return error(503, "ServiceUnavailableException", e.getMessage());
        } catch (Exception | StackOverflowError e) {
            LOG.error("{} failed", op, e);
            return error(500, "InternalServerException", "The server failed to handle " + op + " ("
                    + e.getClass().getSimpleName() + "); see the server log.");
        }
    }

    /** A modeled error: {@code x-amzn-ErrorType} header and {@code {"message": ...}}. */
    public static Response error(int status, String code, String message) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("message", message == null ? code : message);
        Response r = json(status, m);
        r.headers().put("x-amzn-ErrorType", code);
        return r;
    }

    private static Response json(int status, Object body) {
        byte[] bytes;
        try {
            bytes = Wire.JSON.writeValueAsBytes(body == null ? Map.of() : body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the response", e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new Response(status, headers, bytes);
    }

    // ------------------------------------------------------------------------------------------------ mapping

    private ExperimentTemplate withCount(ExperimentTemplate t) {
        return withCount(t, engine.targetAccountConfigurationsCount(t.id()));
    }

    private static ExperimentTemplate withCount(ExperimentTemplate t, long count) {
        return new ExperimentTemplate(t.id(), t.arn(), t.description(), t.targets(), t.actions(), t.stopConditions(),
                t.creationTime(), t.lastUpdateTime(), t.roleArn(), t.tags(), t.logConfiguration(),
                t.experimentOptions(), count, t.experimentReportConfiguration());
    }

    private Experiment withCount(Experiment e) {
        return new Experiment(e.id(), e.arn(), e.experimentTemplateId(), e.roleArn(), e.state(), e.targets(),
                e.actions(), e.stopConditions(), e.creationTime(), e.startTime(), e.endTime(), e.tags(),
                e.logConfiguration(), e.experimentOptions(), engine.targetAccountConfigurationsCount(e),
                e.experimentReportConfiguration());
    }

    private static Map<String, Object> page(String member, Page<?> page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(member, page.items());
        if (page.nextToken() != null) {
            m.put("nextToken", page.nextToken());
        }
        return m;
    }

    private static String text(JsonNode body, String member) {
        JsonNode n = body.get(member);
        return n == null || n.isNull() ? null : stringValue(n, "/" + member);
    }

    private static String stringValue(JsonNode n, String path) {
        if (!n.isTextual()) {
            throw ValidationException.of(List.of(Finding.error("request.invalid-value", path,
                    "expected a string, not " + n.getNodeType().name().toLowerCase(Locale.ROOT))));
        }
        return n.asText();
    }

    private static ValidationException missing(String path, String message) {
        return ValidationException.of(List.of(Finding.error("request.missing-member", path, message)));
    }

    private static void checkContentType(Request request) {
        if (request.body().length == 0) {
            return;
        }
        String type = request.header("content-type");
        String base = type == null ? null : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (base != null && !JSON_TYPES.contains(base)) {
            throw new ValidationException("Content-Type " + type + " is not supported; send application/json.");
        }
    }

    // ------------------------------------------------------------------------------------------------ routing

    private void route(String method, String path, String name, Operation op) {
        routes.add(new Route(method, path.substring(1).split("/"), name, op));
    }

    private static List<String> segments(String rawPath) {
        String p = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        List<String> out = new ArrayList<>();
        for (String s : p.substring(p.startsWith("/") ? 1 : 0).split("/", -1)) {
            out.add(s);
        }
        if (out.size() > 1 && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1); // a trailing slash
        }
        return out;
    }

    private static Map<String, String> match(String[] pattern, List<String> segments) {
        if (pattern[0].equals("tags") && segments.size() >= 2 && segments.get(0).equals("tags")) {
            // {resourceArn}: clients percent-encode its slashes, but take an unencoded ARN too
            return Map.of("resourceArn", decode(String.join("/", segments.subList(1, segments.size()))));
        }
        if (pattern.length != segments.size()) {
            return null;
        }
        Map<String, String> uri = null;
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            String s = segments.get(i);
            if (p.startsWith("{")) {
                String v = decode(s);
                if (v.isEmpty()) {
                    return null;
                }
                if (uri == null) {
                    uri = new TreeMap<>();
                }
                uri.put(p.substring(1, p.length() - 1), v);
            } else if (!p.equals(s)) {
                return null;
            }
        }
        return uri == null ? Map.of() : uri;
    }

    static String decode(String s) {
        return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s.replace("+", "%2B"),
                StandardCharsets.UTF_8);
    }

    /** One call: the request with its URI members. */
    private static final class Call {
        private final Request request;
        private final Map<String, String> uri;
        private Map<String, List<String>> query;

        Call(Request request, Map<String, String> uri) {
            this.request = request;
            this.uri = uri;
        }

        String uri(String name) {
            return uri.get(name);
        }

        String query(String name) {
            List<String> v = queryAll(name);
            return v.isEmpty() ? null : v.get(0);
        }

        List<String> queryAll(String name) {
            if (query == null) {
                query = Query.parse(request.rawQuery());
            }
            return query.getOrDefault(name, List.of());
        }

        Integer maxResults() {
            String v = query("maxResults");
            if (v == null) {
                return null;
            }
            try {
                return Integer.valueOf(v);
            } catch (NumberFormatException e) {
                throw ValidationException.of(List.of(Finding.error("request.max-results", "/maxResults",
                        "\"" + v + "\" is not an integer")));
            }
        }

        String bodyText() {
            return request.body().length == 0 ? "{}" : new String(request.body(), StandardCharsets.UTF_8);
        }

        <T> T body(Class<T> type) {
            return Wire.read(request.body(), type);
        }

        JsonNode tree(Set<String> members) {
            JsonNode b = Wire.tree(request.body());
            List<Finding> unknown = new ArrayList<>();
            b.fieldNames().forEachRemaining(n -> {
                if (!members.contains(n)) {
                    unknown.add(Finding.error("request.unknown-member", "/" + n, "unknown member \"" + n
                            + "\"; expected one of " + new java.util.TreeSet<>(members)));
                }
            });
            if (!unknown.isEmpty()) {
                throw ValidationException.of(unknown);
            }
            return b;
        }
    }
}
