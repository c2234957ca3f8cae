package dev.fisengine.aws.sdk.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.async.SdkAsyncHttpService;

/**
 * Finds the HTTP implementation the SDK would use by default, for the zero-code services to wrap: the SDK loads
 * {@link SdkHttpService} / {@link SdkAsyncHttpService} with {@link ServiceLoader} and, when several are on the
 * classpath, takes the one with the best priority (SDK 2.57.8: Apache 5, then Apache 4, then URL connection, then
 * CRT for sync; Netty, then CRT for async; unknown implementations last). This class does the same, leaving out this
 * module's own services; system property {@value #DELEGATE_SYNC} or {@value #DELEGATE_ASYNC} names one explicitly.
 */
public final class HttpServiceDiscovery {
    /** Names the sync {@link SdkHttpService} the zero-code service wraps. */
    public static final String DELEGATE_SYNC = "fisengine.sdk.delegateHttpService";
    /** Names the async {@link SdkAsyncHttpService} the zero-code service wraps. */
    public static final String DELEGATE_ASYNC = "fisengine.sdk.delegateAsyncHttpService";

    private static final Map<String, Integer> SYNC_PRIORITY = Map.of(
            "software.amazon.awssdk.http.apache5.Apache5SdkHttpService", 1,
            "software.amazon.awssdk.http.apache.ApacheSdkHttpService", 2,
            "software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService", 3,
            "software.amazon.awssdk.http.crt.AwsCrtSdkHttpService", 4);
    private static final Map<String, Integer> ASYNC_PRIORITY = Map.of(
            "software.amazon.awssdk.http.nio.netty.NettySdkAsyncHttpService", 1,
            "software.amazon.awssdk.http.crt.AwsCrtSdkHttpService", 2,
            "software.amazon.awssdk.http.crt.AwsCrtAsyncSdkHttpService", 2);

    private HttpServiceDiscovery() {}

    /** The sync HTTP service to wrap. */
    public static SdkHttpService sync() {
        return find(SdkHttpService.class, DELEGATE_SYNC, SYNC_PRIORITY);
    }

    /** The async HTTP service to wrap. */
    public static SdkAsyncHttpService async() {
        return find(SdkAsyncHttpService.class, DELEGATE_ASYNC, ASYNC_PRIORITY);
    }

    private static <T> T find(Class<T> type, String property, Map<String, Integer> priority) {
        String named = System.getProperty(property);
        if (named != null && !named.isBlank()) {
            try {
                return type.cast(Class.forName(named.trim(), true, classLoader()).getDeclaredConstructor()
                        .newInstance());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                throw new IllegalStateException(property + ": cannot create " + type.getSimpleName() + " \"" + named
                        + "\": " + e, e);
            }
        }
        List<T> found = new ArrayList<>();
        for (T service : ServiceLoader.load(type, classLoader())) {
            if (!service.getClass().getName().startsWith("dev.fisengine.")) {
                found.add(service);
            }
        }
        return found.stream()
                .min(Comparator.comparingInt(s -> priority.getOrDefault(s.getClass().getName(), Integer.MAX_VALUE)))
                .orElseThrow(() -> new IllegalStateException("No AWS SDK " + type.getSimpleName() + " implementation "
                        + "found on the classpath for FIS Engine to wrap; add one (e.g. apache-client or "
                        + "netty-nio-client) or name it with -D" + property));
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : HttpServiceDiscovery.class.getClassLoader();
    }
}
