package dev.fisengine.server;

import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Quotas;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.fis.FisClient;

/** An engine on a manual clock, a {@link FisServer} on a free loopback port, and FIS clients for it. */
final class ServerFixture implements AutoCloseable {
    final ManualClock clock = new ManualClock();
    final FisEngine engine;
    final FisServer server;
    /** Every response body the clients received: operation, status, body. */
    final List<Captured> captured = new CopyOnWriteArrayList<>();

    record Captured(String operation, int status, String body) {}

    ServerFixture(Plugins plugins, Quotas quotas, java.util.function.Consumer<FisServer.Builder> server) {
        this.engine = FisEngine.builder().clock(clock).seed(11).plugins(plugins)
                .options(EngineOptions.builder().quotas(quotas).build()).build();
        FisServer.Builder b = FisServer.builder(engine).port(0);
        server.accept(b);
        this.server = b.start();
    }

    ServerFixture() {
        this(Plugins.discovered(), Quotas.defaults(), b -> { });
    }

    URI endpoint() {
        return server.endpoint();
    }

    FisClient client() {
        return client("AKIDEXAMPLE", "secret");
    }

    FisClient client(String accessKey, String secret) {
        return FisClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .httpClient(Apache5HttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).addExecutionInterceptor(new Capture()))
                .build();
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }

    /** Keeps a copy of each raw response body (the SDK reads the copy). */
    private final class Capture implements ExecutionInterceptor {
        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                ExecutionAttributes attributes) {
            Optional<InputStream> body = context.responseBody();
            if (body.isEmpty()) {
                return body;
            }
            try (InputStream in = body.get()) {
                byte[] bytes = in.readAllBytes();
                captured.add(new Captured(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                        context.httpResponse().statusCode(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
                return Optional.of(new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
