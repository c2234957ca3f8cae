package dev.fisengine.guice.functional;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.guice.FisClients;
import dev.fisengine.guice.FisEngineModule;
import dev.fisengine.guice.fixtures.SqsThrottleAction;
import dev.fisengine.guice.fixtures.Templates;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Run by {@link ShutdownHookTest} in a JVM of its own: a Guice application with the engine's JVM shutdown hook on
 * (the default) and an injected {@link SqsClient} on ElasticMQ, an experiment throttling {@code SendMessage} running
 * when the JVM exits, and an application shutdown hook that waits for the engine's hook to finish and then sends a
 * message with the injected client. Prints {@code RESULT key=value} lines.
 */
public final class ShutdownHookMain {
    private ShutdownHookMain() {}

    public static void main(String[] args) throws Exception {
        SQSRestServer elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        URI endpoint = URI.create("http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort());
        Injector injector = Guice.createInjector(
                FisEngineModule.builder().options(EngineOptions.builder().safetyLeverSwitch(false).build())
                        .slf4jLog(false).build(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        FisEngineModule.actionBinder(binder()).addBinding().to(SqsThrottleAction.class);
                        FisClients.bind(binder(), SqsClient.class, SqsClient::builder, b -> b
                                .endpointOverride(endpoint)
                                .region(Region.US_EAST_1)
                                .credentialsProvider(StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("AKIDTEST", "secret")))
                                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())));
                    }
                });
        FisEngine engine = injector.getInstance(FisEngine.class);
        SqsClient sqs = injector.getInstance(SqsClient.class);
        String queue = sqs.createQueue(b -> b.queueName("shutdown")).queueUrl();
        String templateId = engine.createExperimentTemplate(Templates.oneAction("throttle-sends",
                SqsThrottleAction.ID, "{\"operations\": \"SendMessage\", \"duration\": \"PT10M\"}")).id();
        String experimentId = engine.startExperiment(templateId).id();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ApiFaultRegistry.of(engine).isIdle() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        result("throttledBeforeExit", outcome(sqs, queue, "before"));

        // The engine's hook (not started yet: a JVM starts every hook at once when it exits). Test-only reflection.
        Method hookOf = FisEngine.class.getDeclaredMethod("shutdownHookThread");
        hookOf.setAccessible(true);
        Thread engineHook = (Thread) hookOf.invoke(engine);
        result("engineHookFound", String.valueOf(engineHook != null));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Shutdown hooks run concurrently: wait (bounded) until the engine's own hook has finished.
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (engineHook != null && engineHook.getState() != Thread.State.TERMINATED
                    && System.nanoTime() < until) {
                try {
                    engineHook.join(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            result("engineHookTerminated", String.valueOf(engineHook != null
                    && engineHook.getState() == Thread.State.TERMINATED));
            result("engineClosed", String.valueOf(engine.isClosed()));
            result("status", engine.getExperiment(experimentId).state().status().wireName());
            result("faultsArmed", String.valueOf(!ApiFaultRegistry.of(engine).isIdle()));
            result("sendAfterEngineHook", outcome(sqs, queue, "after"));
            result("messages", String.valueOf(sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages().size()));
        }, "application-shutdown"));
        System.exit(0);
    }

    private static String outcome(SqsClient sqs, String queue, String body) {
        try {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
            return "sent";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static void result(String key, String value) {
        System.out.println("RESULT " + key + "=" + value);
        System.out.flush();
    }
}
