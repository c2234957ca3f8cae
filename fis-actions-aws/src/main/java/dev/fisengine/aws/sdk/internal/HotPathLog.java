package dev.fisengine.aws.sdk.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A rate-limited warning for internal errors on the SDK hot path, which degrade to "no fault". */
final class HotPathLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.aws.sdk");
    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final AtomicLong NEXT = new AtomicLong(Long.MIN_VALUE);
    private static final AtomicLong SUPPRESSED = new AtomicLong();

    private HotPathLog() {}

    static void warn(String message, Throwable t) {
        long now = System.nanoTime();
        long next = NEXT.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && NEXT.compareAndSet(next, now + INTERVAL_NANOS)) {
            long suppressed = SUPPRESSED.getAndSet(0);
            LOG.warn("{}{}", message, suppressed == 0 ? "" : " (" + suppressed + " similar warnings suppressed)", t);
        } else {
            SUPPRESSED.incrementAndGet();
        }
    }
}
