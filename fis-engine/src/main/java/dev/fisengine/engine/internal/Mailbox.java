package dev.fisengine.engine.internal;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial executor: messages posted from any thread run one at a time, in posting order, on the engine's worker
 * threads (never two at once, never on the poster's thread). An experiment's state is changed only by its mailbox's
 * messages: that is what makes it single-writer without a lock.
 *
 * <p>A mailbox can be created {@linkplain #held() held} by its creator, who then acts as the mailbox's thread until
 * {@link #release()}; messages posted meanwhile wait and run after the release. Messages must not block: they hand
 * anything slow (plugin calls, listener calls) to other threads and get the outcome back as another message.
 */
final class Mailbox {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");

    private final String name;
    private final Executor executor;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled;

    private Mailbox(String name, Executor executor, boolean held) {
        this.name = name;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.scheduled = new AtomicBoolean(held);
    }

    /** An idle mailbox. */
    static Mailbox create(String name, Executor executor) {
        return new Mailbox(name, executor, false);
    }

    /** A mailbox that the calling thread holds until it calls {@link #release()}. */
    static Mailbox held(String name, Executor executor) {
        return new Mailbox(name, executor, true);
    }

    /** Queues {@code message}; it runs after every message posted before it. Never blocks, never runs it here. */
    void post(Runnable message) {
        queue.add(Objects.requireNonNull(message, "message"));
        schedule();
    }

    /** Ends the creator's hold: messages posted meanwhile run now, on a worker. */
    void release() {
        scheduled.set(false);
        if (!queue.isEmpty()) {
            schedule();
        }
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The engine's workers are gone (closed): finish the queue here, so that no message is lost.
                drain();
            }
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
