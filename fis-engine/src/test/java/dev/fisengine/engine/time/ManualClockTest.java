package dev.fisengine.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    private final ManualClock clock = new ManualClock();
    private final Instant t0 = clock.instant();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    @Test
    void advanceRunsDueTasksInTimeOrderWithTheClockAtEachTasksInstant() {
        List<String> seen = new CopyOnWriteArrayList<>();
        clock.schedule(t0.plusSeconds(30), () -> seen.add("b@" + clock.instant()));
        clock.schedule(t0.plusSeconds(10), () -> seen.add("a@" + clock.instant()));
        clock.schedule(t0.plusSeconds(30), () -> seen.add("c@" + clock.instant())); // same time: FIFO
        clock.schedule(t0.plusSeconds(90), () -> seen.add("late"));

        clock.advance(Duration.ofMinutes(1));

        assertThat(seen).containsExactly("a@" + t0.plusSeconds(10), "b@" + t0.plusSeconds(30),
                "c@" + t0.plusSeconds(30));
        assertThat(clock.instant()).isEqualTo(t0.plusSeconds(60));
        assertThat(clock.pendingTasks()).isEqualTo(1);
        assertThat(clock.nextTaskTime()).isEqualTo(t0.plusSeconds(90));
    }

    @Test
    void tasksScheduledByTasksRunInTheSameAdvanceWhenDue() {
        List<Instant> seen = new CopyOnWriteArrayList<>();
        clock.schedule(t0.plusSeconds(10), () -> {
            seen.add(clock.instant());
            clock.schedule(clock.instant().plusSeconds(10), () -> seen.add(clock.instant()));
        });
        clock.advance(Duration.ofSeconds(25));
        assertThat(seen).containsExactly(t0.plusSeconds(10), t0.plusSeconds(20));
    }

    @Test
    void cancelledTasksDoNotRun() {
        AtomicInteger runs = new AtomicInteger();
        ScheduledTask t = clock.schedule(t0.plusSeconds(1), runs::incrementAndGet);
        assertThat(t.cancel()).isTrue();
        assertThat(t.cancel()).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(runs).hasValue(0);
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    void advanceWaitsForTrackedWorkBeforeEachStepSoCascadesAreDeterministic() {
        var tracked = clock.track(pool);
        List<Instant> seen = new CopyOnWriteArrayList<>();
        // A timer hands work to a pool thread, which schedules the next timer: a chain through threads.
        Runnable[] step = new Runnable[1];
        step[0] = () -> tracked.execute(() -> {
            seen.add(clock.instant());
            if (seen.size() < 3) {
                clock.schedule(clock.instant().plusSeconds(5), step[0]);
            }
        });
        clock.schedule(t0.plusSeconds(5), step[0]);

        clock.advance(Duration.ofSeconds(60));

        assertThat(seen).containsExactly(t0.plusSeconds(5), t0.plusSeconds(10), t0.plusSeconds(15));
        assertThat(clock.runningWork()).isZero();
    }

    @Test
    void awaitIdleRunsWhatIsDueNowWithoutMovingTime() {
        AtomicInteger runs = new AtomicInteger();
        clock.schedule(t0, runs::incrementAndGet);
        clock.track(pool).execute(runs::incrementAndGet);
        clock.awaitIdle();
        assertThat(runs).hasValue(2);
        assertThat(clock.instant()).isEqualTo(t0);
    }

    @Test
    void blockedTrackedWorkMakesAdvanceFailInsteadOfHanging() throws Exception {
        ManualClock impatient = new ManualClock(t0, Duration.ofMillis(100));
        CountDownLatch release = new CountDownLatch(1);
        impatient.track(pool).execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThatThrownBy(() -> impatient.advance(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 tracked task(s) still running");
        release.countDown();
        impatient.awaitIdle();
    }

    @Test
    void timeNeverGoesBackwards() {
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advanceTo(t0.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSystemClockRunsScheduledTasks() throws Exception {
        try (SystemEngineClock system = EngineClock.system()) {
            CountDownLatch ran = new CountDownLatch(1);
            system.schedule(system.instant().plusMillis(5), ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            AtomicInteger never = new AtomicInteger();
            system.schedule(system.instant().plusSeconds(60), never::incrementAndGet).cancel();
            assertThat(never).hasValue(0);
        }
    }
}
