package dev.fisengine.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/**
 * Eight threads call one instrumented client while a 50 % throttle is disarmed: once {@code close()} has returned,
 * the rule's injected count never moves again and no call that started afterwards is throttled.
 */
class DisarmHammerTest {

    @Test
    void noFaultFiresAfterDisarmReturns() throws Exception {
        try (LoopbackAwsServer server = new LoopbackAwsServer(); TestRuntime runtime = new TestRuntime("hammer")) {
            SdkFixture fixture = new SdkFixture(server.endpoint()).instrumentedFor(runtime, null).maxAttempts(1);
            try (DynamoDbClient ddb = fixture.build(DynamoDbClient.builder())) {
                ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                        .operations("GetItem").percentage(50).fault(ApiFault.throttle()).seed(11).build());
                AtomicLong closeReturned = new AtomicLong(Long.MAX_VALUE);
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger callsAfterClose = new AtomicInteger();
                AtomicInteger throttledAfterClose = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    workers.add(pool.submit(() -> {
                        while (!stop.get()) {
                            long start = System.nanoTime();
                            boolean startedAfterClose = start - closeReturned.get() > 0;
                            try {
                                Probe.DYNAMODB.call(ddb);
                            } catch (ThrottlingException e) {
                                if (startedAfterClose) {
                                    throttledAfterClose.incrementAndGet();
                                }
                            }
                            if (startedAfterClose) {
                                callsAfterClose.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> armed.injectedFaults() >= 150);
                armed.close();
                closeReturned.set(System.nanoTime());
                long injectedAtClose = armed.injectedFaults();
                long matchedAtClose = armed.matchedCalls();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> callsAfterClose.get() >= 400);
                stop.set(true);
                for (Future<?> w : workers) {
                    w.get(30, TimeUnit.SECONDS);
                }
                pool.shutdown();

                assertThat(injectedAtClose).isGreaterThanOrEqualTo(150);
                assertThat(armed.injectedFaults()).as("faults injected after close() returned")
                        .isEqualTo(injectedAtClose);
                assertThat(armed.matchedCalls()).as("decisions after close() returned").isEqualTo(matchedAtClose);
                assertThat(throttledAfterClose.get()).as("calls started after close() that were throttled").isZero();
                assertThat(ApiFaultRegistry.of(runtime).isIdle()).isTrue();
            }
        }
    }
}
