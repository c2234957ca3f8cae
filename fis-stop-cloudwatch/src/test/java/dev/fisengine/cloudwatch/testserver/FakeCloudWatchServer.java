package dev.fisengine.cloudwatch.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CloudWatch of one region and account on 127.0.0.1 that speaks smithy-rpc-v2-cbor the way the SDK 2.57.8
 * {@code CloudWatchClient} does: {@code POST /service/GraniteServiceVersion20100801/operation/<Operation>} with
 * {@code smithy-protocol: rpc-v2-cbor} and CBOR bodies. It implements {@code DescribeAlarms} (the {@code AlarmNames},
 * {@code AlarmNamePrefix}, {@code AlarmTypes}, {@code StateValue}, {@code MaxRecords} and {@code NextToken} inputs;
 * metric and composite alarms) and {@code SetAlarmState}. Tests flip alarms through the SDK or directly, and can make
 * {@code DescribeAlarms} answer with a throttling error, a 500, a slow answer, or refuse connections.
 */
public final class FakeCloudWatchServer implements AutoCloseable {
    public static final String PATH_PREFIX = "/service/GraniteServiceVersion20100801/operation/";

    /** A fault {@code DescribeAlarms} can answer with. */
    public enum Fault {
        /** 400 {@code {"__type":"Throttling"}}, as CloudWatch throttles ("Rate exceeded"). */
        THROTTLE,
        /** 500 {@code InternalServiceFault}. */
        INTERNAL_ERROR,
        /** An answer that comes only after {@link #hangTime(Duration)}. */
        HANG
    }

    /** One request the server received. */
    public record Call(String operation, String path, Map<String, List<String>> headers, List<String> alarmNames,
            int status) {}

    private record Alarm(String name, String arn, boolean composite, String state, String reason, Instant updated) {}

    static {
        // Without TCP_NODELAY each answer waits for the client's delayed ACK (~40 ms on Linux).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final CBORFactory CBOR = new CBORFactory();
    private static final CBORMapper MAPPER = new CBORMapper();

    private final String region;
    private final String account;
    private final Map<String, Alarm> alarms = new TreeMap<>(); // guarded by this
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger faultsLeft = new AtomicInteger();
    private volatile Fault fault;
    private volatile Duration hangTime = Duration.ofSeconds(5);
    private final int port;
    private HttpServer server; // guarded by this
    private ExecutorService executor; // guarded by this

    private FakeCloudWatchServer(String region, String account) throws IOException {
        this.region = region;
        this.account = account;
        listen(0);
        this.port = server.getAddress().getPort();
    }

    /** Starts a server for {@code region} and the 12-digit {@code account} on a free port of 127.0.0.1. */
    public static FakeCloudWatchServer start(String region, String account) throws IOException {
        return new FakeCloudWatchServer(region, account);
    }

    private synchronized void listen(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-cloudwatch-" + region);
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        s.start();
        server = s;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String region() {
        return region;
    }

    public String arn(String name) {
        return "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name;
    }

    /** Creates or replaces a metric alarm; returns its ARN. */
    public String putAlarm(String name, String state, String reason) {
        return put(name, false, state, reason);
    }

    /** Creates or replaces a composite alarm; returns its ARN. */
    public String putCompositeAlarm(String name, String state, String reason) {
        return put(name, true, state, reason);
    }

    private synchronized String put(String name, boolean composite, String state, String reason) {
        String arn = arn(name);
        alarms.put(name, new Alarm(name, arn, composite, state, reason, Instant.now()));
        return arn;
    }

    /** Sets an alarm's state directly, as CloudWatch's evaluation would. */
    public synchronized void setState(String name, String state, String reason) {
        Alarm a = alarms.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no alarm " + name);
        }
        alarms.put(name, new Alarm(name, a.arn(), a.composite(), state, reason, Instant.now()));
    }

    public synchronized void removeAlarm(String name) {
        alarms.remove(name);
    }

    public synchronized String state(String name) {
        Alarm a = alarms.get(name);
        return a == null ? null : a.state();
    }

    /** The next {@code count} {@code DescribeAlarms} calls answer with {@code fault}. */
    public void failNext(int count, Fault fault) {
        this.fault = fault;
        faultsLeft.set(count);
    }

    /** Every {@code DescribeAlarms} call answers with {@code fault} until {@link #heal()}. */
    public void failAlways(Fault fault) {
        failNext(Integer.MAX_VALUE, fault);
    }

    public void heal() {
        faultsLeft.set(0);
        fault = null;
    }

    /** How long a {@link Fault#HANG} answer takes. */
    public void hangTime(Duration hangTime) {
        this.hangTime = hangTime;
    }

    /** Closes the listening socket: connections to the port are refused until {@link #acceptConnections()}. */
    public synchronized void refuseConnections() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Listens again on the same port. */
    public synchronized void acceptConnections() throws IOException {
        if (server == null) {
            listen(port);
        }
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    public void clearCalls() {
        calls.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String operation = path.startsWith(PATH_PREFIX) ? path.substring(PATH_PREFIX.length()) : "";
            JsonNode input = body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
            List<String> names = new ArrayList<>();
            input.path("AlarmNames").forEach(n -> names.add(n.asText()));
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));

            Response response = answer(exchange, operation, input, names);
            calls.add(new Call(operation, path, headers, List.copyOf(names), response.status));
            exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
            exchange.getResponseHeaders().add("Content-Type", "application/cbor");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "fake-" + calls.size());
            response.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(response.status, response.body.length == 0 ? -1 : response.body.length);
            if (response.body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body);
                }
            }
        }
    }

    private record Response(int status, byte[] body, Map<String, String> headers) {}

    private Response answer(HttpExchange exchange, String operation, JsonNode input, List<String> names)
            throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())
                || !"rpc-v2-cbor".equals(exchange.getRequestHeaders().getFirst("smithy-protocol"))) {
            return error(400, "ValidationError", "Sender", "not a smithy-rpc-v2-cbor request");
        }
        switch (operation) {
            case "DescribeAlarms":
                Fault f = fault;
                if (f != null && faultsLeft.getAndDecrement() > 0) {
                    return faulted(f, input, names);
                }
                return describeAlarms(input, names);
            case "SetAlarmState":
                return setAlarmState(input);
            default:
                return error(400, "InvalidAction", "Sender", "operation " + operation + " is not supported by this test server");
        }
    }

    private Response faulted(Fault f, JsonNode input, List<String> names) throws IOException {
        switch (f) {
            case THROTTLE:
                return error(400, "Throttling", "Sender", "Rate exceeded");
            case INTERNAL_ERROR:
                return error(500, "InternalServiceFault", "Receiver", "Internal service error");
            case HANG:
                try {
                    Thread.sleep(hangTime.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return describeAlarms(input, names);
            default:
                throw new IllegalStateException(f.toString());
        }
    }

    private Response describeAlarms(JsonNode input, List<String> names) throws IOException {
        List<String> types = new ArrayList<>();
        input.path("AlarmTypes").forEach(n -> types.add(n.asText()));
        boolean metric = types.isEmpty() || types.contains("MetricAlarm");
        boolean composite = types.contains("CompositeAlarm");
        String prefix = input.path("AlarmNamePrefix").asText(null);
        String stateFilter = input.path("StateValue").asText(null);
        int max = input.path("MaxRecords").asInt(50);
        int start = input.hasNonNull("NextToken") ? Integer.parseInt(input.get("NextToken").asText()) : 0;
        if (names.size() > 100) {
            return error(400, "ValidationError", "Sender",
                    "1 validation error detected: Value at 'alarmNames' failed to satisfy constraint: Member must"
                            + " have length less than or equal to 100");
        }
        List<Alarm> matching = new ArrayList<>();
        synchronized (this) {
            for (Alarm a : alarms.values()) {
                if ((a.composite() ? composite : metric)
                        && (names.isEmpty() || names.contains(a.name()))
                        && (prefix == null || a.name().startsWith(prefix))
                        && (stateFilter == null || stateFilter.equals(a.state()))) {
                    matching.add(a);
                }
            }
        }
        int end = Math.min(matching.size(), start + max);
        List<Alarm> page = matching.subList(Math.min(start, end), end);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = CBOR.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("MetricAlarms");
            writeAlarms(g, page, false);
            g.writeFieldName("CompositeAlarms");
            writeAlarms(g, page, true);
            if (end < matching.size()) {
                g.writeStringField("NextToken", Integer.toString(end));
            }
            g.writeEndObject();
        }
        return new Response(200, out.toByteArray(), Map.of());
    }

    private static void writeAlarms(CBORGenerator g, List<Alarm> page, boolean composite) throws IOException {
        g.writeStartArray();
        for (Alarm a : page) {
            if (a.composite() != composite) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("AlarmName", a.name());
            g.writeStringField("AlarmArn", a.arn());
            g.writeBooleanField("ActionsEnabled", true);
            g.writeStringField("StateValue", a.state());
            g.writeStringField("StateReason", a.reason());
            g.writeFieldName("StateUpdatedTimestamp");
            g.writeTag(1); // CBOR epoch-based date/time, as smithy-rpc-v2-cbor timestamps are
            g.writeNumber(a.updated().toEpochMilli() / 1000.0);
            if (!composite) {
                g.writeStringField("MetricName", "Errors");
                g.writeStringField("Namespace", "Test");
            } else {
                g.writeStringField("AlarmRule", "TRUE");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private Response setAlarmState(JsonNode input) throws IOException {
        String name = input.path("AlarmName").asText(null);
        String state = input.path("StateValue").asText(null);
        String reason = input.path("StateReason").asText("");
        if (name == null || state == null) {
            return error(400, "ValidationError", "Sender", "AlarmName and StateValue are required");
        }
        if (!List.of("OK", "ALARM", "INSUFFICIENT_DATA").contains(state)) {
            return error(400, "ValidationError", "Sender", "StateValue " + state + " is not a state");
        }
        synchronized (this) {
            if (!alarms.containsKey(name)) {
                return error(404, "ResourceNotFound", "Sender", "Alarm " + name + " does not exist");
            }
            setState(name, state, reason);
        }
        return new Response(200, new byte[0], Map.of());
    }

    /** An error in smithy-rpc-v2-cbor: {@code __type} and {@code message} in the body, plus CloudWatch's query code. */
    private static Response error(int status, String code, String fault, String message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = CBOR.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("__type", code);
            g.writeStringField("message", message);
            g.writeEndObject();
        }
        return new Response(status, out.toByteArray(), Map.of("x-amzn-query-error", code + ";" + fault));
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
