package dev.fisengine.guice;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK clients {@link FisClients} built for one engine: an engine component, so the engine closes it (and with it
 * every client, latest first) when it closes.
 *
 * <p>Except while the JVM shuts down: the engine's shutdown hook closes the engine (stopping its experiments and
 * disarming every fault) concurrently with the application's own shutdown hooks, which may still use these clients
 * (to flush a queue, to write a last record). So when the JVM is shutting down, the clients are left open: their
 * faults are already disarmed, and their connections end with the process.
 */
final class EngineClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineClients.class);

    private final String runtimeId;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private boolean closed;

    EngineClients(String runtimeId) {
        this.runtimeId = runtimeId;
    }

    /** Takes {@code client} to close later; {@code false} (and nothing kept) when already closed. */
    synchronized boolean add(AutoCloseable client) {
        if (closed) {
            return false;
        }
        clients.add(client);
        return true;
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(clients);
            clients.clear();
        }
        if (jvmShuttingDown()) {
            LOG.debug("FIS engine {}: the JVM is shutting down; leaving {} SDK client(s) open for the application's "
                    + "own shutdown hooks", runtimeId, toClose.size());
            return;
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                LOG.warn("FIS engine {}: closing SDK client {} failed", runtimeId, toClose.get(i), e);
            }
        }
    }

    /**
     * Whether the JVM's shutdown has begun: {@link Runtime#addShutdownHook} refuses new hooks from then on (the only
     * portable way to ask).
     */
    static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { }, "fis-guice-shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(probe);
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "EngineClients[" + runtimeId + "]";
    }
}
