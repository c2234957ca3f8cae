package dev.fisengine.aws.sdk.internal;

import dev.fisengine.api.spi.FaultGate;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One armed rule: its counters, its per-thread random sources, and the protocol that makes disarming strict.
 *
 * <p>A decision brackets its work with {@code inFlight} increment/decrement and checks {@code live} after the
 * increment; the engine-owned {@link FaultGate} is read last, just before a fault is handed out, so that
 * stopping an experiment or engaging the kill switch takes effect at once, before any revert step runs;
 * {@link #close()} publishes a snapshot without the rule, clears {@code live}, then waits for
 * {@code inFlight} to drain. Both sides use volatile accesses (LongAdder cells are volatile), so either the decision
 * sees {@code live == false} or close sees its increment and waits for it: when close returns, no decision can hit.
 */
final class ArmedRule implements ArmedApiFault {
    private final FaultRegistry registry;
    private final ApiFaultRule rule;
    private final long sequence;
    private final FaultGate gate;
    private final LongAdder matched = new LongAdder();
    private final LongAdder injected = new LongAdder();
    private final LongAdder inFlight = new LongAdder();
    /** The count limits of the rule; {@code null} when it has none (no shared counter is touched then). */
    private final ApiFaultRule.Count count;
    /** The number of the last matching attempt, for {@code firstAttempts} / {@code everyNthAttempt}. */
    private final AtomicLong ordinal = new AtomicLong();
    /** Faults handed out against {@code maxFaults}. */
    private final AtomicLong granted = new AtomicLong();
    private final ThreadLocal<SplittableRandom> random;
    private final Set<CompletableFuture<Void>> pendingDelays = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean live = true;

    ArmedRule(FaultRegistry registry, ApiFaultRule rule, long sequence, FaultGate gate) {
        this.registry = registry;
        this.rule = rule;
        this.sequence = sequence;
        this.gate = gate;
        this.random = Decisions.perThread(rule.seed());
        this.count = rule.count().limited() ? rule.count() : null;
    }

    /**
     * Decides one attempt of a client whose principal role is {@code roleArn}: the fault to inject, or {@code null}.
     * Never throws.
     */
    ApiFault fire(String roleArn) {
        return fire(roleArn, null);
    }

    /**
     * Decides one attempt {@code target} (whose SDK request a rule's {@link dev.fisengine.aws.sdk.RequestFilter}
     * reads) of a client whose principal role is {@code roleArn}. An attempt the filter does not admit is not
     * counted as matched. Never throws.
     */
    ApiFault fire(String roleArn, CallTarget target) {
        if (!rule.appliesToRole(roleArn)) {
            return null;
        }
        if (rule.filter() != null && !RequestFilters.matches(rule.filter(), target)) {
            return null;
        }
        inFlight.increment();
        try {
            if (!live) {
                return null;
            }
            matched.increment();
            if (count != null && !count.admits(ordinal.incrementAndGet())) {
                return null;
            }
            if (!Decisions.fires(rule.percentage(), random.get())) {
                return null;
            }
            boolean slot = count != null && count.maxFaults() > 0;
            if (slot && !takeSlot(count.maxFaults())) {
                return null;
            }
            if (!gate.isOpen()) { // the engine stopped the experiment, engaged the lever or the kill switch
                if (slot) {
                    granted.decrementAndGet();
                }
                return null;
            }
            injected.increment();
            return rule.fault();
        } finally {
            inFlight.decrement();
        }
    }

    /** Takes one of the {@code max} faults, exactly under concurrency; false when all are taken. */
    private boolean takeSlot(long max) {
        while (true) {
            long taken = granted.get();
            if (taken >= max) {
                return false;
            }
            if (granted.compareAndSet(taken, taken + 1)) {
                return true;
            }
        }
    }

    /** The delay of one attempt hit by this rule's latency fault, jitter drawn from the rule's random source. */
    long delayNanos(ApiFault.Latency latency) {
        long base = latency.delay().toNanos();
        long jitter = latency.jitter().toNanos();
        return jitter <= 0 ? base : base + random.get().nextLong(jitter + 1);
    }

    /** Registers a delay in progress so that disarming ends it; completes it at once if already disarmed. */
    void registerDelay(CompletableFuture<Void> gate) {
        pendingDelays.add(gate);
        if (!live) {
            gate.complete(null);
        }
        gate.whenComplete((v, t) -> pendingDelays.remove(gate));
    }

    long sequence() {
        return sequence;
    }

    @Override
    public ApiFaultRule rule() {
        return rule;
    }

    @Override
    public long matchedCalls() {
        return matched.sum();
    }

    @Override
    public long injectedFaults() {
        return injected.sum();
    }

    @Override
    public boolean isArmed() {
        return live;
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        try {
            registry.remove(this);
            live = false;
            int spins = 0;
            while (inFlight.sum() != 0) {
                if (++spins < 100) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            for (CompletableFuture<Void> gate : pendingDelays) {
                gate.complete(null);
            }
        } finally {
            closed.countDown();
        }
    }

    private void awaitClosed() {
        boolean interrupted = false;
        while (true) {
            try {
                closed.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ArmedApiFault[" + rule + ", armed=" + live + ", matched=" + matchedCalls() + ", injected="
                + injectedFaults() + "]";
    }
}
