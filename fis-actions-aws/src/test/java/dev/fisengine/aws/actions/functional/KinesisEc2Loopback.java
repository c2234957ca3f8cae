package dev.fisengine.aws.actions.functional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kinesis and EC2 look-alike on 127.0.0.1 speaking their real wire protocols: Kinesis' AWS CBOR (JSON 1.1 when the
 * client has CBOR off) for {@code PutRecord}, {@code PutRecords}, {@code GetShardIterator} and {@code GetRecords},
 * with opaque random shard iterators as Kinesis gives them (the stream cannot be read from one); EC2's query protocol
 * for {@code RunInstances} and {@code StartInstances}. It counts the requests it receives per operation and stream
 * (or Availability Zone), so a test can tell which requests reached the network.
 */
final class KinesisEc2Loopback implements AutoCloseable {
    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final CBORMapper CBOR = new CBORMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    /** The stream of each iterator handed out: the server knows, the client cannot tell. */
    private final Map<String, String> iterators = new ConcurrentHashMap<>();

    KinesisEc2Loopback() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests received for {@code operation} on {@code resource} (a stream name, an AZ, or {@code -}). */
    int count(String operation, String resource) {
        AtomicInteger c = counts.get(operation + "/" + resource);
        return c == null ? 0 : c.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null && target.startsWith("Kinesis_20131202.")) {
                kinesis(ex, target.substring(target.indexOf('.') + 1), body);
            } else {
                ec2(ex, new String(body, StandardCharsets.UTF_8));
            }
        }
    }

    private void kinesis(HttpExchange ex, String op, byte[] body) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        boolean cbor = type != null && type.contains("cbor");
        JsonNode in = cbor ? CBOR.readTree(body) : JSON.readTree(body);
        String stream = in.hasNonNull("StreamName") ? in.get("StreamName").asText()
                : in.hasNonNull("StreamARN") ? in.get("StreamARN").asText().replaceFirst(".*:stream/", "")
                : in.hasNonNull("ShardIterator") ? iterators.getOrDefault(in.get("ShardIterator").asText(), "?")
                : "?";
        counts.computeIfAbsent(op + "/" + stream, k -> new AtomicInteger()).incrementAndGet();
        Map<String, Object> out = new LinkedHashMap<>();
        switch (op) {
            case "PutRecord" -> {
                out.put("ShardId", "shardId-000000000000");
                out.put("SequenceNumber", "49590338271490256608559692538361571095921575989136588898");
            }
            case "PutRecords" -> {
                out.put("FailedRecordCount", 0);
                out.put("Records", List.of(Map.of("ShardId", "shardId-000000000000",
                        "SequenceNumber", "49590338271490256608559692538361571095921575989136588898")));
            }
            case "GetShardIterator" -> out.put("ShardIterator", iterator(stream));
            case "GetRecords" -> {
                out.put("Records", List.of());
                out.put("NextShardIterator", iterator(stream));
                out.put("MillisBehindLatest", 0);
            }
            default -> {
                send(ex, 400, cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1",
                        (cbor ? CBOR : JSON).writeValueAsBytes(Map.of("__type", "UnknownOperationException")));
                return;
            }
        }
        send(ex, 200, cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1",
                (cbor ? CBOR : JSON).writeValueAsBytes(out));
    }

    private String iterator(String stream) {
        String it = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        iterators.put(it, stream);
        return it;
    }

    private void ec2(HttpExchange ex, String form) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        for (String kv : form.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                params.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1),
                        StandardCharsets.UTF_8));
            }
        }
        String action = params.getOrDefault("Action", "?");
        String az = params.getOrDefault("Placement.AvailabilityZone", "-");
        counts.computeIfAbsent(action + "/" + az, k -> new AtomicInteger()).incrementAndGet();
        String ns = "http://ec2.amazonaws.com/doc/2016-11-15/";
        String xml = switch (action) {
            case "RunInstances" -> "<RunInstancesResponse xmlns=\"" + ns + "\"><requestId>r-1</requestId>"
                    + "<reservationId>r-0123456789abcdef0</reservationId><ownerId>123456789012</ownerId>"
                    + "<instancesSet><item><instanceId>i-0123456789abcdef0</instanceId></item></instancesSet>"
                    + "</RunInstancesResponse>";
            case "StartInstances" -> "<StartInstancesResponse xmlns=\"" + ns + "\"><requestId>r-1</requestId>"
                    + "<instancesSet/></StartInstancesResponse>";
            default -> null;
        };
        if (xml == null) {
            send(ex, 400, "text/xml", ("<Response><Errors><Error><Code>InvalidAction</Code><Message>" + action
                    + "</Message></Error></Errors><RequestID>r-1</RequestID></Response>")
                    .getBytes(StandardCharsets.UTF_8));
        } else {
            send(ex, 200, "text/xml;charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", contentType);
        ex.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
