package dev.fisengine.examples;

import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.api.model.StopConditionSpec;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.aws.iam.KnownRoles;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationMode;
import dev.fisengine.engine.validation.ValidationResult;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The demo: starts ElasticMQ (SQS) in this JVM, an engine, and the order service ({@link OrderService}, whose
 * {@code SqsClient} is instrumented with {@link FisSdk#instrument} under the role {@link #ORDER_SERVICE_ROLE_ARN});
 * creates the template, starts the experiment, shows it live ({@link LiveView}), waits for it to end, stops the
 * service and prints the summary line ({@link DemoResult#summaryLine()}) last.
 */
public final class Demo {
    /** The order service's IAM role: the templates' {@code Roles} target selects it by this ARN. */
    public static final String ORDER_SERVICE_ROLE_ARN = "arn:aws:iam::123456789012:role/order-service";

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo"));

    private Demo() {}

    /**
     * Runs the demo and returns what happened; the last line printed is the summary.
     *
     * @throws dev.fisengine.api.exception.ValidationException if the template is not valid (every finding listed)
     */
    public static DemoResult run(DemoSettings settings) {
        PrintStream out = settings.out();
        Plugins plugins = Plugins.discovered();
        ValidationResult validation = TemplateValidator.create(plugins, ValidationMode.EMBEDDED)
                .validateJson(settings.template().json());
        if (!validation.valid()) {
            throw ValidationException.of(validation.findings());
        }
        validation.warnings().forEach(w -> out.println("template " + settings.template().name() + ": " + w));
        if (settings.sqsEndpoint() != null) {
            return run(settings, plugins, settings.sqsEndpoint());
        }
        out.println("Starting ElasticMQ (SQS) in this JVM...");
        out.flush();
        try (ElasticMqServer sqs = ElasticMqServer.start()) {
            return run(settings, plugins, sqs.endpoint());
        }
    }

    private static DemoResult run(DemoSettings settings, Plugins plugins, URI endpoint) {
        PrintStream out = settings.out();
        ServiceErrors serviceErrors = new ServiceErrors();
        SdkTelemetry telemetry = new SdkTelemetry();
        LiveView view = new LiveView(out, settings.interactive(), settings.statusInterval(), new LiveView.Gauges(
                telemetry::calls, telemetry::faultsInjected, telemetry::retries, serviceErrors::count));

        FisEngine.Builder engineBuilder = FisEngine.builder()
                .plugins(plugins)                                  // ServiceLoader: fis-actions-aws, this module...
                .options(EngineOptions.builder()
                        .stopConditionPollInterval(settings.stopConditionPollInterval())
                        .build())
                .slf4jLog(false)                                   // the live view shows the log instead
                .listener(view::onStateChange)
                .logSink(view::onLogRecord)
                .component(ServiceErrors.class, serviceErrors)     // what fisengine:demo:error-budget reads
                .component(KnownRoles.class, new KnownRoles()      // lets templates select the role by tags too
                        .register(ORDER_SERVICE_ROLE_ARN, Map.of("Service", "orders")));
        if (settings.seed() != null) {
            engineBuilder.seed(settings.seed());
        }
        try (FisEngine engine = engineBuilder.build()) {
            ExperimentTemplate template = engine.createExperimentTemplate(settings.template().json());
            String queueUrl = createQueue(endpoint);
            printPlan(out, settings, endpoint, queueUrl, template);

            FaultTally tally = new FaultTally(ApiFaultRegistry.of(engine));
            Set<String> firstErrors = ConcurrentHashMap.newKeySet();
            try (SqsClient sqs = orderServiceClient(endpoint, engine, telemetry)) {
                OrderService service = new OrderService(sqs, queueUrl, settings.ordersPerSecond(), serviceErrors,
                        seen -> {
                            String key = seen.operation() + " " + seen.exception().getClass().getName() + " "
                                    + errorCode(seen.exception());
                            if (firstErrors.add(key)) {
                                view.event("order service: " + seen.operation() + " failed: "
                                        + describe(seen.exception()) + (firstErrors.size() == 1
                                        ? "  (the first error of each kind is shown; all are counted)" : ""));
                            }
                        });
                try {
                    long started = System.nanoTime();
                    service.start();
                    view.start(tally::poll);
                    Experiment experiment = engine.startExperiment(template.id());
                    try { // running, with every fault of the started actions armed
                        engine.awaitRunning(experiment.id(), Duration.ofSeconds(30));
                    } catch (IllegalStateException notRunning) {
                        view.event(notRunning.getMessage()); // ended during start-up: the summary says how
                    }
                    Experiment end = engine.awaitExperiment(experiment.id(), settings.timeout());
                    boolean timedOut = !end.state().status().isTerminal();
                    if (timedOut) {
                        view.event("the experiment did not end within " + settings.timeout() + ": stopping it");
                        engine.stopExperiment(experiment.id());
                        end = engine.getExperiment(experiment.id());
                    }
                    Duration wall = Duration.ofNanos(System.nanoTime() - started);
                    service.close();
                    view.close();

                    DemoResult.Counts counts = new DemoResult.Counts(telemetry.calls(), telemetry.faultsInjected(),
                            service.injectedErrors(), telemetry.retries(), service.otherErrors(), service.sent(),
                            service.lost(), service.processed());
                    DemoResult result = new DemoResult(end, counts, tally.injected(), timedOut, wall);
                    printSummary(out, result);
                    return result;
                } finally {
                    service.close();
                    view.close();
                }
            }
        }
    }

    /**
     * The order service's client: a plain {@code SqsClient} on the endpoint, with a short retry backoff (so the SDK's
     * retries absorb faults quickly), the telemetry that counts calls, retries and injected faults, and — the one line
     * an application adds — instrumented for the engine under the order service's role.
     */
    static SqsClient orderServiceClient(URI endpoint, FisRuntime engine, SdkTelemetry telemetry) {
        SqsClientBuilder builder = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(o -> o
                        .retryStrategy(r -> r
                                .backoffStrategy(BackoffStrategy.exponentialDelay(
                                        Duration.ofMillis(5), Duration.ofMillis(50)))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(
                                        Duration.ofMillis(10), Duration.ofMillis(100))))
                        .addExecutionInterceptor(telemetry)
                        .addMetricPublisher(telemetry));
        FisSdk.instrument(builder, engine, ORDER_SERVICE_ROLE_ARN);
        return builder.build();
    }

    /** Creates the orders queue with a client of its own (not the order service's, so not subject to faults). */
    private static String createQueue(URI endpoint) {
        try (SqsClient admin = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build()) {
            String name = "orders-" + UUID.randomUUID().toString().substring(0, 8);
            return admin.createQueue(b -> b.queueName(name)).queueUrl();
        }
    }

    private static void printPlan(PrintStream out, DemoSettings settings, URI endpoint, String queueUrl,
                                  ExperimentTemplate template) {
        out.println("FIS Engine demo: an order service on SQS, through the FIS template " + settings.template().name());
        out.println("  SQS:           " + endpoint + ", queue " + queueUrl.substring(
                queueUrl.lastIndexOf('/') + 1));
        out.println("  order service: " + settings.ordersPerSecond() + " orders/s (SendMessage), a consumer "
                + "(ReceiveMessage, DeleteMessage);");
        out.println("                 SqsClient instrumented with FisSdk.instrument(..., "
                + ORDER_SERVICE_ROLE_ARN + ")");
        out.println("  template " + template.id() + ": " + template.description());
        for (Map.Entry<String, ExperimentTemplateAction> e : template.actions().entrySet()) {
            ExperimentTemplateAction a = e.getValue();
            Map<String, String> parameters = a.parameters() == null ? Map.of() : a.parameters();
            List<String> after = a.startAfter() == null ? List.of() : a.startAfter();
            String params = parameters.entrySet().stream().map(p -> p.getKey() + "=" + p.getValue())
                    .collect(Collectors.joining(", "));
            out.println("    " + e.getKey() + ": " + a.actionId() + (params.isEmpty() ? "" : " (" + params + ")")
                    + (after.isEmpty() ? "" : ", after " + String.join(", ", after)));
        }
        List<StopConditionSpec> stopConditions = template.stopConditions() == null ? List.of()
                : template.stopConditions();
        out.println("  stop conditions: " + stopConditions.stream().map(Demo::describe)
                .collect(Collectors.joining(", ")));
        out.println();
        out.flush();
    }

    private static String describe(StopConditionSpec sc) {
        return sc.value() == null ? sc.source() : sc.source() + " (" + sc.value() + ")";
    }

    private static void printSummary(PrintStream out, DemoResult result) {
        DemoResult.Counts c = result.counts();
        out.println();
        out.println("orders: " + c.ordersSent() + " sent, " + c.ordersLost() + " lost (SendMessage failed), "
                + c.ordersProcessed() + " processed");
        out.println("SDK: " + c.calls() + " calls, " + c.sdkRetries() + " retries (RetryCount); engine: "
                + result.engineFaultsInjected() + " faults injected (ArmedApiFault counters)");
        out.println("absorbed by SDK retries = faults injected - seen by the service = " + c.faultsInjected() + " - "
                + c.seenByService() + " = " + c.absorbedBySdkRetries()
                + (c.absorbedBySdkRetries() == c.sdkRetries() ? " (= the SDK's retries)" : ""));
        if (c.otherErrors() > 0) {
            out.println("the order service also saw " + c.otherErrors() + " errors that were not injected");
        }
        if (result.timedOut()) {
            out.println("gave up waiting for the experiment after " + result.wallTime().toSeconds() + " s");
        }
        out.println(result.summaryLine());
        out.flush();
    }

    private static String errorCode(RuntimeException e) {
        return e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                ? String.valueOf(ase.awsErrorDetails().errorCode()) : "";
    }

    /** E.g. {@code RequestThrottledException (HTTP 400 RequestThrottled, injected: throttle) after 4 attempts}. */
    static String describe(RuntimeException e) {
        StringBuilder b = new StringBuilder(e.getClass().getSimpleName());
        if (e instanceof AwsServiceException ase) {
            b.append(" (HTTP ").append(ase.statusCode());
            if (ase.awsErrorDetails() != null) {
                b.append(' ').append(ase.awsErrorDetails().errorCode());
                if (ase.awsErrorDetails().sdkHttpResponse() != null) {
                    ase.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(SdkTelemetry.FAULT_HEADER)
                            .ifPresent(f -> b.append(", injected: ").append(f));
                }
            }
            b.append(')');
        } else if (e.getMessage() != null) {
            b.append(": ").append(e.getMessage());
        }
        if (e instanceof SdkException se && se.numAttempts() != null) {
            b.append(" after ").append(se.numAttempts()).append(se.numAttempts() == 1 ? " attempt" : " attempts");
        }
        return b.toString();
    }
}
