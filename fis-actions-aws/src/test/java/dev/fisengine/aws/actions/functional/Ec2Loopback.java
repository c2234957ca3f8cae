package dev.fisengine.aws.actions.functional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An EC2 look-alike on 127.0.0.1 for the operations the public EC2 control-plane templates target: it answers
 * {@code DescribeInstances} and {@code DescribeVolumes} (EC2 query protocol) with empty results and counts the
 * requests it receives per action.
 */
final class Ec2Loopback implements AutoCloseable {
    static {
        // Without TCP_NODELAY each JDK-server response waits for the client's delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    Ec2Loopback() {
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

    /** Requests received for {@code action}. */
    int count(String action) {
        AtomicInteger c = counts.get(action);
        return c == null ? 0 : c.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String action = form.startsWith("Action=") ? form.substring(7, form.indexOf('&') < 0 ? form.length()
                    : form.indexOf('&')) : "";
            counts.computeIfAbsent(action, k -> new AtomicInteger()).incrementAndGet();
            String body = switch (action) {
                case "DescribeInstances" -> "<DescribeInstancesResponse xmlns=\"" + NS + "\"><requestId>r-1</requestId>"
                        + "<reservationSet/></DescribeInstancesResponse>";
                case "DescribeVolumes" -> "<DescribeVolumesResponse xmlns=\"" + NS + "\"><requestId>r-2</requestId>"
                        + "<volumeSet/></DescribeVolumesResponse>";
                default -> null;
            };
            byte[] bytes = (body != null ? body : "<Response><Errors><Error><Code>InvalidAction</Code><Message>"
                    + action + "</Message></Error></Errors><RequestID>r-3</RequestID></Response>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
            ex.sendResponseHeaders(body != null ? 200 : 400, bytes.length);
            ex.getResponseBody().write(bytes);
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
