package dev.fisengine.examples;

import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.aws.sdk.RemoteFaults;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The multi-JVM demo's application ({@code docs/server.md}, "Many JVMs, one experiment"): an order service with no
 * fault-injection code (it reads {@link FisSdk#zeroCodeConnection()} only for its status line) that sends an SQS message every 100 ms to ElasticMQ (started in this JVM) with a plain
 * {@code SqsClient} (the SDK's default HTTP client, no retries, so every throttled attempt shows), and prints once a
 * second how many were sent and throttled. Started with {@code FISENGINE_SDK_SERVER} (and the SDK's HTTP service
 * properties) in its environment, it joins a running {@code fis serve}, whose experiments then throttle it.
 *
 * <p>Run for {@code args[0]} seconds (default 600).
 */
public final class RemoteOrderService {
    private RemoteOrderService() {}

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 600;
        try (ElasticMqServer elasticMq = ElasticMqServer.start();
             SqsClient sqs = SqsClient.builder()
                     .endpointOverride(elasticMq.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo")))
                     .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                     .build()) {
            String queue = sqs.createQueue(r -> r.queueName("orders")).queueUrl();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            int sent = 0;
            int throttled = 0;
            int failed = 0;
            long nextReport = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() - end < 0) {
                try {
                    sqs.sendMessage(r -> r.queueUrl(queue).messageBody("order"));
                    sent++;
                } catch (AwsServiceException e) {
                    if (e.isThrottlingException()) {
                        throttled++;
                    } else {
                        failed++;
                    }
                }
                if (System.nanoTime() - nextReport >= 0) {
                    RemoteFaults remote = FisSdk.zeroCodeConnection();
                    System.out.printf("orders: %d sent, %d throttled, %d failed in the last second; %s%n", sent,
                            throttled, failed, remote == null ? "not connected to fis serve (FISENGINE_SDK_SERVER "
                                    + "unset)" : (remote.isConnected() ? "connected to " : "connecting to ")
                                    + remote.server() + ", " + remote.armedRules() + " fault rule(s) armed");
                    sent = 0;
                    throttled = 0;
                    failed = 0;
                    nextReport += Duration.ofSeconds(1).toNanos();
                }
                Thread.sleep(100); // the service's pace, not a wait for a state
            }
        }
    }
}
