package dev.fisengine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisengine.engine.Quotas;
import dev.fisengine.engine.plugins.Plugins;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.ValidationException;

/**
 * What a careless or hostile client sends: oversized bodies, wrong content types, malformed JSON, unknown routes,
 * wrong methods, a thousand requests at once. Each gets the modeled error (never a stack trace) and the server keeps
 * serving. Raw requests use the JDK's {@link HttpClient}; the SDK cannot be made to send them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    static final ObjectMapper JSON = new ObjectMapper();

    final ServerFixture fx = new ServerFixture(Plugins.discovered(), Quotas.defaults(), b -> b.maxBodyBytes(64 * 1024));
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    void close() {
        fx.close();
    }

    HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.endpoint() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertModeledError(HttpResponse<String> r, int status, String type, String messagePart)
            throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get("message").asText()).contains(messagePart).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void oversizedBodyThroughTheSdkIsAValidationException() {
        try (FisClient fis = fx.client()) {
            String huge = "x".repeat(100 * 1024);
            assertThatThrownBy(() -> fis.createExperimentTemplate(FisClientTest.waitTemplate(huge,
                    software.amazon.awssdk.services.fis.model.AccountTargeting.SINGLE_ACCOUNT)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("too large").contains("65536");
                    });
            assertThat(fis.getSafetyLever(r -> r.id("default")).safetyLever().id()).isEqualTo("default");
        }
    }

    @Test
    void oversizedChunkedBodyIsCutOffAtTheCap() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(fx.endpoint() + "/experimentTemplates"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        ("{\"description\":\"" + "y".repeat(200 * 1024) + "\"}").getBytes())))
                .build();
        assertModeledError(http.send(r, HttpResponse.BodyHandlers.ofString()), 400, "ValidationException",
                "too large");
    }

    @Test
    void malformedJsonAndWrongTypesNameThePlace() throws Exception {
        assertModeledError(send("POST", "/experiments", "application/json", "{\"experimentTemplateId\": "), 400,
                "ValidationException", "");
        assertModeledError(send("POST", "/experiments", "application/json", "[1,2]"), 400,
                "ValidationException", "");
        assertModeledError(send("POST", "/experiments", "application/json",
                "{\"experimentTemplateId\": \"EXT1\", \"bogus\": 1}"), 400, "ValidationException", "bogus");
        assertModeledError(send("PATCH", "/safetyLevers/default/state", "application/json",
                "{\"state\": {\"status\": \"sideways\", \"reason\": \"x\"}}"), 400, "ValidationException", "/status");
        assertModeledError(send("POST", "/tags/" + "arn%3Aaws%3Afis%3Aus-east-1%3A123456789012%3Aexperiment%2FX",
                "application/json", "{\"tags\": {\"a\": 1}}"), 400, "ValidationException", "/tags/a");
        assertModeledError(send("POST", "/experimentTemplates", "application/json", "{\"description\": 5}"), 400,
                "ValidationException", "description");
        assertModeledError(send("GET", "/experimentTemplates?maxResults=abc", null, null), 400,
                "ValidationException", "abc");
        assertModeledError(send("GET", "/experimentTemplates?maxResults=0", null, null), 400,
                "ValidationException", "maxResults");
    }

    @Test
    void wrongContentTypeIsRefused() throws Exception {
        assertModeledError(send("POST", "/experiments", "application/xml", "<x/>"), 400, "ValidationException",
                "application/xml");
        assertModeledError(send("POST", "/experiments", "text/plain", "{}"), 400, "ValidationException",
                "text/plain");
    }

    @Test
    void pingAnswersWithoutTheEngine() throws Exception {
        HttpResponse<String> r = send("GET", "/_fisengine/ping", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{}");
        assertModeledError(send("POST", "/_fisengine/ping", "application/json", "{}"), 404,
                "ResourceNotFoundException", "POST /_fisengine/ping");
    }

    @Test
    void unknownRoutesAndMethods() throws Exception {
        assertModeledError(send("GET", "/nope", null, null), 404, "ResourceNotFoundException", "GET /nope");
        assertModeledError(send("GET", "/", null, null), 404, "ResourceNotFoundException", "GET /");
        assertModeledError(send("GET", "/experiments/a/b/c", null, null), 404, "ResourceNotFoundException", "");
        assertModeledError(send("PUT", "/experiments", "application/json", "{}"), 400, "ValidationException",
                "GET, POST");
    }

    @Test
    void aThousandConcurrentRequestsAreEachAnsweredCorrectly() throws Exception {
        HttpClient many = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int kind = i % 4;
            String path = switch (kind) {
                case 0 -> "/safetyLevers/default";
                case 1 -> "/actions/aws%3Afis%3Await";
                case 2 -> "/experiments/EXPmissing" + i;
                default -> "/experimentTemplates?maxResults=1";
            };
            HttpRequest r = HttpRequest.newBuilder(URI.create(fx.endpoint() + path)).timeout(Duration.ofSeconds(60))
                    .GET().build();
            all.add(many.sendAsync(r, HttpResponse.BodyHandlers.ofString()).thenAccept(resp -> {
                try {
                    JsonNode body = JSON.readTree(resp.body());
                    switch (kind) {
                        case 0 -> assertThat(body.at("/safetyLever/id").asText()).isEqualTo("default");
                        case 1 -> assertThat(body.at("/action/id").asText()).isEqualTo("aws:fis:wait");
                        case 2 -> {
                            assertThat(resp.statusCode()).isEqualTo(404);
                            assertThat(body.get("message").asText()).contains("EXPmissing");
                        }
                        default -> assertThat(body.has("experimentTemplates")).isTrue();
                    }
                    if (kind != 2) {
                        assertThat(resp.statusCode()).isEqualTo(200);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, java.util.concurrent.TimeUnit.SECONDS);
        try (FisClient fis = fx.client()) {
            assertThat(fis.listActions(r -> r.maxResults(1)).actions()).hasSize(1);
        }
    }
}
