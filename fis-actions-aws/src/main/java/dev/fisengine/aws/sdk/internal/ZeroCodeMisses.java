package dev.fisengine.aws.sdk.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attempts that zero-code mode could not reach: an armed rule matched them, but the client's HTTP client is not the
 * fault-injecting one (the client was built with its own HTTP client, or before the SDK's HTTP service property named
 * the FIS service). Counted process-wide and warned about once per client.
 */
public final class ZeroCodeMisses {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.aws.sdk");
    private static final LongAdder MISSED = new LongAdder();

    private ZeroCodeMisses() {}

    static void record(String service, String operation, AtomicBoolean warnedForClient) {
        MISSED.increment();
        if (warnedForClient.compareAndSet(false, true)) {
            LOG.warn("zero-code API faults cannot reach this {} client: {} matched an armed fault but went out through "
                    + "an HTTP client that is not the FIS one (the client was built with its own HTTP client, or "
                    + "before FisSdk.setDefaultRuntime / the software.amazon.awssdk.http.service.impl property named "
                    + "the FIS HTTP service). Instrument it with FisSdk.instrument(builder, engine) or build it after "
                    + "the default runtime is set. Warned once per client.", service, operation);
        }
    }

    /** Attempts missed so far in this JVM. */
    public static long count() {
        return MISSED.sum();
    }
}
