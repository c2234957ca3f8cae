package dev.fisengine.aws.sdk;

/**
 * An armed {@link ApiFaultRule}: the handle that disarms it, and its counters. The engine's revert step for an
 * API-fault action closes it.
 */
public interface ArmedApiFault extends AutoCloseable {

    ApiFaultRule rule();

    /** Attempts that matched the rule's service, operation and role and were decided against its percentage. */
    long matchedCalls();

    /** Attempts the fault was injected into. */
    long injectedFaults();

    /** Whether the fault is still armed. */
    boolean isArmed();

    /**
     * Disarms the fault, exactly once; later calls return at once. When this returns no attempt can still be hit by
     * this rule: new attempts no longer see it, decisions that read it before have finished, and latency delays it
     * started end at once.
     */
    @Override
    void close();
}
