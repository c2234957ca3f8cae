package dev.fisengine.aws.sdk.internal;

import dev.fisengine.aws.sdk.ApiFault;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;

/**
 * An async HTTP client that consults the armed faults once per attempt. Idle, it hands the SDK's request to the
 * real client untouched. When an attempt is hit it answers, from a shared daemon thread, with the service's error
 * response (nothing is sent), fails it with a {@link ConnectException}, or starts the real call after a delay on a
 * shared scheduler. The SDK's attempt timeout runs on its own timer and cancels the attempt, which cancels the delay.
 */
public final class FaultInjectingAsyncHttpClient implements SdkAsyncHttpClient {
    private final SdkAsyncHttpClient delegate;
    private final FaultSource source;

    public FaultInjectingAsyncHttpClient(SdkAsyncHttpClient delegate, FaultSource source) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The wrapped client. */
    public SdkAsyncHttpClient delegate() {
        return delegate;
    }

    /** Where this client looks for faults. */
    public FaultSource source() {
        return source;
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        FaultIndex index = source.current();
        if (index == FaultIndex.EMPTY) {
            return delegate.execute(request);
        }
        return executeArmed(index, request);
    }

    private CompletableFuture<Void> executeArmed(FaultIndex index, AsyncExecuteRequest request) {
        Injection inj;
        ErrorResponses.Synthetic response = null;
        try {
            CallTarget target = CallTargets.async(request.httpExecutionAttributes());
            inj = target == null ? null : Injector.decide(index, target, source.roleArn(), request.request());
            if (inj != null && inj.terminal != null && !(inj.terminal instanceof ApiFault.ConnectionFailure)) {
                response = ErrorResponses.build(inj.terminal, target, request.request());
            }
        } catch (RuntimeException e) {
            HotPathLog.warn("deciding an API fault failed; the call proceeds without faults", e);
            inj = null;
        }
        if (inj == null) {
            return delegate.execute(request);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        ErrorResponses.Synthetic synthetic = response;
        Injection injection = inj;
        Runnable proceed = () -> {
            if (result.isDone()) {
                return;
            }
            try {
                if (injection.terminal == null) {
                    forward(delegate.execute(request), result);
                } else {
                    discardBody(request);
                    if (synthetic == null) {
                        fail(request.responseHandler(), result);
                    } else {
                        respond(request.responseHandler(), synthetic, result);
                    }
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (injection.hasDelay()) {
            CompletableFuture<Void> gate = new CompletableFuture<>();
            ScheduledFuture<?> timer = FaultExecutor.get().schedule(() -> {
                gate.complete(null);
            }, injection.delayNanos, TimeUnit.NANOSECONDS);
            for (ArmedRule rule : injection.delayRules) {
                rule.registerDelay(gate);
            }
            gate.whenComplete((v, t) -> {
                timer.cancel(false);
                FaultExecutor.get().execute(proceed);
            });
            result.whenComplete((v, t) -> gate.complete(null));
        } else {
            FaultExecutor.get().execute(proceed);
        }
        return result;
    }

    /**
     * Subscribes to the request body and cancels at once, as an HTTP client does when the exchange ends before the
     * body is sent: a body the application writes from a blocking stream
     * ({@code AsyncRequestBody.forBlockingInputStream}) waits for a subscriber, and without one its writer would block
     * until the SDK's subscribe timeout. Nothing of the body is read.
     */
    static void discardBody(AsyncExecuteRequest request) {
        SdkHttpContentPublisher body = request.requestContentPublisher();
        if (body == null) {
            return;
        }
        try {
            body.subscribe(new Subscriber<ByteBuffer>() {
                @Override
                public void onSubscribe(Subscription subscription) {
                    subscription.cancel();
                }

                @Override
                public void onNext(ByteBuffer item) {}

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onComplete() {}
            });
        } catch (RuntimeException e) {
            HotPathLog.warn("cancelling the request body of an injected attempt failed", e);
        }
    }

    private static void forward(CompletableFuture<Void> real, CompletableFuture<Void> result) {
        real.whenComplete((v, t) -> {
            if (t != null) {
                result.completeExceptionally(t);
            } else {
                result.complete(null);
            }
        });
        result.whenComplete((v, t) -> {
            if (result.isCancelled()) {
                real.cancel(true);
            }
        });
    }

    private static void fail(SdkAsyncHttpResponseHandler handler, CompletableFuture<Void> result) {
        IOException e = new ConnectException("Connection refused (injected by FIS Engine)");
        handler.onError(e);
        result.completeExceptionally(e);
    }

    private static void respond(SdkAsyncHttpResponseHandler handler, ErrorResponses.Synthetic response,
                                CompletableFuture<Void> result) {
        handler.onHeaders(SdkHttpResponse.builder().statusCode(response.status()).statusText(response.statusText())
                .headers(response.headers()).build());
        handler.onStream(AsyncRequestBody.fromBytes(response.body()));
        result.complete(null);
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
        return "FaultInjectingAsyncHttpClient[" + delegate.clientName() + "]";
    }
}
