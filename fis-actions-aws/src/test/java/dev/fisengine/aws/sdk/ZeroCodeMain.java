package dev.fisengine.aws.sdk;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Run by {@link ZeroCodeInstrumentationTest} in a JVM of its own, started with the zero-code flags: builds plain SDK
 * clients (no {@link FisSdk#instrument}, no explicit HTTP client), arms a throttle in the default engine, and prints
 * what the clients saw as {@code RESULT key=value} lines.
 */
public final class ZeroCodeMain {
    private ZeroCodeMain() {}

    public static void main(String[] args) {
        try (LoopbackAwsServer server = new LoopbackAwsServer(); TestRuntime runtime = new TestRuntime("zero-code")) {
            FisSdk.setDefaultRuntime(runtime);
            result("autoInstrument", FisSdk.autoInstrumentEnabled());
            DynamoDbClient sync = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s")))
                    .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                    .build();
            DynamoDbAsyncClient async = DynamoDbAsyncClient.builder().endpointOverride(server.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s")))
                    .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                    .build();
            try (ArmedApiFault armed = ApiFaultRegistry.of(runtime).arm(ApiFaultRule.builder().service("dynamodb")
                    .operations("GetItem").fault(ApiFault.throttle()).build())) {
                result("sync", outcome(() -> sync.getItem(b -> b.tableName("t").key(java.util.Map.of("id",
                        AttributeValue.fromS("1"))))));
                result("async", outcome(() -> async.getItem(b -> b.tableName("t").key(java.util.Map.of("id",
                        AttributeValue.fromS("1")))).join()));
                result("injected", armed.injectedFaults());
                result("serverAfterFaults", server.count("GetItem"));
                // a client built with its own HTTP client: zero-code cannot reach it, and says so
                try (software.amazon.awssdk.http.SdkHttpClient own =
                             software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create();
                     DynamoDbClient ownClient = DynamoDbClient.builder().endpointOverride(server.endpoint())
                             .region(Region.US_EAST_1).httpClient(own)
                             .credentialsProvider(StaticCredentialsProvider.create(
                                     AwsBasicCredentials.create("AKID", "s")))
                             .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                             .build()) {
                    result("missedBefore", FisSdk.zeroCodeMissedAttempts());
                    result("ownHttpClient", outcome(() -> ownClient.getItem(b -> b.tableName("t")
                            .key(java.util.Map.of("id", AttributeValue.fromS("1"))))));
                    result("missedAfter", FisSdk.zeroCodeMissedAttempts());
                }
            }
            result("syncAfterDisarm", outcome(() -> sync.getItem(b -> b.tableName("t"))));
            result("serverAfterDisarm", server.count("GetItem"));
            sync.close();
            async.close();
            FisSdk.setDefaultRuntime(null);
        }
        System.exit(0);
    }

    private static String outcome(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (RuntimeException e) {
            Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause()
                    : e;
            return t instanceof AwsServiceException a ? t.getClass().getSimpleName() + "/" + a.statusCode()
                    : t.getClass().getSimpleName();
        }
    }

    private static void result(String key, Object value) {
        System.out.println("RESULT " + key + "=" + value);
    }
}
