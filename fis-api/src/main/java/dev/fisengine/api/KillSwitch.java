package dev.fisengine.api;

import java.util.Locale;
import java.util.Objects;

/**
 * The process-wide kill switch: while it is engaged, no API fault is injected in this JVM and none can be armed,
 * whatever state experiments or plugins are in, and every engine treats its safety lever as engaged (running
 * experiments stop, new ones are cancelled).
 *
 * <p>Three ways to engage it, each read at run time (not only when an engine is built):
 * <ul>
 *   <li>{@link #engage(String)} from code (and {@link #release()} to undo that);</li>
 *   <li>the system property {@value #PROPERTY} set to {@code engaged} (e.g. {@code System.setProperty} in a running
 *       JVM, or {@code -Dfisengine.safetyLever=engaged} at launch);</li>
 *   <li>the environment variable {@value #ENV} set to {@code engaged} (read once: a process's environment does not
 *       change).</li>
 * </ul>
 *
 * <p>The check is what the SDK hook consults before it injects a fault, so it must be cheap: one volatile read and a
 * system-property lookup, done only for attempts that a rule would hit.
 */
public final class KillSwitch {
    /** System property that, set to {@code engaged}, engages the switch. */
    public static final String PROPERTY = "fisengine.safetyLever";
    /** Environment variable that, set to {@code engaged}, engages the switch. */
    public static final String ENV = "FISENGINE_SAFETY_LEVER";

    private static final String ENV_REASON = isEngagedValue(System.getenv(ENV))
            ? "Engaged by environment variable " + ENV + "=engaged." : null;
    private static volatile String apiReason;

    private KillSwitch() {}

    /** Engages the switch from code; idempotent (the first reason is kept). */
    public static void engage(String reason) {
        Objects.requireNonNull(reason, "reason");
        synchronized (KillSwitch.class) {
            if (apiReason == null) {
                apiReason = "Engaged by KillSwitch.engage: " + reason;
            }
        }
    }

    /**
     * Releases what {@link #engage} did. The system property and the environment variable, if set, keep the switch
     * engaged.
     */
    public static void release() {
        apiReason = null;
    }

    /** Whether the switch is engaged now (any of its three sources). */
    public static boolean isEngaged() {
        return apiReason != null || ENV_REASON != null || isEngagedValue(System.getProperty(PROPERTY));
    }

    /** Why the switch is engaged, or {@code null} when it is not. */
    public static String reason() {
        String r = apiReason;
        if (r != null) {
            return r;
        }
        if (isEngagedValue(System.getProperty(PROPERTY))) {
            return "Engaged by system property " + PROPERTY + "=engaged.";
        }
        return ENV_REASON;
    }

    private static boolean isEngagedValue(String value) {
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("engaged");
    }
}
