package dev.fisengine.aws.sdk;

import dev.fisengine.aws.sdk.internal.AutoInstrument;
import dev.fisengine.aws.sdk.internal.DefaultBinding;
import dev.fisengine.aws.sdk.internal.HttpServiceDiscovery;
import dev.fisengine.aws.sdk.internal.InstrumentingHttpClientBuilders;
import dev.fisengine.aws.sdk.internal.RemoteSwitch;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpService;

/**
 * The sync HTTP implementation for zero-code instrumentation: name it in the SDK's system property
 * {@code -Dsoftware.amazon.awssdk.http.service.impl=dev.fisengine.aws.sdk.FisSdkHttpService} and every sync client
 * built with the SDK's default HTTP client gets the HTTP client the SDK would otherwise pick (Apache 5, Apache,
 * URL connection... by the SDK's priority; or the one named by {@code -Dfisengine.sdk.delegateHttpService}), wrapped
 * so that the faults armed in the {@linkplain FisSdk#setDefaultRuntime default engine} hit it. With the switch
 * ({@link FisSdk#AUTO_INSTRUMENT_PROPERTY}) off it returns the plain client.
 */
public final class FisSdkHttpService implements SdkHttpService {

    /** Created by the SDK from its system property. */
    public FisSdkHttpService() {}

    @Override
    public SdkHttpClient.Builder<?> createHttpClientBuilder() {
        RemoteSwitch.ensureStarted(); // FISENGINE_SDK_SERVER: the first client connects the JVM
        SdkHttpClient.Builder<?> real = HttpServiceDiscovery.sync().createHttpClientBuilder();
        return AutoInstrument.ENABLED ? InstrumentingHttpClientBuilders.sync(real, DefaultBinding.INSTANCE) : real;
    }
}
