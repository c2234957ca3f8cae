package dev.fisengine.aws.infra.internal;

import java.time.Duration;

/** Honours the engine's interrupts (a plugin call past its deadline, a stop) between API calls. */
public final class Interrupts {
    private Interrupts() {}

    /** Throws when the thread was interrupted (clearing the flag, as {@link InterruptedException} does). */
    public static void check() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted");
        }
    }

    /** Sleeps {@code d}, interruptibly. */
    public static void pause(Duration d) throws InterruptedException {
        Thread.sleep(Math.max(1, d.toMillis()));
    }
}
