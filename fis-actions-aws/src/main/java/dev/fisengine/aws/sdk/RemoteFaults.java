package dev.fisengine.aws.sdk;

import dev.fisengine.api.spi.FaultGate;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.aws.sdk.internal.FaultRegistry;
import dev.fisengine.aws.sdk.internal.RemoteConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * This JVM connected to a running {@code fis serve} (or an embedded {@code FisServer}): the API faults that the
 * server's experiments arm for this JVM's roles are armed here, in this object's own {@link ApiFaultRegistry}, and hit
 * the SDK clients instrumented for it on the ordinary in-process hot path (no network round trip per call). The
 * protocol (server-sent events with a lease, counters posted back) is in {@code docs/server.md}.
 *
 * <pre>{@code
 * RemoteFaults faults = FisSdk.connect(URI.create("http://127.0.0.1:8900"), "arn:aws:iam::123456789012:role/app");
 * DynamoDbClient ddb = FisSdk.instrument(DynamoDbClient.builder(), faults, "arn:aws:iam::123456789012:role/app")
 *         .build();
 * }</pre>
 *
 * Zero-code: set {@value #SERVER_ENV} (or {@code -D}{@value #SERVER_PROPERTY}) to the server's URL, and optionally
 * {@value #ROLE_ENV} ({@code -D}{@value #ROLE_PROPERTY}) to the clients' role: the first SDK client the JVM builds
 * connects this JVM and makes it the {@linkplain FisSdk#setDefaultRuntime default runtime}, with zero-code
 * instrumentation switched on.
 *
 * <p>It is a {@link FisRuntime} without an engine: its fault gate is the process-wide {@link
 * dev.fisengine.api.KillSwitch}, which stops remote faults here like local ones. Losing the server disarms every
 * remote rule within the lease ({@link #lease()}, 3 s by default); closing disarms them at once.
 */
public final class RemoteFaults implements FisRuntime, AutoCloseable {
    /** The system property naming the server to connect to (zero-code). */
    public static final String SERVER_PROPERTY = "fisengine.sdk.server";
    /** The environment variable naming the server to connect to (zero-code). */
    public static final String SERVER_ENV = "FISENGINE_SDK_SERVER";
    /** The system property naming the role of zero-code clients (comma-separated for several). */
    public static final String ROLE_PROPERTY = "fisengine.sdk.roleArn";
    /** The environment variable naming the role of zero-code clients (comma-separated for several). */
    public static final String ROLE_ENV = "FISENGINE_SDK_ROLE_ARN";

    private final URI server;
    private final Set<String> roleArns;
    private final String jvmId;
    private final Map<Class<?>, Object> components = new LinkedHashMap<>();
    private final RemoteConnection connection;

    private RemoteFaults(URI server, Set<String> roleArns) {
        this.server = server;
        this.roleArns = roleArns;
        this.jvmId = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        components.put(DefaultPrincipalRole.class, new DefaultPrincipalRole(roleArns.iterator().next()));
        this.connection = new RemoteConnection(server, roleArns, jvmId, FaultRegistry.of(this));
    }

    /**
     * Connects this JVM to the server at {@code server} ({@code http://host:port}) for the faults of clients with
     * {@code roleArns} (none: {@link DefaultPrincipalRole#FALLBACK}). Returns at once; the stream connects (and
     * reconnects) in the background: {@link #awaitConnected} waits for it.
     */
    public static RemoteFaults connect(URI server, Collection<String> roleArns) {
        Objects.requireNonNull(server, "server");
        if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme()) || server.getHost() == null) {
            throw new IllegalArgumentException("server: \"" + server + "\" is not an http://host:port URL");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String r : roleArns == null ? List.<String>of() : roleArns) {
            String arn = Objects.requireNonNull(r, "roleArns contains null").trim();
            if (!arn.startsWith("arn:")) {
                throw new IllegalArgumentException("roleArns: \"" + r + "\" is not an ARN");
            }
            roles.add(arn);
        }
        if (roles.isEmpty()) {
            roles.add(DefaultPrincipalRole.FALLBACK.roleArn());
        }
        URI base = URI.create(server.getScheme() + "://" + server.getRawAuthority());
        RemoteFaults r = new RemoteFaults(base, Set.copyOf(roles));
        r.connection.start();
        return r;
    }

    /** The server. */
    public URI server() {
        return server;
    }

    /** The roles this JVM declared; the first is the default role of clients instrumented without one. */
    public Set<String> roleArns() {
        return roleArns;
    }

    /** This JVM's id on the server (process id and a random suffix). */
    public String jvmId() {
        return jvmId;
    }

    /** Whether the event stream is up (the server's {@code hello} arrived and the lease has not run out). */
    public boolean isConnected() {
        return connection.isConnected();
    }

    /** Waits for the stream to be up; false if it is not within {@code timeout}. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return connection.awaitConnected(timeout);
    }

    /** The rules the server armed here now. */
    public int armedRules() {
        return connection.armedRules();
    }

    /** How many times an established stream was lost (each time every remote rule was disarmed). */
    public long lostConnections() {
        return connection.lostConnections();
    }

    /** How long without any event (a heartbeat comes every second) before every remote rule is disarmed. */
    public Duration lease() {
        return connection.lease();
    }

    /** The registry the remote rules are armed in (the one clients instrumented for this runtime consult). */
    public ApiFaultRegistry registry() {
        return FaultRegistry.of(this);
    }

    @Override
    public String runtimeId() {
        return "remote:" + server + "#" + jvmId;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public <T> T component(Class<T> type, Function<? super FisRuntime, ? extends T> factory) {
        synchronized (components) {
            Object o = components.get(type);
            if (o == null) {
                o = Objects.requireNonNull(factory.apply(this), "component factory returned null");
                components.put(type, o);
            }
            return type.cast(o);
        }
    }

    @Override
    public FaultGate faultGate() {
        return FaultGate.processWide();
    }

    /** Disconnects and disarms every remote rule; returns once none can hit a call. */
    @Override
    public void close() {
        connection.close();
        List<Object> all;
        synchronized (components) {
            all = new ArrayList<>(components.values());
        }
        for (Object o : all) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort, as the engine closes its components
                }
            }
        }
    }

    @Override
    public String toString() {
        return "RemoteFaults[" + server + ", roles " + roleArns + ", " + (isConnected() ? "connected" : "not connected")
                + ", " + armedRules() + " rule(s)]";
    }
}
