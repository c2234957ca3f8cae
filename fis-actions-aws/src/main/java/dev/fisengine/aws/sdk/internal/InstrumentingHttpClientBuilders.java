package dev.fisengine.aws.sdk.internal;

import java.util.Objects;
import software.amazon.awssdk.core.internal.http.loader.DefaultSdkAsyncHttpClientBuilder;
import software.amazon.awssdk.core.internal.http.loader.DefaultSdkHttpClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * HTTP client builders that build the real client with the SDK's per-client defaults (timeouts of the defaults
 * mode, etc.) and wrap it. The SDK owns what they build and closes it with the SDK client.
 */
public final class InstrumentingHttpClientBuilders {
    private InstrumentingHttpClientBuilders() {}

    /** Wraps what {@code delegate} builds. */
    public static SdkHttpClient.Builder<?> sync(SdkHttpClient.Builder<?> delegate, FaultSource source) {
        return new Sync(delegate, source);
    }

    /** Wraps what {@code delegate} builds. */
    public static SdkAsyncHttpClient.Builder<?> async(SdkAsyncHttpClient.Builder<?> delegate, FaultSource source) {
        return new Async(delegate, source);
    }

    /**
     * The builder of the SDK's default sync HTTP client, resolved exactly as the SDK does (its
     * {@code software.amazon.awssdk.http.service.impl} property, then the classpath by priority).
     */
    public static SdkHttpClient.Builder<?> sdkDefaultSync() {
        try {
            return new DefaultSdkHttpClientBuilder();
        } catch (LinkageError e) {
            return new Sync(HttpServiceDiscovery.sync().createHttpClientBuilder(), null);
        }
    }

    /** The builder of the SDK's default async HTTP client; see {@link #sdkDefaultSync()}. */
    public static SdkAsyncHttpClient.Builder<?> sdkDefaultAsync() {
        try {
            return new DefaultSdkAsyncHttpClientBuilder();
        } catch (LinkageError e) {
            return new Async(HttpServiceDiscovery.async().createAsyncHttpClientFactory(), null);
        }
    }

    /** {@code client} without a zero-code wrapper, so that explicit instrumentation never wraps twice. */
    static SdkHttpClient unwrapZeroCode(SdkHttpClient client) {
        if (client instanceof FaultInjectingHttpClient f && f.source() == DefaultBinding.INSTANCE) {
            return f.delegate();
        }
        return client;
    }

    static SdkAsyncHttpClient unwrapZeroCode(SdkAsyncHttpClient client) {
        if (client instanceof FaultInjectingAsyncHttpClient f && f.source() == DefaultBinding.INSTANCE) {
            return f.delegate();
        }
        return client;
    }

    private static final class Sync implements SdkHttpClient.Builder<Sync> {
        private final SdkHttpClient.Builder<?> delegate;
        private final FaultSource source;

        Sync(SdkHttpClient.Builder<?> delegate, FaultSource source) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
            this.source = source;
        }

        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            SdkHttpClient real = delegate.buildWithDefaults(serviceDefaults);
            if (source == null) {
                return real;
            }
            return new FaultInjectingHttpClient(unwrapZeroCode(real), source);
        }
    }

    private static final class Async implements SdkAsyncHttpClient.Builder<Async> {
        private final SdkAsyncHttpClient.Builder<?> delegate;
        private final FaultSource source;

        Async(SdkAsyncHttpClient.Builder<?> delegate, FaultSource source) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
            this.source = source;
        }

        @Override
        public SdkAsyncHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            SdkAsyncHttpClient real = delegate.buildWithDefaults(serviceDefaults);
            if (source == null) {
                return real;
            }
            return new FaultInjectingAsyncHttpClient(unwrapZeroCode(real), source);
        }
    }
}
