package dev.fisengine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fisengine.api.spi.FaultBroadcast;
import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.aws.sdk.RemoteFaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.FisException;

/**
 * A JVM connected to a {@link FisServer} for API faults (here the connection is in-process, over real HTTP on
 * 127.0.0.1; fis-cli's {@code MultiJvmTest} runs it across three JVMs): an experiment started through the FIS API arms
 * its throttle in the connected JVM, whose instrumented client (a real {@code FisClient}, calling this same server)
 * is throttled; when {@code StopExperiment} returns the connected JVM has already disarmed and the action's counters
 * include the connected JVM's; closing the server disarms it at once; a JVM whose roles are not targeted gets nothing.
 */
class RemoteJvmTest {
    static final String APP = "arn:aws:iam::123456789012:role/app";
    static final String OTHER = "arn:aws:iam::123456789012:role/other";
    static final String TEMPLATE = """
            {"description": "throttle the app's ListActions", "roleArn": "arn:aws:iam::123456789012:role/fis",
             "stopConditions": [{"source": "none"}],
             "targets": {"App": {"resourceType": "aws:iam:role", "resourceArns": ["%s"], "selectionMode": "ALL"}},
             "actions": {"throttle": {"actionId": "aws:fis:inject-api-throttle-error",
               "parameters": {"service": "fis", "operations": "ListActions", "percentage": "100", "duration": "PT10M"},
               "targets": {"Roles": "App"}}}}""".formatted(APP);

    private final ServerFixture f = new ServerFixture();
    private final RemoteFaults app = FisSdk.connect(f.endpoint(), APP);
    private final RemoteFaults other = FisSdk.connect(f.endpoint(), OTHER);
    private final FisClient admin = f.client();
    private final FisClient appClient = FisSdk.instrument(FisClient.builder().endpointOverride(f.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
            .httpClient(Apache5HttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())), app, APP).build();

    @AfterEach
    void close() {
        appClient.close();
        admin.close();
        app.close();
        other.close();
        f.close();
    }

    private String start() {
        String templateId = f.engine.createExperimentTemplate(TEMPLATE).id();
        return admin.startExperiment(r -> r.experimentTemplateId(templateId)).experiment().id();
    }

    @Test
    void anExperimentStartedThroughTheApiThrottlesTheConnectedJvmUntilStopExperimentReturns() throws Exception {
        assertThat(app.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(other.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(f.server.connectedJvms()).isEqualTo(2);
        appClient.listActions(r -> { }); // nothing armed

        String experimentId = start();
        await().atMost(Duration.ofSeconds(5)).until(() -> app.armedRules() == 1);
        assertThatThrownBy(() -> appClient.listActions(r -> { })).isInstanceOfSatisfying(FisException.class,
                e -> assertThat(e.isThrottlingException()).isTrue());
        assertThatThrownBy(() -> appClient.listActions(r -> { })).isInstanceOf(FisException.class);
        admin.listActions(r -> { }); // not instrumented
        assertThat(other.armedRules()).isZero(); // its role is not targeted: never sent

        admin.stopExperiment(r -> r.id(experimentId));
        // no wait: StopExperiment returned after the connected JVM confirmed the disarm
        assertThat(app.armedRules()).isZero();
        appClient.listActions(r -> { });
        assertThat(FaultBroadcast.of(f.engine).faults()).isEmpty();
        assertThat(FaultBroadcast.of(f.engine).remoteRoles()).containsExactlyInAnyOrder(APP, OTHER);

        start();
        await().atMost(Duration.ofSeconds(5)).until(() -> app.armedRules() == 1);
        f.server.close(); // the stream ends: the connected JVM disarms at once
        await().atMost(Duration.ofSeconds(1)).until(() -> app.armedRules() == 0);
        assertThat(app.isConnected()).isFalse();
    }

    @Test
    void everyStartArmsTheConnectedJvmAndEveryStopDisarmsItBeforeReturning() throws Exception {
        assertThat(app.awaitConnected(Duration.ofSeconds(10))).isTrue();
        String templateId = f.engine.createExperimentTemplate(TEMPLATE).id();
        long worst = 0;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            String id = admin.startExperiment(r -> r.experimentTemplateId(templateId)).experiment().id();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1)).until(() -> app.armedRules() == 1);
            worst = Math.max(worst, System.nanoTime() - t0);
            admin.stopExperiment(r -> r.id(id));
            assertThat(app.armedRules()).isZero();
        }
        // a sanity bound, StartExperiment's own round trip included; the measured distribution of arming alone
        // (median 1.3 ms, p99 16 ms) is RemoteArmingBenchmark's, in benchmarks/README.md
        assertThat(Duration.ofNanos(worst)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void engagingTheServersSafetyLeverDisarmsTheConnectedJvm() throws Exception {
        assertThat(app.awaitConnected(Duration.ofSeconds(10))).isTrue();
        start();
        await().atMost(Duration.ofSeconds(5)).until(() -> app.armedRules() == 1);
        admin.updateSafetyLeverState(r -> r.id("default").state(st -> st.status("engaged").reason("game over")));
        // the experiment's fault gate closed: the server sends the disarm (checked every 100 ms) and stops it
        await().atMost(Duration.ofSeconds(5)).until(() -> app.armedRules() == 0);
        appClient.listActions(r -> { });
        admin.updateSafetyLeverState(r -> r.id("default").state(st -> st.status("disengaged").reason("again")));
    }

    @Test
    void badRequestsToTheFaultEndpointsGetModeledErrors() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI base = f.endpoint();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/_fisengine/faults")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("jvm: a query parameter");
        r = http.send(HttpRequest.newBuilder(base.resolve("/_fisengine/faults?jvm=x&role=nope")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
        r = http.send(HttpRequest.newBuilder(base.resolve("/_fisengine/faults/counters"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"jvm\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("expected {");
        r = http.send(HttpRequest.newBuilder(base.resolve("/_fisengine/faults/counters"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(70_000))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        r = http.send(HttpRequest.newBuilder(base.resolve("/_fisengine/faults/nope")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        r = http.send(HttpRequest.newBuilder(base.resolve("/_fisengine/faults/counters")).POST(
                HttpRequest.BodyPublishers.ofString("{\"jvm\":\"x\",\"counters\":[{\"id\":99,\"matched\":1,"
                        + "\"injected\":1,\"final\":true}]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200); // an unknown fault's counters are ignored
        admin.listActions(rq -> { }); // and the API keeps serving
    }
}
