package dev.fisengine.engine.internal;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Reads the process-wide safety-lever switch: system property {@code fisengine.safetyLever} or environment variable
 * {@code FISENGINE_SAFETY_LEVER}; the value {@code engaged} (case-insensitive) engages the lever at start-up.
 */
public final class SafetySwitch {
    public static final String PROPERTY = "fisengine.safetyLever";
    public static final String ENV = "FISENGINE_SAFETY_LEVER";

    private SafetySwitch() {}

    /** The reason to engage the lever with, or {@code null} when the switch is off. */
    public static String engagedReason(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        if (isEngaged(properties.apply(PROPERTY))) {
            return "Engaged at start-up by system property " + PROPERTY + "=engaged.";
        }
        if (isEngaged(environment.apply(ENV))) {
            return "Engaged at start-up by environment variable " + ENV + "=engaged.";
        }
        return null;
    }

    /** From the real system properties and environment. */
    public static String engagedReason() {
        return engagedReason(System::getProperty, System::getenv);
    }

    static boolean isEngaged(String value) {
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("engaged");
    }
}
