package dev.fisengine.aws.sdk;

import dev.fisengine.aws.sdk.internal.AutoInstrument;
import dev.fisengine.aws.sdk.internal.DefaultBinding;
import dev.fisengine.aws.sdk.internal.HttpServiceDiscovery;
import dev.fisengine.aws.sdk.internal.InstrumentingHttpClientBuilders;
import dev.fisengine.aws.sdk.internal.RemoteSwitch;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpService;

/**
 * The async HTTP implementation for zero-code instrumentation: name it in the SDK's system property
 * {@code -Dsoftware.amazon.awssdk.http.async.service.impl=dev.fisengine.aws.sdk.FisSdkAsyncHttpService}; see
 * {@link FisSdkHttpService}. The wrapped implementation is Netty by the SDK's priority, or the one named by
 * {@code -Dfisengine.sdk.delegateAsyncHttpService}.
 */
public final class FisSdkAsyncHttpService implements SdkAsyncHttpService {

    /** Created by the SDK from its system property. */
    public FisSdkAsyncHttpService() {}

    @Override
    public SdkAsyncHttpClient.Builder<?> createAsyncHttpClientFactory() {
        RemoteSwitch.ensureStarted(); // FISENGINE_SDK_SERVER: the first client connects the JVM
        SdkAsyncHttpClient.Builder<?> real = HttpServiceDiscovery.async().createAsyncHttpClientFactory();
        return AutoInstrument.ENABLED ? InstrumentingHttpClientBuilders.async(real, DefaultBinding.INSTANCE) : real;
    }
}
