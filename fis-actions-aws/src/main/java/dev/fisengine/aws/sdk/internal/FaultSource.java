package dev.fisengine.aws.sdk.internal;

/**
 * Where an instrumented client finds its armed faults and its principal role: a fixed engine (explicit
 * instrumentation) or the process-wide default engine (zero-code instrumentation).
 */
public interface FaultSource {
    /** The current snapshot; {@link FaultIndex#EMPTY} when idle. One or two volatile reads, no allocation. */
    FaultIndex current();

    /** The principal role ARN of the client. Called only when something is armed. */
    String roleArn();
}
