package dev.fisengine.examples;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A small order service: a producer thread that sends orders to an SQS queue at a steady rate
 * ({@code SendMessage}), and a consumer thread that receives them ({@code ReceiveMessage}, long polling) and deletes
 * each one it processed ({@code DeleteMessage}). Every exception the SDK throws at it (after the SDK's own retries) is
 * an error the service saw: it is counted in {@link ServiceErrors}, and the order it concerned is lost (send) or left
 * for redelivery (receive). A consumer that saw an error pauses {@value #ERROR_PAUSE_MS} ms, as real consumers back off.
 */
final class OrderService implements AutoCloseable {
    static final long ERROR_PAUSE_MS = 100;
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /** An error the service saw: the operation, the exception, and whether the engine injected it. */
    record SeenError(String operation, RuntimeException exception, boolean injected) {}

    private final SqsClient sqs;
    private final String queueUrl;
    private final int ordersPerSecond;
    private final ServiceErrors errors;
    private final Consumer<SeenError> onError;
    private final AtomicLong orderIds = new AtomicLong();
    private final LongAdder sent = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final LongAdder injectedErrors = new LongAdder();
    private final LongAdder otherErrors = new LongAdder();
    private final Thread producer;
    private final Thread consumer;
    private volatile boolean running;

    /**
     * @param onError told of every error the service sees, on the service's threads (must be quick)
     */
    OrderService(SqsClient sqs, String queueUrl, int ordersPerSecond, ServiceErrors errors,
                 Consumer<SeenError> onError) {
        if (ordersPerSecond < 1 || ordersPerSecond > 1000) {
            throw new IllegalArgumentException("orders per second: " + ordersPerSecond + " is not between 1 and 1000");
        }
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.ordersPerSecond = ordersPerSecond;
        this.errors = Objects.requireNonNull(errors, "errors");
        this.onError = Objects.requireNonNull(onError, "onError");
        this.producer = new Thread(this::produce, "order-producer");
        this.consumer = new Thread(this::consume, "order-consumer");
        producer.setDaemon(true);
        consumer.setDaemon(true);
    }

    void start() {
        running = true;
        producer.start();
        consumer.start();
    }

    private void produce() {
        long period = NANOS_PER_SECOND / ordersPerSecond;
        long next = System.nanoTime();
        while (running) {
            long id = orderIds.incrementAndGet();
            try {
                sqs.sendMessage(b -> b.queueUrl(queueUrl)
                        .messageBody("{\"orderId\":\"order-" + id + "\",\"amount\":" + (10 + id % 90) + "}"));
                sent.increment();
            } catch (RuntimeException e) {
                lost.increment();
                saw("SendMessage", e);
            }
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -NANOS_PER_SECOND) {
                next = System.nanoTime(); // more than a second behind: resume the rate instead of bursting
            }
        }
    }

    private void consume() {
        while (running) {
            List<Message> messages;
            try {
                messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
            } catch (RuntimeException e) {
                saw("ReceiveMessage", e);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ERROR_PAUSE_MS));
                continue;
            }
            for (Message m : messages) {
                try {
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                    processed.increment();
                } catch (RuntimeException e) {
                    saw("DeleteMessage", e);
                }
            }
        }
    }

    private void saw(String operation, RuntimeException e) {
        boolean injected = isInjected(e);
        (injected ? injectedErrors : otherErrors).increment();
        errors.record();
        onError.accept(new SeenError(operation, e, injected));
    }

    /** Whether {@code e} is a response the engine injected (it carries the {@code x-fisengine-fault} header). */
    static boolean isInjected(Throwable e) {
        return e instanceof AwsServiceException ase
                && ase.awsErrorDetails() != null
                && ase.awsErrorDetails().sdkHttpResponse() != null
                && ase.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(SdkTelemetry.FAULT_HEADER).isPresent();
    }

    /** Orders sent to the queue. */
    long sent() {
        return sent.sum();
    }

    /** Orders whose SendMessage failed. */
    long lost() {
        return lost.sum();
    }

    /** Orders received and deleted. */
    long processed() {
        return processed.sum();
    }

    /** Errors the service saw that were injected faults. */
    long injectedErrors() {
        return injectedErrors.sum();
    }

    /** Errors the service saw that were not injected (a real failure of the queue or the network). */
    long otherErrors() {
        return otherErrors.sum();
    }

    /** Stops both threads and waits for their current call to end (at most the receive's 1 s long poll). */
    @Override
    public void close() {
        running = false;
        join(producer);
        join(consumer);
    }

    private static void join(Thread t) {
        if (t.getState() == Thread.State.NEW) {
            return;
        }
        try {
            t.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            throw new IllegalStateException(t.getName() + " did not stop within 30 s");
        }
    }
}
