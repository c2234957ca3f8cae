package dev.fisengine.aws.infra.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * moto_server (the machine's Python, as in fis-actions-aws's emulator tests) started on 127.0.0.1 by a test and
 * stopped after it. A server that cannot start fails the test with its output; nothing is skipped.
 */
public final class Moto implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;

    private Moto(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static Moto start() {
        int port = freePort();
        List<String> command = List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port));
        Path log;
        Process process;
        try {
            log = Files.createTempFile("moto", ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("moto_server cannot start: `" + String.join(" ", command) + "` failed: "
                    + e.getMessage(), e);
        }
        Moto moto = new Moto(process, port, log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = moto.output();
                moto.close();
                throw new IllegalStateException("moto_server did not start on 127.0.0.1:" + port + " within "
                        + START_TIMEOUT.toSeconds() + " s. Output:\n" + output);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return moto;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** A port nothing listens on (for "endpoint down" tests) or a free one to start a server on. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
