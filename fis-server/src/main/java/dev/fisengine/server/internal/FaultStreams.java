package dev.fisengine.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisengine.api.spi.FaultBroadcast;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the multi-JVM protocol ({@code docs/server.md}, "Many JVMs, one experiment"): streams the
 * engine's {@link FaultBroadcast} to connected JVMs as server-sent events and takes their counters back.
 *
 * <ul>
 *   <li>{@code GET /_fisengine/faults?jvm=ID&role=ARN...}: {@code text/event-stream}; {@code hello} (the lease), then
 *       {@code arm} for every published fault whose gate is open and whose roles meet the JVM's, {@code disarm} when
 *       it is withdrawn or its gate closes, {@code heartbeat} every second.</li>
 *   <li>{@code POST /_fisengine/faults/counters}: {@code {"jvm": ID, "counters": [{"id", "matched", "injected",
 *       "final"}]}}; a {@code final} entry confirms a disarm.</li>
 * </ul>
 * Withdrawing a fault ({@link #withdrawn}) sends the disarm on the withdrawing thread and waits up to
 * {@value #ACK_TIMEOUT_MILLIS} ms for every JVM that had it to confirm; a JVM that does not is disconnected (and
 * disarms by itself when its lease runs out). A write that does not complete within {@value #WRITE_TIMEOUT_MILLIS} ms
 * disconnects its JVM too, so no thread waits on a stuck client for longer.
 */
public final class FaultStreams implements FaultBroadcast.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.server.faults");
    public static final String PATH = "/_fisengine/faults";
    public static final String COUNTERS_PATH = PATH + "/counters";
    static final long LEASE_MILLIS = 3000;
    static final long HEARTBEAT_MILLIS = 1000;
    static final long TICK_MILLIS = 100;
    static final long ACK_TIMEOUT_MILLIS = 1000;
    static final long WRITE_TIMEOUT_MILLIS = 1000;
    static final int MAX_COUNTERS_BODY = 64 * 1024;
    static final int MAX_JVMS = 1000;

    private final FaultBroadcast broadcast;
    private final AutoCloseable registration;
    private final ScheduledExecutorService timer;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicLong ticks = new AtomicLong();
    private volatile boolean closed;

    public FaultStreams(FaultBroadcast broadcast) {
        this.broadcast = broadcast;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fis-server-fault-streams");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        this.registration = broadcast.listen(this);
    }

    /** Whether {@code path} is one of this class's. */
    public static boolean owns(String path) {
        return path != null && (path.equals(PATH) || path.startsWith(PATH + "/"));
    }

    /** The JVMs connected now. */
    public int connected() {
        return subscribers.size();
    }

    /** Handles a request under {@value #PATH}; never throws. */
    public void handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        try {
            if (PATH.equals(path) && "GET".equals(method)) {
                subscribe(request, response, callback);
            } else if (COUNTERS_PATH.equals(path) && "POST".equals(method)) {
                counters(request, response, callback);
            } else if (PATH.equals(path) || COUNTERS_PATH.equals(path)) {
                send(response, callback, FisRestApi.error(400, "ValidationException", method + " " + path
                        + " is not supported; this path accepts " + (PATH.equals(path) ? "GET" : "POST")));
            } else {
                send(response, callback, FisRestApi.error(404, "ResourceNotFoundException", "No FIS operation at "
                        + method + " " + path));
            }
        } catch (Exception e) {
            LOG.warn("{} {} failed: {}", method, path, e.toString());
            if (!response.isCommitted()) {
                send(response, callback, FisRestApi.error(500, "InternalServerException", "The server failed to "
                        + "handle " + method + " " + path + "; see its log."));
            } else {
                callback.failed(e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ streams

    private void subscribe(Request request, Response response, Callback callback) {
        Map<String, List<String>> q = Query.parse(request.getHttpURI().getQuery());
        String jvm = first(q, "jvm");
        if (jvm == null || jvm.isBlank() || jvm.length() > 200) {
            send(response, callback, FisRestApi.error(400, "ValidationException", "jvm: a query parameter naming the "
                    + "connecting JVM (1-200 characters) is required"));
            return;
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String r : q.getOrDefault("role", List.of())) {
            if (!r.startsWith("arn:") || r.length() > 2048) {
                send(response, callback, FisRestApi.error(400, "ValidationException", "role: \"" + abbreviate(r)
                        + "\" is not an IAM role ARN"));
                return;
            }
            roles.add(r);
        }
        if (closed || subscribers.size() >= MAX_JVMS) {
            send(response, callback, FisRestApi.error(503, "ServiceUnavailableException", closed
                    ? "The server is stopping." : "Too many connected JVMs (" + MAX_JVMS + ")."));
            return;
        }
        response.setStatus(200);
        response.getHeaders().put("Content-Type", "text/event-stream");
        response.getHeaders().put("Cache-Control", "no-cache");
        Subscriber s = new Subscriber(jvm, Set.copyOf(roles), response, callback);
        broadcast.addRemoteRoles(roles);
        subscribers.add(s);
        LOG.info("JVM {} connected for API faults (roles {})", jvm, roles);
        s.write("event: hello\ndata: {\"leaseMillis\":" + LEASE_MILLIS + ",\"heartbeatMillis\":" + HEARTBEAT_MILLIS
                + "}\n\n");
        s.sync();
    }

    @Override
    public void changed() {
        if (!closed) {
            try {
                timer.execute(this::syncAll);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    @Override
    public void withdrawn(FaultBroadcast.Fault fault) {
        List<Subscriber> waiting = new ArrayList<>();
        for (Subscriber s : subscribers) {
            s.sync(); // sends the disarm now, on this thread, unless it was sent already
            if (s.acks.containsKey(fault.id())) {
                waiting.add(s);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACK_TIMEOUT_MILLIS);
        for (Subscriber s : waiting) {
            CountDownLatch latch = s.acks.get(fault.id());
            boolean acked = true;
            if (latch != null) {
                try {
                    acked = latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    acked = false;
                }
                s.acks.remove(fault.id());
            }
            if (!acked && !s.dead) {
                s.kill("it did not confirm the disarm of fault " + fault.id() + " within " + ACK_TIMEOUT_MILLIS
                        + " ms; it disarms when its " + LEASE_MILLIS + " ms lease runs out");
            }
        }
    }

    private void syncAll() {
        if (subscribers.isEmpty()) {
            return;
        }
        for (Subscriber s : subscribers) {
            s.sync();
        }
    }

    /** Every 100 ms: faults whose gate closed are disarmed; every second, a heartbeat renews the leases. */
    private void tick() {
        try {
            syncAll();
            if (ticks.incrementAndGet() % (HEARTBEAT_MILLIS / TICK_MILLIS) == 0) {
                for (Subscriber s : subscribers) {
                    s.write("event: heartbeat\ndata: {}\n\n");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Fault stream tick failed", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ counters

    private void counters(Request request, Response response, Callback callback) throws Exception {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_COUNTERS_BODY + 1);
        }
        if (body.length > MAX_COUNTERS_BODY) {
            send(response, callback, FisRestApi.error(400, "ValidationException", "The counters body is larger than "
                    + MAX_COUNTERS_BODY + " bytes."));
            return;
        }
        JsonNode root;
        try {
            root = Wire.JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            send(response, callback, FisRestApi.error(400, "ValidationException", "The counters body is not JSON: "
                    + e.getOriginalMessage()));
            return;
        }
        String problem = null;
        if (root == null || !root.isObject() || !root.path("jvm").isTextual() || !root.path("counters").isArray()) {
            problem = "expected {\"jvm\": \"...\", \"counters\": [...]}";
        } else {
            for (int i = 0; i < root.get("counters").size() && problem == null; i++) {
                JsonNode c = root.get("counters").get(i);
                if (!c.path("id").isIntegralNumber() || !c.path("matched").isIntegralNumber()
                        || !c.path("injected").isIntegralNumber()) {
                    problem = "/counters/" + i + ": expected {\"id\": N, \"matched\": N, \"injected\": N, \"final\": "
                            + "true|false}";
                }
            }
        }
        if (problem != null) {
            send(response, callback, FisRestApi.error(400, "ValidationException", problem));
            return;
        }
        String jvm = root.get("jvm").asText();
        for (JsonNode c : root.get("counters")) {
            long id = c.get("id").asLong();
            broadcast.report(id, jvm, c.get("matched").asLong(), c.get("injected").asLong());
            if (c.path("final").asBoolean(false)) {
                for (Subscriber s : subscribers) {
                    if (s.jvm.equals(jvm)) {
                        CountDownLatch latch = s.acks.get(id);
                        if (latch != null) {
                            latch.countDown();
                        }
                    }
                }
            }
        }
        send(response, callback, new FisRestApi.Response(200, new LinkedHashMap<>(Map.of("Content-Type",
                "application/json")), "{}".getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------------------------------------ closing

    /** Ends every stream (connected JVMs see the end and disarm at once) and stops listening. */
    @Override
    public void close() {
        closed = true;
        try {
            registration.close();
        } catch (Exception e) {
            LOG.debug("Unregistering the fault streams: {}", e.toString());
        }
        timer.shutdownNow();
        for (Subscriber s : subscribers) {
            s.end();
        }
    }

    private static void send(Response response, Callback callback, FisRestApi.Response out) {
        response.setStatus(out.status());
        out.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        response.write(true, ByteBuffer.wrap(out.body()), callback);
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** One connected JVM: its stream, the faults it was sent, and the disarms it has yet to confirm. */
    private final class Subscriber {
        final String jvm;
        final Set<String> roles;
        final Response response;
        final Callback callback;
        /** Guarded by {@code this}. */
        final Set<Long> sent = new HashSet<>();
        final Map<Long, CountDownLatch> acks = new ConcurrentHashMap<>();
        volatile boolean dead;

        Subscriber(String jvm, Set<String> roles, Response response, Callback callback) {
            this.jvm = jvm;
            this.roles = roles;
            this.response = response;
            this.callback = callback;
        }

        /**
         * Sends {@code arm} for the faults it should have and lacks, {@code disarm} for those it has and should not. The
         * faults are read under this subscriber's lock, so a sync that starts after a withdrawal never arms the fault
         * again, and one that started before it is finished when the withdrawal's own sync sends the disarm.
         */
        synchronized void sync() {
            if (dead) {
                return;
            }
            List<FaultBroadcast.Fault> current = broadcast.faults();
            StringBuilder out = new StringBuilder();
            Set<Long> wanted = new HashSet<>();
            for (FaultBroadcast.Fault f : current) {
                if (f.concerns(roles) && f.gate().isOpen()) {
                    wanted.add(f.id());
                    if (!sent.contains(f.id())) {
                        out.append("event: arm\ndata: {\"id\":").append(f.id()).append(",\"fault\":")
                                .append(f.payload()).append("}\n\n");
                    }
                }
            }
            List<Long> disarm = new ArrayList<>();
            for (Long id : sent) {
                if (!wanted.contains(id)) {
                    disarm.add(id);
                }
            }
            for (Long id : disarm) {
                acks.putIfAbsent(id, new CountDownLatch(1));
                out.append("event: disarm\ndata: {\"id\":").append(id).append("}\n\n");
            }
            if (out.length() == 0) {
                return;
            }
            if (write(out.toString())) {
                sent.removeAll(disarm);
                sent.addAll(wanted);
            }
        }

        /** Writes and flushes {@code text}, within {@value #WRITE_TIMEOUT_MILLIS} ms or the JVM is disconnected. */
        synchronized boolean write(String text) {
            if (dead) {
                return false;
            }
            FutureCallback done = new FutureCallback();
            try {
                response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), done);
                done.get(WRITE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                return true;
            } catch (Exception e) {
                kill("writing to it failed (" + e + ")");
                return false;
            }
        }

        void kill(String why) {
            dead = true;
            subscribers.remove(this);
            acks.values().forEach(CountDownLatch::countDown);
            LOG.warn("Disconnecting JVM {}: {}", jvm, why);
            callback.failed(new java.io.IOException("disconnected: " + why));
        }

        /** Ends the stream cleanly (the last chunk): the JVM sees the end of the stream and disarms at once. */
        void end() {
            synchronized (this) {
                if (dead) {
                    return;
                }
                dead = true;
            }
            subscribers.remove(this);
            acks.values().forEach(CountDownLatch::countDown);
            response.write(true, ByteBuffer.allocate(0), callback);
        }
    }
}
