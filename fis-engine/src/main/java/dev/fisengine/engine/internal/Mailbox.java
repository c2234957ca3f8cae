package dev.fisengine.engine.internal;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial executor: messages posted from any thread run one at a time, in posting order, never two at once. An
 * experiment's state is changed only by its mailbox's messages: that is what makes it single-writer without a lock.
 *
 * <p>Whoever posts to an idle mailbox runs it, on its own thread, until the queue is empty (no hand-off: a plugin
 * call's outcome is processed on the thread that got it, a stop on the caller's); a post to a busy mailbox only
 * queues. That is safe because messages never block and never call user code: they hand anything slow (plugin calls,
 * listener calls) to other threads and get the outcome back as another message. A mailbox can be created
 * {@linkplain #held(String) held} by its creator, who acts as the mailbox's thread until {@link #release()}.
 */
final class Mailbox {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");

    private final String name;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled;

    private Mailbox(String name, boolean held) {
        this.name = name;
        this.scheduled = new AtomicBoolean(held);
    }

    /** A mailbox that the calling thread holds until it calls {@link #release()}. */
    static Mailbox held(String name) {
        return new Mailbox(name, true);
    }

    /**
     * Queues {@code message}; it runs after every message posted before it — here and now when the mailbox was idle,
     * else on the thread that is running it.
     */
    void post(Runnable message) {
        queue.add(Objects.requireNonNull(message, "message"));
        if (scheduled.compareAndSet(false, true)) {
            drain();
        }
    }

    /** Ends the creator's hold: messages posted meanwhile run now, on this thread. */
    void release() {
        scheduled.set(false);
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            drain();
        }
    }

    private void drain() {
        while (true) {
            Runnable m;
            while ((m = queue.poll()) != null) {
                try {
                    m.run();
                } catch (Throwable t) {
                    LOG.error("{}: a message failed; the mailbox goes on", name, t);
                }
            }
            scheduled.set(false);
            if (queue.isEmpty() || !scheduled.compareAndSet(false, true)) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "Mailbox[" + name + "]";
    }
}
