package dev.fisengine.server;

import dev.fisengine.api.spi.FaultBroadcast;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.server.internal.FaultStreams;
import dev.fisengine.server.internal.FisRestApi;
import dev.fisengine.server.internal.JettyAdapter;
import dev.fisengine.server.internal.SigV4Verifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The AWS FIS API ({@code rest-json}, 2020-12-01) over HTTP on top of a {@link FisEngine}, for the AWS CLI, boto3,
 * Terraform and every AWS SDK ({@code --endpoint-url http://127.0.0.1:8900}). Binds {@value #DEFAULT_HOST} by
 * default; request bodies are capped; SigV4 signatures are verified when credentials are configured.
 *
 * <pre>{@code
 * try (FisEngine engine = FisEngine.builder().build();
 *      FisServer server = FisServer.builder(engine).port(0).start()) {
 *     FisClient fis = FisClient.builder().endpointOverride(server.endpoint())...build();
 * }
 * }</pre>
 *
 * <p>Other JVMs connect to {@code GET /_fisengine/faults} (server-sent events) to receive the API faults its
 * experiments arm, and post their counters back (docs/server.md, "Many JVMs, one experiment").
 *
 * <p>Closing the server stops accepting requests and lets running requests finish (up to the stop timeout); it does
 * not close the engine, whose {@link FisEngine#close()} stops every experiment and runs its reverts.
 */
public final class FisServer implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8900;
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    private final JettyAdapter jetty;
    private final FisRestApi api;
    private final SigV4Verifier verifier;
    private final FaultStreams faults;

    private FisServer(Builder b) throws Exception {
        this.verifier = new SigV4Verifier(b.credentials, b.clock);
        this.api = new FisRestApi(b.engine, verifier);
        this.faults = new FaultStreams(FaultBroadcast.of(b.engine));
        this.jetty = new JettyAdapter(api, faults, b.host, b.port, b.maxBodyBytes, b.maxThreads, b.stopTimeout);
        try {
            jetty.start();
        } catch (Exception e) {
            faults.close();
            throw e;
        }
    }

    public static Builder builder(FisEngine engine) {
        return new Builder(engine);
    }

    /** The port bound (the real one when {@code port(0)} asked for any free port). */
    public int port() {
        return jetty.port();
    }

    public String host() {
        return jetty.host();
    }

    /** {@code http://host:port}, for {@code endpointOverride} / {@code --endpoint-url}. */
    public URI endpoint() {
        String h = host().contains(":") ? "[" + host() + "]" : host();
        return URI.create("http://" + h + ":" + port());
    }

    /** Whether SigV4 signatures are checked against configured credentials (otherwise any well-formed one passes). */
    public boolean verifiesSignatures() {
        return verifier.verifying();
    }

    /** JVMs connected for API faults now ({@code GET /_fisengine/faults}; see docs/server.md). */
    public int connectedJvms() {
        return faults.connected();
    }

    /**
     * Ends the event streams of connected JVMs (they disarm the remote faults at once), stops accepting requests and
     * waits (up to the stop timeout) for running ones. Idempotent.
     */
    @Override
    public void close() {
        faults.close();
        jetty.stop();
    }

    /** Options; defaults: {@value #DEFAULT_HOST}, port {@value #DEFAULT_PORT}, 1 MiB bodies, no credentials. */
    public static final class Builder {
        private final FisEngine engine;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxThreads = 200;
        private Duration stopTimeout = Duration.ofSeconds(10);
        private final Map<String, String> credentials = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder(FisEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /** The address to bind; {@value #DEFAULT_HOST} unless told otherwise. */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** The port; 0 picks a free one (see {@link FisServer#port()}). */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port " + value + " is not 0-65535");
            }
            this.port = value;
            return this;
        }

        /** The largest request body accepted; larger ones get a {@code ValidationException} (HTTP 400). */
        public Builder maxBodyBytes(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxBodyBytes " + value + " is not positive");
            }
            this.maxBodyBytes = value;
            return this;
        }

        /** Request threads (Jetty's pool); the engine's calls block briefly (StopExperiment waits for reverts). */
        public Builder maxThreads(int value) {
            if (value < 8) {
                throw new IllegalArgumentException("maxThreads " + value + " is below 8");
            }
            this.maxThreads = value;
            return this;
        }

        /** How long {@link FisServer#close()} waits for running requests. */
        public Builder stopTimeout(Duration value) {
            this.stopTimeout = Objects.requireNonNull(value, "stopTimeout");
            return this;
        }

        /** Adds credentials; once any are set, every request must carry a valid SigV4 signature by one of them. */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            credentials.put(Objects.requireNonNull(accessKeyId, "accessKeyId"),
                    Objects.requireNonNull(secretAccessKey, "secretAccessKey"));
            return this;
        }

        /** The clock signatures' dates are checked against (15 minutes either way). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Binds and starts serving. */
        public FisServer start() {
            try {
                return new FisServer(this);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the FIS server on " + host + ":" + port + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
