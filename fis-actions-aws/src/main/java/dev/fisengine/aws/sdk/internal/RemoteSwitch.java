package dev.fisengine.aws.sdk.internal;

import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.aws.sdk.RemoteFaults;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-code switch of the multi-JVM mode: {@code -Dfisengine.sdk.server=URL} or {@code FISENGINE_SDK_SERVER=URL}
 * (and optionally {@code fisengine.sdk.roleArn} / {@code FISENGINE_SDK_ROLE_ARN}). When set, zero-code
 * instrumentation is on ({@link AutoInstrument}) and the first SDK client built in the JVM (its global interceptor
 * or the FIS HTTP service, whichever the SDK creates first) connects the JVM to the server and makes the connection
 * the default runtime. The SDK picks and caches its default HTTP implementation before it loads global interceptors,
 * so the SDK's HTTP service properties must name the FIS services at launch (a warning says so otherwise). Off unless
 * asked: without the URL nothing connects. A bad URL is logged, never thrown.
 */
public final class RemoteSwitch {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.aws.sdk.remote");
    /** The server URL asked for, or {@code null}. */
    public static final String SERVER = read(RemoteFaults.SERVER_PROPERTY, RemoteFaults.SERVER_ENV);
    private static volatile boolean started;
    private static volatile RemoteFaults connection;

    private RemoteSwitch() {}

    /** Whether the JVM was started with the server switch. */
    public static boolean requested() {
        return SERVER != null;
    }

    /** Connects (once) when the switch asks for it; never throws. */
    public static void ensureStarted() {
        if (SERVER == null || started) {
            return;
        }
        synchronized (RemoteSwitch.class) {
            if (started) {
                return;
            }
            started = true;
            try {
                if (!"dev.fisengine.aws.sdk.FisSdkHttpService".equals(System.getProperty(FisSdk.SYNC_HTTP_SERVICE_PROPERTY))
                        && !"dev.fisengine.aws.sdk.FisSdkAsyncHttpService".equals(
                                System.getProperty(FisSdk.ASYNC_HTTP_SERVICE_PROPERTY))) {
                    // the SDK picks (and caches) its default HTTP implementation before it loads global interceptors
                    LOG.warn("{} is set but the SDK's HTTP service properties do not name the FIS services: the SDK "
                            + "client being built now (and any built before) cannot be faulted; start the JVM with "
                            + "-D{}=dev.fisengine.aws.sdk.FisSdkHttpService -D{}=dev.fisengine.aws.sdk"
                            + ".FisSdkAsyncHttpService (e.g. in JAVA_TOOL_OPTIONS)", RemoteFaults.SERVER_ENV,
                            FisSdk.SYNC_HTTP_SERVICE_PROPERTY, FisSdk.ASYNC_HTTP_SERVICE_PROPERTY);
                }
                RemoteFaults r = RemoteFaults.connect(URI.create(SERVER), roles());
                FisSdk.setDefaultRuntime(r);
                connection = r;
                LOG.info("Zero-code API faults from {} for roles {} ({}={})", r.server(), r.roleArns(),
                        System.getProperty(RemoteFaults.SERVER_PROPERTY) != null ? "-D" + RemoteFaults.SERVER_PROPERTY
                                : RemoteFaults.SERVER_ENV, SERVER);
            } catch (RuntimeException e) {
                LOG.warn("Not connecting to {} for API faults: {}", SERVER, e.getMessage());
            }
        }
    }

    /** The zero-code connection, or {@code null} (not asked for, not started yet, or the URL was bad). */
    public static RemoteFaults connection() {
        return connection;
    }

    private static List<String> roles() {
        String v = read(RemoteFaults.ROLE_PROPERTY, RemoteFaults.ROLE_ENV);
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    static String read(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }
}
