package dev.fisengine.aws.sdk;

import dev.fisengine.api.spi.FisRuntime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An in-memory {@link FisRuntime} for tests: a component store that creates each component once and closes the
 * closeable ones (newest first) when it closes, as the engine does. Components can be registered up front.
 */
final class TestRuntime implements FisRuntime, AutoCloseable {
    private final String id;
    private final Map<Class<?>, Object> components = new ConcurrentHashMap<>();
    private final List<Object> created = Collections.synchronizedList(new ArrayList<>());

    TestRuntime(String id) {
        this.id = id;
    }

    <T> TestRuntime with(Class<T> type, T component) {
        components.put(type, component);
        return this;
    }

    @Override
    public String runtimeId() {
        return id;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public <T> T component(Class<T> type, Function<? super FisRuntime, ? extends T> factory) {
        Object existing = components.get(type);
        if (existing != null) {
            return type.cast(existing);
        }
        synchronized (this) {
            existing = components.get(type);
            if (existing != null) {
                return type.cast(existing);
            }
            T made = factory.apply(this);
            components.put(type, made);
            created.add(made);
            return made;
        }
    }

    @Override
    public void close() {
        List<Object> all;
        synchronized (created) {
            all = new ArrayList<>(created);
        }
        Collections.reverse(all);
        for (Object o : all) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + o + " failed", e);
                }
            }
        }
    }
}
