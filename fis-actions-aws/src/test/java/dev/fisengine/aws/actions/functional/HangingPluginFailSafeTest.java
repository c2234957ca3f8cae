package dev.fisengine.aws.actions.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.SafetyLeverStatus;
import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.StopConditionStatus;
import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import dev.fisengine.engine.Deadlines;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.FisTestkit;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The fail-safe rules against a plugin that hangs and ignores interrupts, at each place the engine calls a plugin
 * (target resolution, action start, stop-condition check, revert step), in an experiment whose other action throttles
 * a real SQS client's SendMessage (ElasticMQ): {@code stopExperiment} returns within its bound, the throttle is off
 * when it returns, the experiment has ended, the slot is free (five more start), the lever engages and disengages, and
 * {@code close()} returns within its bound.
 */
@ExtendWith(ElasticMq.class)
class HangingPluginFailSafeTest {
    static final String ORDERS = InjectApiThrottleExperimentTest.ORDERS;
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    /** Generous slack over the engine's stated bound, for a loaded 2-core machine. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    enum Site { RESOLVE, START, CHECK, REVERT }

    private static URI endpoint;
    private final CountDownLatch release = new CountDownLatch(1);
    private FisEngine engine;
    private SqsClient sqs;

    @BeforeAll
    static void sqs(ElasticMq.Server server) {
        endpoint = server.endpoint();
    }

    @AfterEach
    void cleanUp() {
        release.countDown(); // let the abandoned threads finish
        if (sqs != null) {
            sqs.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @ParameterizedTest(name = "a plugin that hangs in {0}")
    @EnumSource(Site.class)
    void stopWinsWithinItsBoundAndTheThrottleIsOffWhenItReturns(Site site) throws Exception {
        ManualClock clock = FisTestkit.manualClock();
        Hanging hanging = new Hanging(site, release);
        engine = FisTestkit.engineBuilder(clock).slf4jLog(false)
                .plugins(Plugins.builder().discover(getClass().getClassLoader()).action(hanging.action())
                        .resolver(hanging.resolver()).stopCondition(hanging.stopCondition()).build())
                .options(FisTestkit.testOptions().toBuilder().deadlines(Deadlines.all(DEADLINE))
                        .closeTimeout(Duration.ofSeconds(8)).build())
                .build();
        sqs = Clients.of(endpoint, engine, ORDERS).maxAttempts(1).build(SqsClient.builder());
        String queue = sqs.createQueue(b -> b.queueName("hang-" + site.name().toLowerCase())).queueUrl();
        String id = engine.startExperiment(engine.createExperimentTemplate(template(site)).id()).id();

        if (site != Site.RESOLVE) {
            engine.awaitAction(id, "Throttle", Duration.ofSeconds(10));
            assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(queue).messageBody("during")))
                    .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.isThrottlingException()).isTrue());
            if (site == Site.CHECK) {
                clock.advance(Duration.ofSeconds(5)); // the first poll: its check hangs past the deadline
            }
        }
        if (site != Site.REVERT) { // a revert step hangs only once the stop runs it
            hanging.awaitEntered();
        }

        long t0 = System.nanoTime();
        Experiment stopping = stopQuietly(id);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(took).as("stopExperiment took %s; bound %s", took, engine.stopBound())
                .isLessThan(engine.stopBound().plus(SLACK));
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("after stop")); // not throttled
        Experiment ended = engine.getExperiment(id);
        assertThat(ended.state().status().isTerminal()).as("%s after stop", ended.state()).isTrue();
        assertThat(stopping).isNotNull();
        if (site == Site.REVERT) {
            assertThat(ended.actions().get("Hang").state().reason()).contains("reverting it failed")
                    .contains("deadline");
        }
        assertThat(engine.activeExperiments()).isZero();
        assertThat(engine.abandonedPluginCalls()).isPositive();

        String simple = engine.createExperimentTemplate(template(null)).id();
        for (int i = 0; i < 5; i++) { // FIS's default quota is 5 active experiments: every slot is free
            engine.startExperiment(simple);
        }
        assertThat(engine.activeExperiments()).isEqualTo(5);
        assertThat(engine.updateSafetyLeverState("default", SafetyLeverStatus.ENGAGED, "enough").state().status())
                .isEqualTo(SafetyLeverStatus.ENGAGED);
        assertThat(engine.activeExperiments()).isZero();
        assertThat(engine.updateSafetyLeverState("default", SafetyLeverStatus.DISENGAGED, "again").state().status())
                .isEqualTo(SafetyLeverStatus.DISENGAGED);

        String last = engine.startExperiment(engine.createExperimentTemplate(template(site)).id()).id();
        if (site == Site.CHECK) {
            engine.awaitRunning(last, Duration.ofSeconds(10));
            clock.advance(Duration.ofSeconds(5));
        } else if (site == Site.REVERT) {
            engine.awaitRunning(last, Duration.ofSeconds(10));
        }
        if (site != Site.REVERT) {
            hanging.awaitEntered();
        }
        long c0 = System.nanoTime();
        engine.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - c0);
        assertThat(closing).as("close took %s", closing)
                .isLessThan(engine.options().closeTimeout().plus(SLACK));
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("after close")); // a closed engine injects nothing
    }

    private Experiment stopQuietly(String id) {
        try {
            return engine.stopExperiment(id);
        } catch (dev.fisengine.api.exception.ValidationException ended) {
            // RESOLVE: the resolver's deadline may already have failed the experiment
            return engine.getExperiment(id);
        }
    }

    /** The throttle on SendMessage plus, for {@code site}, the piece that hangs; with null, the throttle alone. */
    private static String template(Site site) {
        String hangTarget = site == Site.RESOLVE
                ? ", \"Things\": {\"resourceType\": \"test:hang:thing\", \"resourceArns\": "
                + "[\"arn:aws:test:us-east-1:123456789012:thing/a\"], \"selectionMode\": \"ALL\"}" : "";
        String hangAction = site == Site.START || site == Site.REVERT
                ? ", \"Hang\": {\"actionId\": \"fisengine:test:hang\", \"parameters\": {\"duration\": \"PT10M\"}}" : "";
        String stop = site == Site.CHECK
                ? "{\"source\": \"test:hang\", \"value\": \"hang-on-the-second-check\"}" : "{\"source\": \"none\"}";
        return """
                {
                  "description": "throttle SendMessage, and a plugin that hangs",
                  "targets": {
                    "Orders": {"resourceType": "aws:iam:role", "resourceArns": ["%s"], "selectionMode": "ALL"}%s
                  },
                  "actions": {
                    "Throttle": {
                      "actionId": "aws:fis:inject-api-throttle-error",
                      "parameters": {"service": "sqs", "operations": "SendMessage", "percentage": "100",
                                     "duration": "PT10M"},
                      "targets": {"Roles": "Orders"}
                    }%s
                  },
                  "stopConditions": [%s],
                  "roleArn": "arn:aws:iam::123456789012:role/fis-experiments"
                }
                """.formatted(ORDERS, hangTarget, hangAction, stop);
    }

    /** Plugins that block, ignoring interrupts, at one site until released. */
    static final class Hanging {
        private final Site site;
        private final CountDownLatch release;
        private volatile CountDownLatch entered = new CountDownLatch(1);

        Hanging(Site site, CountDownLatch release) {
            this.site = site;
            this.release = release;
        }

        void awaitEntered() throws InterruptedException {
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the plugin reached its hang").isTrue();
            entered = new CountDownLatch(1); // for the next experiment
        }

        private void hangHere(Site at) {
            if (site != at) {
                return;
            }
            entered.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (release.getCount() > 0 && System.nanoTime() < until) {
                try {
                    release.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // a badly written plugin: ignores the engine's interrupt
                }
            }
        }

        ActionProvider action() {
            return new ActionProvider() {
                @Override
                public ActionDescriptor descriptor() {
                    return ActionDescriptor.builder("fisengine:test:hang").description("hangs")
                            .parameter(ParameterDescriptor.builder("duration", ParameterFormat.DURATION).build())
                            .durationParameter("duration").build();
                }

                @Override
                public void start(ActionContext context) {
                    context.onRevert(() -> hangHere(Site.REVERT));
                    hangHere(Site.START);
                }
            };
        }

        TargetResolverProvider resolver() {
            return new TargetResolverProvider() {
                @Override
                public TargetTypeDescriptor descriptor() {
                    return TargetTypeDescriptor.of("test:hang:thing", "hangs");
                }

                @Override
                public List<TargetResource> resolve(TargetQuery query) {
                    hangHere(Site.RESOLVE);
                    return query.resourceArns().stream().map(TargetResource::of).toList();
                }
            };
        }

        StopConditionProvider stopCondition() {
            return new StopConditionProvider() {
                @Override
                public StopConditionDescriptor descriptor() {
                    return new StopConditionDescriptor("test:hang", "hangs", false, null, "anything");
                }

                @Override
                public StopConditionMonitor open(StopConditionContext context) {
                    AtomicInteger checks = new AtomicInteger();
                    return () -> {
                        if (checks.incrementAndGet() > 1) {
                            hangHere(Site.CHECK);
                        }
                        return StopConditionStatus.ok();
                    };
                }
            };
        }
    }
}
