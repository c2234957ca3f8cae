package dev.fisengine.guice.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.ProvisionException;
import com.google.inject.Singleton;
import com.google.inject.name.Names;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.guice.FisClients;
import dev.fisengine.guice.FisEngineModule;
import dev.fisengine.guice.fixtures.SqsThrottleAction;
import dev.fisengine.guice.fixtures.Templates;
import dev.fisengine.guice.fixtures.TestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.RequestThrottledException;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * An {@link SqsClient} injected by Guice is reached by the engine's experiments: real SDK clients over real HTTP to
 * ElasticMQ on 127.0.0.1 in this JVM.
 */
class InstrumentedSqsClientTest {
    private static final String ORDERS_ROLE = "arn:aws:iam::123456789012:role/orders";

    private static SQSRestServer elasticMq;
    private static URI endpoint;

    private final ManualClock clock = new ManualClock();
    private FisEngine engine;

    @BeforeAll
    static void startElasticMq() {
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        endpoint = URI.create("http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort());
    }

    @AfterAll
    static void stopElasticMq() {
        elasticMq.stopAndWait();
    }

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    /** Points the client at ElasticMQ; the SDK's retries (3 for SQS) happen without backoff. */
    private static final Consumer<SqsClientBuilder> LOCAL = b -> b.endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .overrideConfiguration(o -> o.retryStrategy(r -> r.backoffStrategy(BackoffStrategy.retryImmediately())
                    .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())));

    private Injector injector(Module clients) {
        Injector injector = Guice.createInjector(
                FisEngineModule.builder().options(TestOptions.options()).clock(clock).slf4jLog(false).build(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        FisEngineModule.actionBinder(binder()).addBinding().to(SqsThrottleAction.class);
                    }
                },
                clients);
        engine = injector.getInstance(FisEngine.class);
        return injector;
    }

    private static int messagesIn(SqsClient sqs, String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    @Test
    void anExperimentThrottlesTheInjectedClientUntilItEnds() {
        Injector injector = injector(new AbstractModule() {
            @Override
            protected void configure() {
                FisClients.bind(binder(), SqsClient.class, SqsClient::builder, LOCAL);
            }
        });
        SqsClient sqs = injector.getInstance(SqsClient.class);
        assertThat(injector.getInstance(SqsClient.class)).as("a singleton").isSameAs(sqs);
        String queue = sqs.createQueue(b -> b.queueName("guice-orders")).queueUrl();

        String templateId = engine.createExperimentTemplate(Templates.oneAction("throttle-sends",
                SqsThrottleAction.ID, "{\"operations\": \"SendMessage\", \"duration\": \"PT2M\"}")).id();
        String experimentId = engine.startExperiment(templateId).id();
        clock.awaitIdle();
        assertThat(engine.getExperiment(experimentId).state().status()).isEqualTo(ExperimentStatus.RUNNING);

        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(queue).messageBody("order-1")))
                .isExactlyInstanceOf(RequestThrottledException.class)
                .satisfies(e -> {
                    AwsServiceException ase = (AwsServiceException) e;
                    assertThat(ase.statusCode()).isEqualTo(400);
                    assertThat(ase.awsErrorDetails().errorCode()).isEqualTo("RequestThrottled");
                    assertThat(ase.isThrottlingException()).isTrue();
                });
        assertThat(messagesIn(sqs, queue)).as("other operations are not hit; nothing was sent").isZero();

        clock.advance(Duration.ofMinutes(2));
        assertThat(engine.getExperiment(experimentId).state().status()).isEqualTo(ExperimentStatus.COMPLETED);

        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("order-2"));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(0)).messages())
                .extracting(m -> m.body()).containsExactly("order-2");
    }

    @Test
    void namedClientsCarryTheirPrincipalRole() {
        Key<SqsClient> orders = Key.get(SqsClient.class, Names.named("orders"));
        Injector injector = injector(new AbstractModule() {
            @Override
            protected void configure() {
                FisClients.bind(binder(), SqsClient.class, SqsClient::builder, LOCAL);
                FisClients.bind(binder(), orders, SqsClient::builder, ORDERS_ROLE, LOCAL);
            }
        });
        SqsClient plain = injector.getInstance(SqsClient.class);
        SqsClient ordersClient = injector.getInstance(orders);
        assertThat(ordersClient).isNotSameAs(plain);
        String queue = plain.createQueue(b -> b.queueName("guice-roles")).queueUrl();

        ApiFaultRegistry registry = ApiFaultRegistry.of(injector.getInstance(FisRuntime.class));
        try (ArmedApiFault armed = registry.arm(ApiFaultRule.builder().service("sqs").operations("SendMessage")
                .roleArns(ORDERS_ROLE).fault(ApiFault.throttle()).build())) {
            assertThatThrownBy(() -> ordersClient.sendMessage(b -> b.queueUrl(queue).messageBody("x")))
                    .isExactlyInstanceOf(RequestThrottledException.class);
            plain.sendMessage(b -> b.queueUrl(queue).messageBody("y"));
            assertThat(armed.injectedFaults()).isEqualTo(4); // first attempt + SQS's 3 retries
        }
        assertThat(messagesIn(plain, queue)).isEqualTo(1);
    }

    /** A real HTTP client builder whose clients record being closed. */
    static final class RecordingHttpClientBuilder implements SdkHttpClient.Builder<RecordingHttpClientBuilder> {
        final AtomicInteger built = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            built.incrementAndGet();
            SdkHttpClient real = UrlConnectionHttpClient.builder().buildWithDefaults(serviceDefaults);
            return new SdkHttpClient() {
                @Override
                public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                    return real.prepareRequest(request);
                }

                @Override
                public String clientName() {
                    return real.clientName();
                }

                @Override
                public void close() {
                    closed.set(true);
                    real.close();
                }
            };
        }
    }

    @Test
    void theCustomizersHttpClientIsInstrumentedAndClosedWithTheEngine() {
        RecordingHttpClientBuilder http = new RecordingHttpClientBuilder();
        Injector injector = injector(new AbstractModule() {
            @Override
            protected void configure() {
                FisClients.bind(binder(), SqsClient.class, SqsClient::builder,
                        LOCAL.andThen(b -> b.httpClientBuilder(http)));
            }
        });
        SqsClient sqs = injector.getInstance(SqsClient.class);
        String queue = sqs.createQueue(b -> b.queueName("guice-http")).queueUrl();
        assertThat(http.built).hasValue(1);

        try (ArmedApiFault armed = ApiFaultRegistry.of(engine).arm(ApiFaultRule.builder().service("sqs")
                .operations("SendMessage").fault(ApiFault.unavailable()).build())) {
            assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(queue).messageBody("x")))
                    .isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(503));
            assertThat(armed.injectedFaults()).isPositive();
        }
        assertThat(http.closed).isFalse();

        engine.close();

        assertThat(http.closed).as("the engine closes the clients built for it").isTrue();
    }

    /** The user's own provider method: needs injected values, so it calls {@link FisClients#build} itself. */
    static final class AsyncClientModule extends AbstractModule {
        @Provides
        @Singleton
        SqsAsyncClient sqsAsync(FisEngine engine) {
            return FisClients.build(engine, SqsAsyncClient.builder().endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDTEST", "secret")))
                    .overrideConfiguration(o -> o.retryStrategy(r -> r
                            .throttlingBackoffStrategy(BackoffStrategy.retryImmediately()))), null);
        }
    }

    @Test
    void anAsyncClientFromAProviderMethodIsReachedToo() {
        Injector injector = injector(new AsyncClientModule());
        SqsAsyncClient sqs = injector.getInstance(SqsAsyncClient.class);
        String queue = sqs.createQueue(b -> b.queueName("guice-async")).join().queueUrl();

        try (ArmedApiFault armed = ApiFaultRegistry.of(engine).arm(ApiFaultRule.builder().service("sqs")
                .operations("SendMessage").fault(ApiFault.throttle()).build())) {
            assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(queue).messageBody("x")).join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isExactlyInstanceOf(RequestThrottledException.class);
            assertThat(armed.injectedFaults()).isEqualTo(4);
        }
        assertThat(sqs.sendMessage(b -> b.queueUrl(queue).messageBody("y")).join().messageId()).isNotBlank();
    }

    @Test
    void aClientOfAClosedEngineIsRefused() {
        Injector injector = injector(new AbstractModule() {
            @Override
            protected void configure() {
                FisClients.bind(binder(), SqsClient.class, SqsClient::builder, LOCAL);
            }
        });
        engine.close();

        assertThatThrownBy(() -> injector.getInstance(SqsClient.class))
                .isInstanceOf(ProvisionException.class)
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("FIS engine " + engine.runtimeId() + " is closed; cannot build a client");
    }

    @Test
    void bindRejectsARoleThatIsNotAnArn() {
        assertThatThrownBy(() -> Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                FisClients.bind(binder(), SqsClient.class, SqsClient::builder, "orders", LOCAL);
            }
        })).hasMessageContaining("roleArn \"orders\" is not an ARN");
    }
}
