package dev.fisengine.aws.sdk.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared daemon threads that answer injected async attempts and end async latency delays. Created on the first
 * injected async attempt, never before.
 */
final class FaultExecutor {
    private FaultExecutor() {}

    static ScheduledExecutorService get() {
        return Holder.EXECUTOR;
    }

    private static final class Holder {
        static final ScheduledExecutorService EXECUTOR = create();

        private static ScheduledExecutorService create() {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory f = r -> {
                Thread t = new Thread(r, "fisengine-sdk-faults-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(2, f);
            e.setRemoveOnCancelPolicy(true);
            return e;
        }
    }
}
