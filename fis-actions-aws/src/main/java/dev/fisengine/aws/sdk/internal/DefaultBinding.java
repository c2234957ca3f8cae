package dev.fisengine.aws.sdk.internal;

/**
 * The process-wide default engine that zero-code instrumentation binds to ({@code FisSdk.setDefaultRuntime}). Read
 * per attempt, so a client built before the default engine was set still sees it.
 */
public final class DefaultBinding implements FaultSource {
    /** The single instance. */
    public static final DefaultBinding INSTANCE = new DefaultBinding();

    private static volatile ClientBinding binding;

    private DefaultBinding() {}

    /** Binds zero-code clients to {@code b}, or unbinds them when {@code null}. */
    public static synchronized void set(ClientBinding b) {
        binding = b;
    }

    /** Unbinds zero-code clients if they are bound to {@code registry} (its engine is closing). */
    static synchronized void clearIf(FaultRegistry registry) {
        ClientBinding b = binding;
        if (b != null && b.registry() == registry) {
            binding = null;
        }
    }

    /** The current binding, or {@code null}. */
    public static ClientBinding get() {
        return binding;
    }

    @Override
    public FaultIndex current() {
        ClientBinding b = binding;
        return b == null ? FaultIndex.EMPTY : b.current();
    }

    @Override
    public String roleArn() {
        ClientBinding b = binding;
        return b == null ? "" : b.roleArn();
    }
}
