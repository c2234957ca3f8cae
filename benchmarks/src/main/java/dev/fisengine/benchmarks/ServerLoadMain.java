package dev.fisengine.benchmarks;

import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.api.model.StopConditionSpec;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Quotas;
import dev.fisengine.server.FisServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The server side of {@code benchmarks/run-server-load.sh}: a {@link FisServer} on 127.0.0.1 in a JVM of its own,
 * so that the load generator ({@code wrk}, a C program) does not share the JVM and its JIT with the server, as the
 * JDK client of {@link ServerBenchmark} does. Configured as {@code ServerBenchmark}: one running experiment to read,
 * the template quota lifted so that {@code CreateExperimentTemplate} can be called without limit. Prints one line,
 * {@code port=N experiment=ID}, and serves until killed.
 */
public final class ServerLoadMain {
    private ServerLoadMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        FisEngine engine = FisEngine.builder().slf4jLog(false).options(EngineOptions.builder()
                .quotas(Quotas.builder().experimentTemplates(Integer.MAX_VALUE).build()).build()).build();
        FisServer server = FisServer.builder(engine).port(port).maxThreads(threads).start();
        String id = engine.createExperimentTemplate(new CreateExperimentTemplateRequest(null, "bench", Map.of(),
                Map.of("wait", new ExperimentTemplateAction("aws:fis:wait", null, Map.of("duration", "PT12H"), null,
                        null)), List.of(new StopConditionSpec("none", null)), "arn:aws:iam::123456789012:role/fis",
                null, null, null, null)).id();
        String experiment = engine.startExperiment(id).id();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            engine.close();
        }, "server-load-shutdown"));
        System.out.println("port=" + server.endpoint().getPort() + " experiment=" + experiment);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
