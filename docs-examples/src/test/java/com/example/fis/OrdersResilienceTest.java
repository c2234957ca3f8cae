package com.example.fis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.aws.sdk.SdkRetries;
import dev.fisengine.junit.FisExperiment;
import dev.fisengine.junit.FisExperimentRun;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The README's JUnit 5 example, whole: it runs in this build. */
@FisExperiment("templates/orders-throttle.json")
class OrdersResilienceTest {
    static final String ORDERS_ROLE = "arn:aws:iam::123456789012:role/orders";

    @Test
    void ordersAreQueuedWhilePutItemIsThrottled(FisExperimentRun run) {
        DynamoDbClient ddb = run.instrument(DynamoDbClient.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .addPlugin(SdkRetries.withoutBackoff()), ORDERS_ROLE).build();   // SDK retries, without the waits
        assertThat(new OrderService(ddb).place("o-1")).isEqualTo(OrderStatus.QUEUED);
        assertThat(run.faultsInjected("dynamodb", "PutItem")).isEqualTo(9);    // all of DynamoDB's 9 attempts
    }
}
