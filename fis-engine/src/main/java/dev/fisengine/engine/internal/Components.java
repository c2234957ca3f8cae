package dev.fisengine.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-engine component store behind {@code FisRuntime.component}: one instance per type, created once (a factory
 * may itself ask for other components), closed in reverse creation order when the engine closes.
 */
public final class Components {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");

    private final Map<Class<?>, Object> byType = new HashMap<>();
    private final List<Object> order = new ArrayList<>();
    private boolean closed;

    public synchronized void register(Class<?> type, Object value) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(value.getClass().getName() + " is not a " + type.getName());
        }
        if (byType.putIfAbsent(type, value) != null) {
            throw new IllegalArgumentException("A component of type " + type.getName() + " is already registered");
        }
        order.add(value);
    }

    public synchronized <T> T get(Class<T> type, Supplier<? extends T> factory) {
        Objects.requireNonNull(type, "type");
        Object existing = byType.get(type);
        if (existing != null) {
            return type.cast(existing);
        }
        if (closed) {
            throw new IllegalStateException("The engine is closed; cannot create component " + type.getName());
        }
        T created = Objects.requireNonNull(factory.get(), () -> "component factory for " + type.getName()
                + " returned null");
        Object raced = byType.putIfAbsent(type, created);
        if (raced != null) {
            return type.cast(raced); // the factory itself registered one (recursion)
        }
        order.add(created);
        return created;
    }

    /** Closes every {@link AutoCloseable} component, latest first; failures are logged. */
    public void closeAll() {
        List<Object> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(order);
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            if (toClose.get(i) instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("Closing component {} failed", c, e);
                }
            }
        }
    }
}
