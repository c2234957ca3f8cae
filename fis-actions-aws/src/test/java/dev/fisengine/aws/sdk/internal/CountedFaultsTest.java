package dev.fisengine.aws.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.spi.FaultGate;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Count-based faults ({@link ApiFaultRule.Count}): exact under concurrency. Many threads race through one armed rule
 * and the number of faults handed out is exactly what the count allows, every time.
 */
class CountedFaultsTest {
    private static final String ROLE = "arn:aws:iam::1:role/x";
    private static final int THREADS = 16;
    private static final int ATTEMPTS_PER_THREAD = 20_000;
    private static final int TOTAL = THREADS * ATTEMPTS_PER_THREAD;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static ApiFaultRule.Builder rule() {
        return ApiFaultRule.builder().service("dynamodb").operations("PutItem").fault(ApiFault.throttle()).seed(42);
    }

    /** Fires the rule TOTAL times from THREADS threads released together; returns the faults handed out. */
    private long race(ArmedRule armed) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Long>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            results.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                long hits = 0;
                for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                    if (armed.fire(ROLE) != null) {
                        hits++;
                    }
                }
                return hits;
            }));
        }
        long hits = 0;
        for (Future<Long> f : results) {
            hits += f.get(60, TimeUnit.SECONDS);
        }
        assertThat(armed.matchedCalls()).isEqualTo(TOTAL);
        assertThat(armed.injectedFaults()).isEqualTo(hits);
        return hits;
    }

    @Test
    void firstAttemptsHitsExactlyTheFirstNAcrossThreads() throws Exception {
        FaultRegistry registry = new FaultRegistry("count");
        try (ArmedRule armed = (ArmedRule) registry.arm(rule().firstAttempts(1_234).build())) {
            assertThat(race(armed)).isEqualTo(1_234);
        }
    }

    @Test
    void everyNthAttemptHitsExactlyOneInN() throws Exception {
        FaultRegistry registry = new FaultRegistry("count");
        try (ArmedRule armed = (ArmedRule) registry.arm(rule().everyNthAttempt(7).build())) {
            assertThat(race(armed)).isEqualTo(TOTAL / 7);
        }
    }

    @Test
    void maxFaultsCapsTheTotalEvenWithAPercentage() throws Exception {
        FaultRegistry registry = new FaultRegistry("count");
        try (ArmedRule armed = (ArmedRule) registry.arm(rule().percentage(30).maxFaults(5_000).build())) {
            assertThat(race(armed)).isEqualTo(5_000);
        }
    }

    @Test
    void theLimitsCombine() throws Exception {
        FaultRegistry registry = new FaultRegistry("count");
        // attempts 1..1000, every 10th of them: 100 candidates, at most 60 faults
        try (ArmedRule armed = (ArmedRule) registry.arm(rule().firstAttempts(1_000).everyNthAttempt(10)
                .maxFaults(60).build())) {
            assertThat(race(armed)).isEqualTo(60);
        }
        try (ArmedRule armed = (ArmedRule) registry.arm(rule().firstAttempts(1_000).everyNthAttempt(10).build())) {
            assertThat(race(armed)).isEqualTo(100);
        }
    }

    @Test
    void theSecondAttemptAndOnlyIt() {
        FaultRegistry registry = new FaultRegistry("count");
        try (ArmedRule armed = (ArmedRule) registry.arm(rule().everyNthAttempt(2).maxFaults(1).build())) {
            List<Boolean> hits = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                hits.add(armed.fire(ROLE) != null);
            }
            assertThat(hits).containsExactly(false, true, false, false, false, false);
        }
    }

    @Test
    void aFaultRefusedByAClosedGateDoesNotUseUpTheCount() {
        AtomicBoolean open = new AtomicBoolean(false);
        FaultGate gate = open::get;
        FaultRegistry registry = new FaultRegistry("count");
        open.set(true);
        try (ArmedRule armed = (ArmedRule) registry.arm(rule().maxFaults(1).build(), gate)) {
            open.set(false);
            assertThat(armed.fire(ROLE)).isNull();
            open.set(true);
            assertThat(armed.fire(ROLE)).isEqualTo(ApiFault.throttle());
            assertThat(armed.fire(ROLE)).isNull();
            assertThat(armed.injectedFaults()).isEqualTo(1);
        }
    }

    @Test
    void countsAreValidated() {
        assertThatThrownBy(() -> rule().maxFaults(-1).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
        assertThat(rule().build().count()).isEqualTo(ApiFaultRule.Count.NONE);
        assertThat(rule().build().count().limited()).isFalse();
    }
}
