package dev.fisengine.benchmarks;

import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.api.model.StopConditionSpec;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Quotas;
import dev.fisengine.server.FisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code fis serve} under load: requests over HTTP/1.1 keep-alive from the JDK's {@link HttpClient} (one per JMH
 * thread) to a {@link FisServer} on 127.0.0.1 in the same JVM. {@code ping} is the baseline: the same server and
 * handler without the FIS mapping and the engine ({@code GET /_fisengine/ping}). Client and server share the
 * machine's cores, so these are numbers of the pair, not of the server alone.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ServerBenchmark -f 1 -wi 2 -w 3s -i 3 -r 5s
 * -bm thrpt,sample -tu us}
 */
@State(Scope.Benchmark)
@Threads(8)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ServerBenchmark {
    private static final String TEMPLATE = "{\"description\": \"bench\", \"roleArn\": "
            + "\"arn:aws:iam::123456789012:role/fis\", \"stopConditions\": [{\"source\": \"none\"}], \"actions\": "
            + "{\"wait\": {\"actionId\": \"aws:fis:wait\", \"parameters\": {\"duration\": \"PT12H\"}}}}";

    FisEngine engine;
    FisServer server;
    URI ping;
    URI getExperiment;
    URI listActions;
    URI templates;

    @Setup(Level.Trial)
    public void start() {
        engine = FisEngine.builder().slf4jLog(false).options(EngineOptions.builder()
                .quotas(Quotas.builder().experimentTemplates(Integer.MAX_VALUE).build()).build()).build();
        server = FisServer.builder(engine).port(0).maxThreads(64).start();
        String id = engine.createExperimentTemplate(new CreateExperimentTemplateRequest(null, "bench", Map.of(),
                Map.of("wait", new ExperimentTemplateAction("aws:fis:wait", null, Map.of("duration", "PT12H"), null,
                        null)), List.of(new StopConditionSpec("none", null)), "arn:aws:iam::123456789012:role/fis",
                null, null, null, null)).id();
        String experiment = engine.startExperiment(id).id();
        ping = server.endpoint().resolve("/_fisengine/ping");
        getExperiment = server.endpoint().resolve("/experiments/" + experiment);
        listActions = server.endpoint().resolve("/actions?maxResults=10");
        templates = server.endpoint().resolve("/experimentTemplates");
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
        engine.close();
    }

    /** One keep-alive HTTP/1.1 client per thread. */
    @State(Scope.Thread)
    public static class Client {
        HttpClient http;

        @Setup(Level.Trial)
        public void open() {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }

        String get(URI uri) throws IOException, InterruptedException {
            return check(http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }

        String post(URI uri, String body) throws IOException, InterruptedException {
            return check(http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        private static String check(HttpResponse<String> r) {
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
            return r.body();
        }
    }

    @Benchmark
    public String ping(Client c) throws Exception {
        return c.get(ping);
    }

    @Benchmark
    public String getExperiment(Client c) throws Exception {
        return c.get(getExperiment);
    }

    @Benchmark
    public String listActions(Client c) throws Exception {
        return c.get(listActions);
    }

    @Benchmark
    public String createExperimentTemplate(Client c) throws Exception {
        return c.post(templates, TEMPLATE);
    }
}
