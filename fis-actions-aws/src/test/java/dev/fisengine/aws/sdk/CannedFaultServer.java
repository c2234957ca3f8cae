package dev.fisengine.aws.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for {@code fis serve}'s multi-JVM endpoints on 127.0.0.1, speaking the protocol of
 * {@code docs/server.md}: each {@code GET /_fisengine/faults} stream writes exactly what the test {@link #send}s
 * (so a test can send malformed events, or nothing at all), {@code POST /_fisengine/faults/counters} is recorded.
 */
final class CannedFaultServer implements AutoCloseable {
    static final String END = "\u0000end";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "canned-fault-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger streams = new AtomicInteger();
    private volatile BlockingQueue<String> current = new LinkedBlockingQueue<>();
    final List<String> queries = new CopyOnWriteArrayList<>();
    final List<String> counters = new CopyOnWriteArrayList<>();

    CannedFaultServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/_fisengine/faults", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Streams opened so far. */
    int streams() {
        return streams.get();
    }

    /** Writes {@code text} on the stream opened last; {@link #END} ends it. */
    void send(String text) {
        current.add(text);
    }

    static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.endsWith("/counters")) {
            try (ex) {
                counters.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, ok.length);
                ex.getResponseBody().write(ok);
            }
            return;
        }
        queries.add(ex.getRequestURI().getRawQuery());
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        current = queue;
        streams.incrementAndGet();
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (ex; OutputStream out = ex.getResponseBody()) {
            while (true) {
                String s = queue.poll(30, TimeUnit.SECONDS);
                if (s == null || s.equals(END)) {
                    return;
                }
                out.write(s.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
