package dev.fisengine.server.internal;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty 12 (core handler API, no servlets) carrying {@link FisRestApi}: reads the body up to the cap, hands over the
 * raw path, query and headers, writes the JSON response. Jetty's own errors (bad request line, headers too large)
 * are answered in the same JSON error shape.
 */
public final class JettyAdapter {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.server");

    private final Server server;
    private final ServerConnector connector;

    public JettyAdapter(FisRestApi api, String host, int port, int maxBodyBytes, int maxThreads,
            Duration stopTimeout) {
        this(api, null, host, port, maxBodyBytes, maxThreads, stopTimeout);
    }

    /** With {@code faults} ({@code null}: none) serving {@value FaultStreams#PATH} for connected JVMs. */
    public JettyAdapter(FisRestApi api, FaultStreams faults, String host, int port, int maxBodyBytes, int maxThreads,
            Duration stopTimeout) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
        pool.setName("fis-server");
        pool.setDaemon(true);
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // {resourceArn} carries an ARN whose slashes clients send as %2F
        http.setUriCompliance(UriCompliance.DEFAULT.with("fis", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        // stop() lets running requests finish (up to the stop timeout) after it stops accepting new ones
        server.setHandler(new GracefulHandler(new ApiHandler(api, faults, maxBodyBytes)));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(stopTimeout.toMillis());
        server.setStopAtShutdown(false);
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String host() {
        return connector.getHost();
    }

    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the FIS server: {}", e.toString());
        }
    }

    private static final class ApiHandler extends Handler.Abstract {
        private final FisRestApi api;
        private final FaultStreams faults;
        private final int maxBodyBytes;

        ApiHandler(FisRestApi api, FaultStreams faults, int maxBodyBytes) {
            this.api = api;
            this.faults = faults;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (faults != null && FaultStreams.owns(request.getHttpURI().getPath())) {
                faults.handle(request, response, callback); // the multi-JVM event stream and counters
                return true;
            }
            FisRestApi.Response out;
            try {
                out = serve(request);
            } catch (Exception e) {
                LOG.error("Request failed", e);
                out = FisRestApi.error(500, "InternalServerException", "The server failed; see its log.");
            }
            response.setStatus(out.status());
            out.headers().forEach((k, v) -> response.getHeaders().put(k, v));
            response.write(true, ByteBuffer.wrap(out.body()), callback);
            return true;
        }

        private FisRestApi.Response serve(Request request) throws Exception {
            long declared = request.getLength();
            if (declared > maxBodyBytes) {
                return tooLarge(declared + " bytes");
            }
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes(maxBodyBytes + 1);
            }
            if (body.length > maxBodyBytes) {
                return tooLarge("more than " + maxBodyBytes + " bytes");
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField f : request.getHeaders()) {
                headers.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
            }
            return api.handle(new FisRestApi.Request(request.getMethod(), request.getHttpURI().getPath(),
                    request.getHttpURI().getQuery(), headers, body));
        }

        private FisRestApi.Response tooLarge(String size) {
            FisRestApi.Response r = FisRestApi.error(400, "ValidationException", "The request body is too large ("
                    + size + "); the limit is " + maxBodyBytes + " bytes.");
            r.headers().put(HttpHeader.CONNECTION.asString(), "close");
            return r;
        }
    }

    /** Jetty's own errors (400 bad URI, 431, 500) as {@code x-amzn-ErrorType} + {@code {"message": ...}}. */
    private static final class JsonErrorHandler extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus() >= 400 ? response.getStatus() : 500;
            Object message = request.getAttribute(ERROR_MESSAGE);
            String code = status >= 500 ? "InternalServerException" : "ValidationException";
            String text = "{\"message\":" + quote(message == null ? "HTTP " + status : message.toString()) + "}";
            response.getHeaders().put("x-amzn-ErrorType", code);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }

        private static String quote(String s) {
            try {
                return Wire.JSON.writeValueAsString(s);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return "\"error\"";
            }
        }
    }
}
