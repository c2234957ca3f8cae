package dev.fisengine.spring.boot;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * A small Spring Boot order service for the tests: {@code POST /orders/{id}} sends the order to SQS (ElasticMQ) and
 * answers 202, or 503 with the SDK's error code when SQS fails. Its {@link SqsClientBuilder} is a bean, so the starter
 * instruments it; the application itself knows nothing of FIS Engine.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class OrdersApplication {

    @Bean
    SqsClientBuilder sqsClientBuilder(@Value("${orders.sqs.endpoint}") URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(2)));
    }

    @Bean(destroyMethod = "close")
    SqsClient sqsClient(SqsClientBuilder builder) {
        return builder.build();
    }

    @RestController
    static class Orders {
        private final SqsClient sqs;
        private final String queueUrl;

        Orders(SqsClient sqs) {
            this.sqs = sqs;
            this.queueUrl = sqs.createQueue(q -> q.queueName("orders")).queueUrl();
        }

        @PostMapping("/orders/{id}")
        ResponseEntity<String> place(@PathVariable("id") String id) {
            try {
                sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(id));
                return ResponseEntity.accepted().body("queued " + id);
            } catch (AwsServiceException e) {
                return ResponseEntity.status(503).body(e.awsErrorDetails().errorCode() + " (HTTP "
                        + e.statusCode() + ") after " + e.numAttempts() + " attempts");
            }
        }
    }
}
