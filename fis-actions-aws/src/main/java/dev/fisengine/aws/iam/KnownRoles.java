package dev.fisengine.aws.iam;

import dev.fisengine.api.spi.FisRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The IAM roles one engine knows, with their tags: what {@code aws:iam:role} targets identified by
 * {@code resourceTags} (or by {@code filters} alone) resolve against. One per engine, kept in its component store
 * ({@link #of(FisRuntime)}); pre-register it when building the engine, or register roles later:
 * <pre>{@code
 * FisEngine engine = FisEngine.builder()
 *         .component(KnownRoles.class, new KnownRoles()
 *                 .register("arn:aws:iam::123456789012:role/orders", Map.of("team", "orders"))
 *                 .register("arn:aws:iam::123456789012:role/billing", Map.of("team", "billing")))
 *         .build();
 * KnownRoles.of(engine).register("arn:aws:iam::123456789012:role/reports");
 * }</pre>
 * The engine's {@link dev.fisengine.aws.sdk.DefaultPrincipalRole} is always known as well, with no tags unless it
 * is registered here with some. Targets identified by {@code resourceArns} do not need the roles registered: each ARN
 * resolves to itself (with the registered tags, if any).
 *
 * <p>Thread-safe: reads see an immutable snapshot; writes replace it.
 */
public final class KnownRoles {
    private volatile Map<String, IamRole> roles = Map.of();

    /** An empty set of roles. */
    public KnownRoles() {}

    /** {@code runtime}'s engine's roles: its registered component, else an empty one created on first use. */
    public static KnownRoles of(FisRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
        return runtime.component(KnownRoles.class, r -> new KnownRoles());
    }

    /** Adds {@code role}, replacing the tags of a role with the same ARN. Returns this. */
    public KnownRoles register(IamRole role) {
        Objects.requireNonNull(role, "role");
        synchronized (this) {
            Map<String, IamRole> next = new LinkedHashMap<>(roles);
            next.put(role.arn(), role);
            roles = java.util.Collections.unmodifiableMap(next);
        }
        return this;
    }

    /** Adds the role {@code roleArn} with {@code tags}, replacing the tags of a known role. Returns this. */
    public KnownRoles register(String roleArn, Map<String, String> tags) {
        return register(IamRole.of(roleArn, tags));
    }

    /**
     * Adds the role {@code roleArn} with no tags if it is not known yet; a known role keeps its tags (so recording
     * the role of every instrumented client never erases tags registered before). Returns this.
     */
    public KnownRoles register(String roleArn) {
        IamRole role = IamRole.of(roleArn);
        synchronized (this) {
            if (!roles.containsKey(role.arn())) {
                register(role);
            }
        }
        return this;
    }

    /** Forgets the role {@code roleArn}; returns whether it was known. */
    public synchronized boolean remove(String roleArn) {
        if (!roles.containsKey(roleArn)) {
            return false;
        }
        Map<String, IamRole> next = new LinkedHashMap<>(roles);
        next.remove(roleArn);
        roles = java.util.Collections.unmodifiableMap(next);
        return true;
    }

    /** The registered roles, in registration order. */
    public List<IamRole> roles() {
        return List.copyOf(roles.values());
    }

    /** The registered role with this ARN, if any. */
    public Optional<IamRole> role(String roleArn) {
        return Optional.ofNullable(roles.get(roleArn));
    }

    @Override
    public String toString() {
        return "KnownRoles" + roles.keySet();
    }
}
