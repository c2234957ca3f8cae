package dev.fisengine.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisengine.engine.FisEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import dev.fisengine.api.model.SafetyLeverStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real Spring Boot application (web server on 127.0.0.1, SQS on ElasticMQ in this JVM) with the starter: the
 * Actuator endpoint is called over HTTP to start, stop and refuse experiments, and the application's own SDK calls
 * are faulted while an experiment runs.
 */
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "management.endpoints.web.exposure.include=health,fisengine",
            "fisengine.enabled=true",
            "fisengine.templates=classpath:fis/orders-throttle.yaml,classpath:fis/chaos-stack.yaml",
            "fisengine.sdk.role-arn=arn:aws:iam::123456789012:role/order-service",
            "fisengine.seed=7"
        })
class FisEngineEndpointHttpTest {
    private static final ElasticMq SQS = new ElasticMq();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Value("${local.server.port}")
    int port;

    @Autowired
    FisEngine engine;

    @DynamicPropertySource
    static void sqs(DynamicPropertyRegistry registry) {
        registry.add("orders.sqs.endpoint", SQS::endpoint);
    }

    /** Each test leaves the engine as it found it: lever disengaged, nothing running. */
    @AfterEach
    void cleanUp() {
        engine.updateSafetyLeverState(FisEngine.SAFETY_LEVER_ID, SafetyLeverStatus.DISENGAGED, "test ended");
        engine.listExperiments().items().stream()
                .filter(e -> !e.state().status().isTerminal())
                .forEach(e -> engine.stopExperiment(e.id()));
    }

    @AfterAll
    static void stopSqs() {
        SQS.close();
    }

    @Test
    void startFromTheEndpointFaultsTheApplicationsSdkCallsUntilStopped() throws Exception {
        JsonNode overview = get("/actuator/fisengine");
        assertThat(overview.at("/templates/0/name").asText()).isEqualTo("orders-throttle");
        assertThat(overview.at("/templates/1/name").asText()).isEqualTo("OrdersInternalErrors");
        assertThat(overview.at("/safetyLever/status").asText()).isEqualTo("disengaged");

        assertThat(order("o-1")).isEqualTo("202 queued o-1");

        HttpResponse<String> started = post("{\"action\": \"start\", \"template\": \"orders-throttle\"}");
        assertThat(started.statusCode()).isEqualTo(200);
        JsonNode experiment = JSON.readTree(started.body());
        assertThat(experiment.get("status").asText()).isEqualTo("running");
        String id = experiment.get("id").asText();

        assertThat(order("o-2")).startsWith("503 RequestThrottled (HTTP 400) after 2 attempts");
        assertThat(get("/actuator/fisengine/" + id).at("/actions/ThrottleSendMessage/status").asText())
                .isEqualTo("running");

        HttpResponse<String> stopped = post("{\"action\": \"stop\", \"experiment\": \"" + id + "\"}");
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(stopped.body()).get("status").asText()).isIn("stopping", "stopped"); // faults disarmed either way
        assertThat(order("o-3")).isEqualTo("202 queued o-3");
    }

    @Test
    void aCloudFormationTemplateRunsToo() throws Exception {
        HttpResponse<String> started = post("{\"action\": \"start\", \"template\": \"OrdersInternalErrors\"}");
        assertThat(started.statusCode()).isEqualTo(200);
        String id = JSON.readTree(started.body()).get("id").asText();
        assertThat(order("o-4")).startsWith("503 InternalFailure (HTTP 500)");
        assertThat(post("{\"action\": \"stop\", \"experiment\": \"" + id + "\"}").statusCode()).isEqualTo(200);
        assertThat(order("o-5")).isEqualTo("202 queued o-5");
    }

    @Test
    void theLeverStopsRunningExperimentsAndRefusesNewOnes() throws Exception {
        String id = JSON.readTree(post("{\"action\": \"start\", \"template\": \"orders-throttle\"}").body())
                .get("id").asText();
        HttpResponse<String> engaged = post("{\"action\": \"engage-lever\", \"reason\": \"incident 42\"}");
        assertThat(engaged.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(engaged.body()).get("status").asText()).isIn("engaged", "engaging");
        assertThat(engine.getExperiment(id).state().status().isTerminal()).isTrue();
        assertThat(order("o-6")).isEqualTo("202 queued o-6");

        // as in AWS FIS: the experiment is created and cancelled at once, with the lever's reason
        HttpResponse<String> refused = post("{\"action\": \"start\", \"template\": \"orders-throttle\"}");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(refused.body()).get("status").asText()).isEqualTo("cancelled");
        assertThat(refused.body()).contains("incident 42");
        assertThat(order("o-7")).isEqualTo("202 queued o-7");

        assertThat(post("{\"action\": \"disengage-lever\"}").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/fisengine").at("/safetyLever/status").asText()).isEqualTo("disengaged");
    }

    @Test
    void badRequestsAreAnsweredWithoutAStackTrace() throws Exception {
        HttpResponse<String> unknown = post("{\"action\": \"explode\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Unknown action \\\"explode\\\"").doesNotContain("at dev.");
        HttpResponse<String> noTemplate = post("{\"action\": \"start\", \"template\": \"nope\"}");
        assertThat(noTemplate.statusCode()).isEqualTo(404);
        assertThat(noTemplate.body()).contains("nope");
        assertThat(post("{\"action\": \"start\"}").statusCode()).isEqualTo(400);
    }

    private String order(String id) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/orders/" + id))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/actuator/fisengine"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
