package dev.fisengine.aws.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An AWS-compatible server process (dynalite, kinesalite, s3rver, moto_server) started by a test on 127.0.0.1 and
 * stopped after it. Emulator tests never skip: a server that cannot start fails the test with the reason (and the
 * command's output), so a CI machine without Node or moto is noticed.
 */
public final class EmulatorServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private EmulatorServer(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** dynalite (DynamoDB) from the project's {@code emulators/} npm install. */
    public static EmulatorServer dynalite() {
        return node("dynalite", "dynalite-loopback.js");
    }

    /** kinesalite (Kinesis; JSON and CBOR) from the project's {@code emulators/} npm install. */
    public static EmulatorServer kinesalite() {
        return node("kinesalite", "kinesalite-loopback.js");
    }

    /** s3rver (S3; path-style, credentials S3RVER/S3RVER) from the project's {@code emulators/} npm install. */
    public static EmulatorServer s3rver() {
        try {
            Path dir = Files.createTempDirectory("s3rver");
            return node("s3rver", "s3rver-loopback.js", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** moto_server (EC2, IAM, SQS, SNS, STS, Lambda...) from the machine's Python. */
    public static EmulatorServer moto() {
        int port = freePort();
        return start("moto_server", port, List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port)),
                null);
    }

    private static EmulatorServer node(String name, String script, String... extra) {
        Path dir = emulatorsDir();
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalStateException(name + " cannot start: " + dir.resolve("node_modules")
                    + " is missing; run `npm ci` in " + dir + " (the emulator profile needs Node.js and npm)");
        }
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of("node", dir.resolve(script).toString(), Integer.toString(port)));
        cmd.addAll(List.of(extra));
        return start(name, port, cmd, dir.toFile());
    }

    private static EmulatorServer start(String name, int port, List<String> command, java.io.File workDir) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile(name, ".log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            if (workDir != null) {
                pb.directory(workDir);
            }
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(name + " cannot start: `" + String.join(" ", command) + "` failed: "
                    + e.getMessage(), e);
        }
        EmulatorServer server = new EmulatorServer(name, process, port, log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!server.accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = server.output();
                server.close();
                throw new IllegalStateException(name + " did not start on 127.0.0.1:" + port + " within "
                        + START_TIMEOUT.toSeconds() + " s (" + (process.isAlive() ? "still running" : "exited "
                        + process.exitValue()) + "). Output:\n" + output);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return server;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String output() {
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

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's {@code emulators/} folder, found upwards from the working directory. */
    static Path emulatorsDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("emulators/package.json"))) {
                return dir.resolve("emulators");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find emulators/package.json above " + Path.of("").toAbsolutePath());
    }
}
