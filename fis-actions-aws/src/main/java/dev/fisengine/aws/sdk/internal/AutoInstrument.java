package dev.fisengine.aws.sdk.internal;

import java.util.Locale;

/**
 * The zero-code switch: system property {@value #PROPERTY} or environment variable {@value #ENV} set to
 * {@code true}, or the multi-JVM switch ({@link RemoteSwitch}) set. Read once, when the SDK first loads the global
 * interceptor; set it when the JVM starts.
 */
public final class AutoInstrument {
    /** The system property that turns zero-code instrumentation on. */
    public static final String PROPERTY = "fisengine.sdk.autoInstrument";
    /** The environment variable that turns zero-code instrumentation on. */
    public static final String ENV = "FISENGINE_SDK_AUTO_INSTRUMENT";

    /** Whether zero-code instrumentation is on in this JVM. */
    public static final boolean ENABLED = read();

    private AutoInstrument() {}

    private static boolean read() {
        if (RemoteSwitch.read("fisengine.sdk.server", "FISENGINE_SDK_SERVER") != null) {
            return true; // connecting to a server (RemoteSwitch) is zero-code mode
        }
        String p = System.getProperty(PROPERTY);
        if (p != null) {
            return p.trim().toLowerCase(Locale.ROOT).equals("true");
        }
        String e = System.getenv(ENV);
        return e != null && e.trim().toLowerCase(Locale.ROOT).equals("true");
    }
}
