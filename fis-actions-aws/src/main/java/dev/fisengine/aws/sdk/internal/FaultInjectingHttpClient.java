package dev.fisengine.aws.sdk.internal;

import dev.fisengine.aws.sdk.ApiFault;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * A sync HTTP client that consults the armed faults once per attempt. Idle, it hands the SDK's objects to the real
 * client untouched. When an attempt is hit it answers with the service's error response without sending anything,
 * throws a {@link ConnectException}, or delays the attempt (interruptibly, so the SDK's attempt timeout still fires).
 */
public final class FaultInjectingHttpClient implements SdkHttpClient {
    private final SdkHttpClient delegate;
    private final FaultSource source;

    public FaultInjectingHttpClient(SdkHttpClient delegate, FaultSource source) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The wrapped client. */
    public SdkHttpClient delegate() {
        return delegate;
    }

    /** Where this client looks for faults. */
    public FaultSource source() {
        return source;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        FaultIndex index = source.current();
        if (index == FaultIndex.EMPTY) {
            return delegate.prepareRequest(request);
        }
        return prepareArmed(index, request);
    }

    private ExecutableHttpRequest prepareArmed(FaultIndex index, HttpExecuteRequest request) {
        Injection inj;
        ErrorResponses.Synthetic response = null;
        try {
            CallTarget target = CallTargets.takeSync(request.httpRequest());
            inj = target == null ? null : Injector.decide(index, target, source.roleArn(), request.httpRequest());
            if (inj != null && inj.terminal != null && !(inj.terminal instanceof ApiFault.ConnectionFailure)) {
                response = ErrorResponses.build(inj.terminal, target, request.httpRequest());
            }
        } catch (RuntimeException e) {
            HotPathLog.warn("deciding an API fault failed; the call proceeds without faults", e);
            inj = null;
        }
        if (inj == null) {
            return delegate.prepareRequest(request);
        }
        ExecutableHttpRequest real = inj.terminal == null ? delegate.prepareRequest(request) : null;
        return new InjectedCall(real, inj, response);
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "FaultInjectingHttpClient[" + delegate.clientName() + "]";
    }

    /** One hit attempt: an optional delay, then the real call, a synthetic response, or a connection failure. */
    private static final class InjectedCall implements ExecutableHttpRequest {
        private final ExecutableHttpRequest real;
        private final Injection injection;
        private final ErrorResponses.Synthetic response;
        private volatile CompletableFuture<Void> gate;
        private volatile boolean aborted;

        InjectedCall(ExecutableHttpRequest real, Injection injection, ErrorResponses.Synthetic response) {
            this.real = real;
            this.injection = injection;
            this.response = response;
        }

        @Override
        public HttpExecuteResponse call() throws IOException {
            awaitDelay();
            if (real != null) {
                return real.call();
            }
            if (response == null) {
                throw new ConnectException("Connection refused (injected by FIS Engine)");
            }
            return HttpExecuteResponse.builder()
                    .response(SdkHttpResponse.builder().statusCode(response.status()).statusText(response.statusText())
                            .headers(response.headers()).build())
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body())))
                    .build();
        }

        private void awaitDelay() throws IOException {
            if (injection.hasDelay()) {
                CompletableFuture<Void> g = new CompletableFuture<>();
                gate = g;
                for (ArmedRule rule : injection.delayRules) {
                    rule.registerDelay(g);
                }
                if (aborted) {
                    g.complete(null);
                }
                try {
                    g.get(injection.delayNanos, TimeUnit.NANOSECONDS);
                } catch (TimeoutException elapsed) {
                    // the delay ran its full length
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("request interrupted during an injected delay");
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e);
                } finally {
                    g.complete(null);
                }
            }
            if (aborted) {
                throw new InterruptedIOException("request aborted");
            }
        }

        @Override
        public void abort() {
            aborted = true;
            CompletableFuture<Void> g = gate;
            if (g != null) {
                g.complete(null);
            }
            if (real != null) {
                real.abort();
            }
        }
    }
}
