package dev.fisengine.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The example as a user runs it (its own application.properties, ElasticMQ started by the application), only on a
 * random port: an experiment started from the Actuator endpoint faults the service's SQS calls, and stopping it ends
 * the faults.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrdersApplicationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Test
    void anExperimentStartedFromTheActuatorEndpointFaultsTheServicesSqsCalls() throws Exception {
        assertThat(send("POST", "/orders/o-1", null).get("queued").asBoolean()).isTrue();

        JsonNode experiment = send("POST", "/actuator/fisengine",
                "{\"action\": \"start\", \"template\": \"orders-throttle\"}");
        assertThat(experiment.get("status").asText()).isEqualTo("running");

        JsonNode refused = send("POST", "/orders/o-2", null);
        assertThat(refused.get("queued").asBoolean()).isFalse();
        assertThat(refused.get("error").asText()).isEqualTo("RequestThrottled");
        assertThat(refused.get("attempts").asInt()).isEqualTo(4); // the first and the SDK's 3 retries, all throttled

        JsonNode stopped = send("POST", "/actuator/fisengine",
                "{\"action\": \"stop\", \"experiment\": \"" + experiment.get("id").asText() + "\"}");
        assertThat(stopped.get("status").asText()).isIn("stopping", "stopped");
        assertThat(send("POST", "/orders/o-3", null).get("queued").asBoolean()).isTrue();

        JsonNode overview = send("GET", "/actuator/fisengine", null);
        assertThat(overview.at("/templates/1/name").asText()).isEqualTo("OrdersInternalErrors");
        assertThat(overview.at("/experiments/0/id").asText()).isEqualTo(experiment.get("id").asText());
    }

    private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isIn(200, 202, 503);
        return JSON.readTree(r.body());
    }
}
