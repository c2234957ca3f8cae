package dev.fisengine.testkit.internal;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionLog;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.RevertStep;
import dev.fisengine.api.spi.TargetResource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wraps the provider under test so the compatibility kit can see what it does: every revert step it registers (and
 * how often each runs), the exception its {@code start} threw, and optionally a failure after it started or a pause
 * at the end of {@code start}.
 */
public final class ObservedProvider implements ActionProvider {
    /** When this wrapper makes {@code start} fail. */
    public enum Failure {
        NONE,
        /** Throw {@link #FAILURE_MESSAGE} before calling the provider. */
        BEFORE_START,
        /** Call the provider, then throw {@link #FAILURE_MESSAGE}. */
        AFTER_START
    }

    public static final String FAILURE_MESSAGE = "compatibility kit: start() failed on purpose";

    private final ActionProvider delegate;
    private final Failure failure;
    private final List<CountedStep> steps = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> thrown = new AtomicReference<>();
    private final AtomicInteger starts = new AtomicInteger();
    private final CountDownLatch startReturned = new CountDownLatch(1);
    private final CountDownLatch release;

    public ObservedProvider(ActionProvider delegate, Failure failure, boolean pauseAfterStart) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.failure = failure;
        this.release = new CountDownLatch(pauseAfterStart ? 1 : 0);
    }

    /** A revert step of the provider and how many times the engine ran it. */
    public static final class CountedStep implements RevertStep {
        private final RevertStep step;
        private final AtomicInteger runs = new AtomicInteger();

        CountedStep(RevertStep step) {
            this.step = step;
        }

        public int runs() {
            return runs.get();
        }

        @Override
        public void revert() throws Exception {
            runs.incrementAndGet();
            step.revert();
        }

        @Override
        public String toString() {
            return step + " (ran " + runs.get() + " times)";
        }
    }

    @Override
    public ActionDescriptor descriptor() {
        return delegate.descriptor();
    }

    @Override
    public int order() {
        return delegate.order();
    }

    @Override
    public void start(ActionContext context) throws Exception {
        starts.incrementAndGet();
        try {
            if (failure == Failure.BEFORE_START) {
                throw new IllegalStateException(FAILURE_MESSAGE);
            }
            delegate.start(new Context(context));
            if (failure == Failure.AFTER_START) {
                throw new IllegalStateException(FAILURE_MESSAGE);
            }
        } catch (Exception | Error e) {
            thrown.set(e);
            throw e;
        } finally {
            startReturned.countDown();
            awaitRelease();
        }
    }

    /**
     * The kit's pause after {@code start}: it ignores the interrupt a stop sends (the engine then waits for
     * {@code start} to return, up to its deadline), so the kit can check that no revert step runs before it has.
     */
    private void awaitRelease() {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (release.getCount() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("compatibility kit: start() was paused for over 60 s");
                }
                try {
                    release.await(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The revert steps the provider registered, in order. */
    public List<CountedStep> steps() {
        return List.copyOf(steps);
    }

    /** What {@code start} threw (the provider's exception or this wrapper's), or {@code null}. */
    public Throwable thrown() {
        return thrown.get();
    }

    public int starts() {
        return starts.get();
    }

    /** Waits until {@code start} has returned (or thrown) and is paused. */
    public boolean awaitStartReturned(Duration timeout) throws InterruptedException {
        return startReturned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets a paused {@code start} return. */
    public void release() {
        release.countDown();
    }

    @Override
    public String toString() {
        return "Observed[" + delegate + "]";
    }

    private final class Context implements ActionContext {
        private final ActionContext c;

        Context(ActionContext c) {
            this.c = c;
        }

        @Override
        public String experimentId() {
            return c.experimentId();
        }

        @Override
        public String actionName() {
            return c.actionName();
        }

        @Override
        public String actionId() {
            return c.actionId();
        }

        @Override
        public Clock clock() {
            return c.clock();
        }

        @Override
        public FisRuntime runtime() {
            return c.runtime();
        }

        @Override
        public Map<String, String> parameters() {
            return c.parameters();
        }

        @Override
        public String parameter(String name) {
            return c.parameter(name);
        }

        @Override
        public Duration durationParameter(String name) {
            return c.durationParameter(name);
        }

        @Override
        public Map<String, List<TargetResource>> targets() {
            return c.targets();
        }

        @Override
        public void onRevert(RevertStep step) {
            Objects.requireNonNull(step, "step");
            CountedStep counted = new CountedStep(step);
            steps.add(counted);
            c.onRevert(counted);
        }

        @Override
        public ActionLog log() {
            return c.log();
        }
    }
}
