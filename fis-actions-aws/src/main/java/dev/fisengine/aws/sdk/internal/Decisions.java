package dev.fisengine.aws.sdk.internal;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** The per-attempt percentage decision, kept apart so that its distribution can be tested on its own. */
public final class Decisions {
    private Decisions() {}

    /** Whether an attempt is hit at {@code percentage} (0–100), drawing from {@code random} only when it matters. */
    public static boolean fires(double percentage, RandomGenerator random) {
        if (percentage >= 100) {
            return true;
        }
        if (percentage <= 0) {
            return false;
        }
        return random.nextDouble() * 100.0 < percentage;
    }

    /**
     * Per-thread random sources split from one root seeded with {@code seed}: no contention between threads, and one
     * thread's sequence of decisions is reproducible from the seed.
     */
    static ThreadLocal<SplittableRandom> perThread(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        return ThreadLocal.withInitial(() -> {
            synchronized (root) {
                return root.split();
            }
        });
    }
}
