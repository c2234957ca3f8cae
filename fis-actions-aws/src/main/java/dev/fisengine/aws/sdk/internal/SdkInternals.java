package dev.fisengine.aws.sdk.internal;

import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkProtocolMetadata;
import software.amazon.awssdk.core.client.builder.SdkDefaultClientBuilder;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpExecutionAttributes;

/**
 * The few SDK members this module uses that the SDK marks internal or protected, each resolved once and guarded, so
 * that an SDK release that moves them degrades a feature (with one log line) instead of failing calls:
 * <ul>
 *   <li>{@code SdkInternalExecutionAttribute.PROTOCOL_METADATA}: the client's wire protocol (else the request's
 *       headers are used);</li>
 *   <li>{@code SdkInternalExecutionAttribute.SDK_HTTP_EXECUTION_ATTRIBUTES}: how an async client's attempt carries
 *       its {@link CallTarget} to the async HTTP decorator (else async clients are not injected);</li>
 *   <li>{@code SdkDefaultClientBuilder.clientConfiguration}: read by {@code FisSdk.instrument} to find the HTTP
 *       client or builder already set on a client builder.</li>
 * </ul>
 */
public final class SdkInternals {
    private static final Logger LOG = LoggerFactory.getLogger(SdkInternals.class);

    static final ExecutionAttribute<SdkProtocolMetadata> PROTOCOL_METADATA = protocolMetadata();
    static final ExecutionAttribute<SdkHttpExecutionAttributes> HTTP_EXECUTION_ATTRIBUTES = httpExecutionAttributes();

    private SdkInternals() {}

    private static ExecutionAttribute<SdkProtocolMetadata> protocolMetadata() {
        try {
            return SdkInternalExecutionAttribute.PROTOCOL_METADATA;
        } catch (LinkageError e) {
            LOG.info("This AWS SDK has no PROTOCOL_METADATA execution attribute; fault responses will pick the "
                    + "protocol from request headers ({})", e.toString());
            return null;
        }
    }

    private static ExecutionAttribute<SdkHttpExecutionAttributes> httpExecutionAttributes() {
        try {
            return SdkInternalExecutionAttribute.SDK_HTTP_EXECUTION_ATTRIBUTES;
        } catch (LinkageError e) {
            LOG.warn("This AWS SDK has no SDK_HTTP_EXECUTION_ATTRIBUTES execution attribute; API faults cannot be "
                    + "injected into async clients ({})", e.toString());
            return null;
        }
    }

    /** The protocol the SDK declares for the client ({@code json}, {@code rest-xml}, ...), or {@code null}. */
    static String serviceProtocol(ExecutionAttributes attributes) {
        if (PROTOCOL_METADATA == null) {
            return null;
        }
        SdkProtocolMetadata m = attributes.getAttribute(PROTOCOL_METADATA);
        return m == null ? null : m.serviceProtocol();
    }

    /** The configuration builder of an SDK client builder, for reading the HTTP client set on it. */
    public static SdkClientConfiguration.Builder clientConfiguration(Object clientBuilder) {
        if (!(clientBuilder instanceof SdkDefaultClientBuilder<?, ?>)) {
            throw new IllegalArgumentException("builder: " + clientBuilder.getClass().getName() + " is not an AWS SDK "
                    + "v2 client builder (SdkDefaultClientBuilder); build the client with an HTTP client from "
                    + "FisSdk.wrap(...) and add FisSdk.interceptor(...) instead");
        }
        try {
            Field f = SdkDefaultClientBuilder.class.getDeclaredField("clientConfiguration");
            f.setAccessible(true);
            return (SdkClientConfiguration.Builder) f.get(clientBuilder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read the HTTP client configured on " + clientBuilder.getClass()
                    .getName() + " (" + e + "); build the client with an HTTP client from FisSdk.wrap(...) and add "
                    + "FisSdk.interceptor(...) instead", e);
        }
    }
}
