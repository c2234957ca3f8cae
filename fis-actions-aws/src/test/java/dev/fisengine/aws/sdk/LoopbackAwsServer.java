package dev.fisengine.aws.sdk;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny AWS look-alike on 127.0.0.1 that answers success, in each service's own protocol, for the operations the
 * fault tests call, and counts the requests it receives per operation. It stands in for services no in-JVM emulator
 * speaks: DynamoDB GetItem/PutItem (awsJson 1.0), Kinesis PutRecord (AWS CBOR), CloudWatch ListMetrics (rpcv2Cbor),
 * Lambda Invoke (restJson), S3 GetObject (restXml), EC2 DescribeInstances (ec2), SNS Publish and STS
 * GetCallerIdentity (query).
 */
final class LoopbackAwsServer implements AutoCloseable {
    private static final CBORMapper CBOR = new CBORMapper();

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY each response waits for the
        // client's delayed ACK (~40 ms). Read once, when the JDK server's configuration class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    LoopbackAwsServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
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

    /** Requests received for {@code operation} (e.g. {@code PutItem}). */
    int count(String operation) {
        AtomicInteger c = counts.get(operation);
        return c == null ? 0 : c.get();
    }

    /** Requests received in all. */
    int total() {
        return total.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            total.incrementAndGet();
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            String path = ex.getRequestURI().getPath();
            String form = new String(body, StandardCharsets.UTF_8);
            if (target != null) {
                String op = target.substring(target.indexOf('.') + 1);
                record(op);
                if (target.startsWith("Kinesis_")) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("ShardId", "shardId-000000000000");
                    out.put("SequenceNumber", "49590338271490256608559692538361571095921575989136588898");
                    send(ex, 200, "application/x-amz-cbor-1.1", CBOR.writeValueAsBytes(out));
                } else {
                    send(ex, 200, "application/x-amz-json-1.0", "{}".getBytes(StandardCharsets.UTF_8));
                }
            } else if (path.startsWith("/service/") && path.contains("/operation/")) {
                String op = path.substring(path.lastIndexOf('/') + 1);
                record(op);
                ex.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
                send(ex, 200, "application/cbor", CBOR.writeValueAsBytes(Map.of("Metrics", java.util.List.of())));
            } else if (path.startsWith("/2015-03-31/functions/") && path.endsWith("/invocations")) {
                record("Invoke");
                ex.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
                send(ex, 200, "application/json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
            } else if (form.startsWith("Action=")) {
                String action = form.substring(7, form.indexOf('&') < 0 ? form.length() : form.indexOf('&'));
                record(action);
                send(ex, 200, "text/xml", queryResponse(action).getBytes(StandardCharsets.UTF_8));
            } else if ("GET".equals(ex.getRequestMethod()) && path.split("/").length == 3) {
                record("GetObject");
                ex.getResponseHeaders().add("ETag", "\"5d41402abc4b2a76b9719d911017c592\"");
                ex.getResponseHeaders().add("Last-Modified", "Wed, 01 Jan 2025 00:00:00 GMT");
                send(ex, 200, "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
            } else {
                record("Unknown");
                send(ex, 404, "text/plain", new byte[0]);
            }
        }
    }

    private void record(String op) {
        counts.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
    }

    private static String queryResponse(String action) {
        return switch (action) {
            case "DescribeInstances" -> "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                    + "<requestId>r-1</requestId><reservationSet/></DescribeInstancesResponse>";
            case "Publish" -> "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                    + "<MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId>"
                    + "</ResponseMetadata></PublishResponse>";
            case "GetCallerIdentity" -> "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:user/test</Arn><UserId>AIDTEST</UserId>"
                    + "<Account>000000000000</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-1"
                    + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
            default -> "<Unknown/>";
        };
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", contentType);
        ex.getResponseHeaders().add("x-amzn-RequestId", "loopback-1");
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
