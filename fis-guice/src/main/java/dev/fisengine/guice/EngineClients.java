package dev.fisengine.guice;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK clients {@link FisClients} built for one engine: an engine component, so the engine closes it (and with it
 * every client, latest first) when it closes.
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
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                LOG.warn("FIS engine {}: closing SDK client {} failed", runtimeId, toClose.get(i), e);
            }
        }
    }

    @Override
    public String toString() {
        return "EngineClients[" + runtimeId + "]";
    }
}
