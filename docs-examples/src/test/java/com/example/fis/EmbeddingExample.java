package com.example.fis;

import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.aws.sdk.SdkRetries;
import dev.fisengine.engine.FisEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/** The README's embedding example, whole. */
public final class EmbeddingExample {
    private EmbeddingExample() {}

    public static void main(String[] args) throws Exception {
        Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("o-1"));
        try (FisEngine engine = FisEngine.builder().build()) {               // plugins found with ServiceLoader
            DynamoDbClient ddb = FisSdk.instrument(DynamoDbClient.builder()
                    .region(Region.EU_WEST_1)                                   // a faulted call never leaves the JVM,
                    .credentialsProvider(StaticCredentialsProvider.create(      // so any region and keys do here
                            AwsBasicCredentials.create("test", "test")))
                    .addPlugin(SdkRetries.withoutBackoff()),                    // SDK retries without the waits
                    engine, "arn:aws:iam::123456789012:role/orders").build();   // this client's principal role
            ExperimentTemplate template = engine.createExperimentTemplate(
                    Files.readString(Path.of("templates/orders-throttle.json"))); // the create-experiment-template JSON
            Experiment experiment = engine.startExperiment(template.id());
            engine.awaitRunning(experiment.id(), Duration.ofSeconds(5));      // every fault armed

            try {
                ddb.putItem(p -> p.tableName("orders").item(item));            // the Roles target selects this client
            } catch (ThrottlingException e) {                                   // modeled exception, after SDK retries
                System.out.println("throttled after " + e.numAttempts() + " attempts");
            }
            engine.stopExperiment(experiment.id());                             // returns when every fault is disarmed
        }
    }
}
