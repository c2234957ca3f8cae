package dev.fisengine.aws.sdk.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisengine.aws.sdk.ArmedApiFault;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected JVM's side of the multi-JVM protocol ({@code docs/server.md}): a server-sent-events stream from
 * {@code GET /_fisengine/faults}, read on one daemon thread with the JDK's {@link HttpClient}; {@code arm} events arm
 * rules in a local {@link FaultRegistry} (so the SDK hot path is the in-process one, no network round trip per call),
 * {@code disarm} events disarm them and are acknowledged with the rule's final counters
 * ({@code POST /_fisengine/faults/counters}); counters are also reported every second.
 *
 * <p>Fail safe: every event (heartbeats included) renews a lease of {@code leaseMillis} (the server's {@code hello}
 * says how long, 3 s by default); a watchdog checking every {@value #WATCHDOG_MILLIS} ms disarms every rule when the
 * lease runs out, and the stream ending, a read error, or a malformed or oversized event disarm every rule at once.
 * Then it reconnects (100 ms backoff doubling to 2 s), and the server sends the rules armed at that time again.
 */
public final class RemoteConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.aws.sdk.remote");
    /** The path of the event stream. */
    public static final String FAULTS_PATH = "/_fisengine/faults";
    /** The path counters are posted to. */
    public static final String COUNTERS_PATH = "/_fisengine/faults/counters";
    static final long WATCHDOG_MILLIS = 100;
    static final long REPORT_MILLIS = 1000;
    /** Rules one connection may arm at once; more is treated as a malformed stream. */
    static final int MAX_RULES = 256;
    private static final long MIN_LEASE_MILLIS = 500;
    private static final long MAX_LEASE_MILLIS = 30_000;
    private static final long DEFAULT_LEASE_MILLIS = 3000;

    private final URI server;
    private final Set<String> roles;
    private final String jvmId;
    private final FaultRegistry registry;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Thread reader;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong lostConnections = new AtomicLong();

    /** Guarded by {@code this}: the rules armed from the current stream, by server fault id. */
    private final Map<Long, Held> held = new LinkedHashMap<>();
    /** Guarded by {@code this}: counts of rules disarmed by a lost connection, to keep reports cumulative. */
    private final Map<Long, long[]> carried = new HashMap<>();
    private volatile InputStream stream;
    private volatile long lastEventNanos = System.nanoTime();
    private volatile long leaseNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_LEASE_MILLIS);
    private volatile boolean connected;
    /** A stream is open (its {@code hello} may not have come yet): the lease applies to it too. */
    private volatile boolean streamOpen;
    private volatile boolean warnedUnreachable;
    private volatile boolean closed;
    private volatile CountDownLatch connectedLatch = new CountDownLatch(1);

    private static final class Held {
        final ArmedApiFault fault;
        final long carriedMatched;
        final long carriedInjected;
        long reportedMatched = -1;
        long reportedInjected = -1;

        Held(ArmedApiFault fault, long[] carried) {
            this.fault = fault;
            this.carriedMatched = carried == null ? 0 : carried[0];
            this.carriedInjected = carried == null ? 0 : carried[1];
        }

        long matched() {
            return carriedMatched + fault.matchedCalls();
        }

        long injected() {
            return carriedInjected + fault.injectedFaults();
        }
    }

    public RemoteConnection(URI server, Set<String> roles, String jvmId, FaultRegistry registry) {
        this.server = server;
        this.roles = Set.copyOf(roles);
        this.jvmId = jvmId;
        this.registry = registry;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fisengine-remote-faults-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.reader = new Thread(this::readLoop, "fisengine-remote-faults");
        reader.setDaemon(true);
    }

    public void start() {
        reader.start();
        scheduler.scheduleWithFixedDelay(this::watchdog, WATCHDOG_MILLIS, WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::reportCounters, REPORT_MILLIS, REPORT_MILLIS, TimeUnit.MILLISECONDS);
    }

    public boolean isConnected() {
        return connected;
    }

    /** Waits until the server's {@code hello} arrived on a stream; false if it did not within {@code timeout}. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return connectedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && connected;
    }

    /** The rules armed from the server now. */
    public synchronized int armedRules() {
        return held.size();
    }

    /** Times a stream was lost (ended, failed, lease expired, malformed event) after a {@code hello}. */
    public long lostConnections() {
        return lostConnections.get();
    }

    /** The lease: how long without any event before every rule is disarmed. */
    public Duration lease() {
        return Duration.ofNanos(leaseNanos);
    }

    // ------------------------------------------------------------------------------------------------ the stream

    private void readLoop() {
        long backoff = 100;
        while (!closed) {
            long gen = generation.incrementAndGet();
            String reason;
            try {
                HttpRequest request = HttpRequest.newBuilder(streamUri())
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(5)) // until the response headers
                        .GET().build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                InputStream in = response.body();
                if (response.statusCode() != 200) {
                    in.close();
                    throw new IOException("HTTP " + response.statusCode() + " from " + server + FAULTS_PATH);
                }
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")) {
                    in.close();
                    throw new IOException(server + FAULTS_PATH + " answered " + (type.isEmpty() ? "no content type"
                            : type) + ", not text/event-stream: is it a fis serve?");
                }
                stream = in;
                streamOpen = true;
                lastEventNanos = System.nanoTime();
                if (closed || gen != generation.get()) {
                    in.close();
                    break;
                }
                read(in, gen);
                reason = "the server ended the stream";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reason = "interrupted";
            } catch (IOException | RuntimeException e) {
                reason = e instanceof MalformedEvent ? "malformed event: " + e.getMessage() : e.toString();
            }
            boolean wasConnected = lost(gen, reason);
            if (wasConnected) {
                backoff = 100;
            }
            try {
                if (closedLatch.await(backoff, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                break;
            }
            backoff = Math.min(2000, backoff * 2);
        }
    }

    private URI streamUri() {
        StringBuilder q = new StringBuilder("jvm=").append(enc(jvmId));
        for (String r : roles) {
            q.append("&role=").append(enc(r));
        }
        return server.resolve(FAULTS_PATH + "?" + q);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Reads events until the stream ends; throws {@link MalformedEvent} for an event it cannot take. */
    private void read(InputStream raw, long gen) throws IOException {
        InputStream in = new BufferedInputStream(raw, 8192);
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = readLine(in)) != null) {
            if (gen != generation.get()) {
                return; // the watchdog gave this stream up
            }
            lastEventNanos = System.nanoTime();
            if (line.isEmpty()) {
                if (event != null || data != null) {
                    dispatch(event == null ? "message" : event, data == null ? "" : data.toString(), gen);
                }
                event = null;
                data = null;
            } else if (line.startsWith(":")) {
                continue; // a comment
            } else if (line.startsWith("event:")) {
                event = field(line, 6);
            } else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(field(line, 5));
                if (data.length() > RemoteRules.MAX_EVENT_BYTES) {
                    throw new MalformedEvent("an event larger than " + RemoteRules.MAX_EVENT_BYTES + " bytes");
                }
            }
        }
    }

    private static String field(String line, int from) {
        return line.length() > from && line.charAt(from) == ' ' ? line.substring(from + 1) : line.substring(from);
    }

    /** One line without its terminator, at most {@link RemoteRules#MAX_EVENT_BYTES} bytes; null at the end. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            if (buf.size() >= RemoteRules.MAX_EVENT_BYTES + 16) {
                throw new MalformedEvent("a line longer than " + RemoteRules.MAX_EVENT_BYTES + " bytes");
            }
            buf.write(b);
        }
        if (b == -1 && buf.size() == 0) {
            return null;
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private void dispatch(String event, String data, long gen) {
        switch (event) {
            case "hello" -> {
                long lease = Math.max(MIN_LEASE_MILLIS, Math.min(MAX_LEASE_MILLIS, parse(() ->
                        RemoteRules.readLeaseMillis(data))));
                leaseNanos = TimeUnit.MILLISECONDS.toNanos(lease);
                connected = true;
                connectedLatch.countDown();
                LOG.info("Connected to {} for API faults (lease {} ms, roles {})", server, lease, roles);
            }
            case "arm" -> arm(parse(() -> RemoteRules.readArm(data)), gen);
            case "disarm" -> disarm(parse(() -> RemoteRules.readDisarm(data)), gen);
            case "heartbeat" -> { } // renews the lease, as every event does
            default -> LOG.debug("Ignoring event '{}' from {}", event, server);
        }
    }

    private static <T> T parse(java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            throw new MalformedEvent(e.getMessage());
        }
    }

    private void arm(RemoteRules.Received r, long gen) {
        synchronized (this) {
            if (gen != generation.get() || closed || held.containsKey(r.id())) {
                return;
            }
            if (held.size() >= MAX_RULES) {
                throw new MalformedEvent("more than " + MAX_RULES + " rules armed at once");
            }
            ArmedApiFault fault;
            try {
                fault = registry.arm(r.rule());
            } catch (IllegalStateException e) { // the kill switch is engaged in this JVM: nothing is armed
                LOG.warn("Not arming fault {} of experiment {} from {}: {}", r.id(), r.experimentId(), server,
                        e.getMessage());
                return;
            }
            held.put(r.id(), new Held(fault, carried.remove(r.id())));
        }
        LOG.info("Armed fault {} of experiment {} (action {}) from {}: {}", r.id(), r.experimentId(), r.action(),
                server, r.rule());
    }

    private void disarm(long id, long gen) {
        Held h;
        synchronized (this) {
            if (gen != generation.get()) {
                return;
            }
            h = held.remove(id);
            carried.remove(id);
        }
        if (h != null) {
            h.fault.close(); // returns once no attempt can still be hit
            LOG.info("Disarmed fault {} from {}: {} attempts matched, {} faults injected", id, server, h.matched(),
                    h.injected());
        }
        post(List.of(counter(id, h == null ? 0 : h.matched(), h == null ? 0 : h.injected(), true)));
    }

    /** The stream of generation {@code gen} is gone: disarm everything it armed. Returns whether it was connected. */
    private boolean lost(long gen, String reason) {
        List<Held> dropped;
        boolean was;
        synchronized (this) {
            if (gen == generation.get()) {
                generation.incrementAndGet();
            }
            was = connected;
            connected = false;
            streamOpen = false;
            if (was) {
                connectedLatch = new CountDownLatch(1);
            }
            dropped = new ArrayList<>();
            for (Map.Entry<Long, Held> e : held.entrySet()) {
                dropped.add(e.getValue());
                carried.put(e.getKey(), new long[] {e.getValue().matched(), e.getValue().injected()});
            }
            held.clear();
        }
        InputStream s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException | RuntimeException ignored) {
                // closing a broken stream
            }
        }
        for (Held h : dropped) {
            h.fault.close();
        }
        if (was) {
            lostConnections.incrementAndGet();
        }
        if (!closed && (was || !dropped.isEmpty())) {
            LOG.warn("Lost the API-fault stream from {} ({}): disarmed {} rule(s); reconnecting", server, reason,
                    dropped.size());
        } else if (!closed && !warnedUnreachable) {
            warnedUnreachable = true; // once; then at debug level, every retry
            LOG.warn("Cannot connect to {} for API faults ({}); retrying every 2 s at most", server, reason);
        } else if (!closed) {
            LOG.debug("Cannot connect to {} for API faults: {}", server, reason);
        }
        return was;
    }

    private void watchdog() {
        try {
            long silent = System.nanoTime() - lastEventNanos;
            boolean holding;
            synchronized (this) {
                holding = !held.isEmpty();
            }
            if ((connected || streamOpen || holding) && silent > leaseNanos) {
                lost(generation.get(), "no event for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms, the lease is "
                        + TimeUnit.NANOSECONDS.toMillis(leaseNanos) + " ms");
            }
        } catch (RuntimeException e) {
            LOG.warn("API-fault watchdog failed", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ counters

    private void reportCounters() {
        try {
            List<ObjectNode> changed = new ArrayList<>();
            synchronized (this) {
                for (Map.Entry<Long, Held> e : held.entrySet()) {
                    Held h = e.getValue();
                    long m = h.matched();
                    long i = h.injected();
                    if (m != h.reportedMatched || i != h.reportedInjected) {
                        h.reportedMatched = m;
                        h.reportedInjected = i;
                        changed.add(counter(e.getKey(), m, i, false));
                    }
                }
            }
            if (!changed.isEmpty()) {
                post(changed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Reporting API-fault counters failed", e);
        }
    }

    private static ObjectNode counter(long id, long matched, long injected, boolean last) {
        ObjectNode c = RemoteRules.JSON.createObjectNode();
        c.put("id", id);
        c.put("matched", matched);
        c.put("injected", injected);
        c.put("final", last);
        return c;
    }

    private void post(List<ObjectNode> counters) {
        ObjectNode body = RemoteRules.JSON.createObjectNode();
        body.put("jvm", jvmId);
        ArrayNode a = body.putArray("counters");
        counters.forEach(a::add);
        HttpRequest request = HttpRequest.newBuilder(server.resolve(COUNTERS_PATH))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, t) -> {
            if (t != null) {
                LOG.debug("Posting API-fault counters to {} failed: {}", server, t.toString());
            } else if (r.statusCode() != 200) {
                LOG.debug("Posting API-fault counters to {}: HTTP {}", server, r.statusCode());
            }
        });
    }

    /** Disconnects and disarms every rule it armed; returns once none can be hit. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closedLatch.countDown();
        lost(generation.get(), "closed");
        scheduler.shutdownNow();
        reader.interrupt();
    }

    /** An event the connection cannot take: it disarms everything and reconnects. */
    private static final class MalformedEvent extends RuntimeException {
        MalformedEvent(String message) {
            super(message);
        }
    }
}
