package dev.fisengine.examples.springboot;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * An order service: {@code POST /orders/{id}} queues the order on SQS. It knows nothing of FIS Engine: the starter
 * instruments its {@link SqsClientBuilder} bean, and experiments are started from the Actuator endpoint
 * ({@code POST /actuator/fisengine}). SQS is ElasticMQ, started in this JVM unless {@code orders.sqs.endpoint} names
 * one.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }

    /** ElasticMQ on a free port of 127.0.0.1, when no SQS endpoint is configured. */
    @Bean(destroyMethod = "stopAndWait")
    SQSRestServer elasticMq(@Value("${orders.sqs.endpoint:}") String endpoint) {
        return endpoint.isBlank() ? SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start() : null;
    }

    @Bean
    SqsClientBuilder sqsClientBuilder(@Value("${orders.sqs.endpoint:}") String endpoint, SQSRestServer elasticMq) {
        URI uri = endpoint.isBlank()
                ? URI.create("http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort())
                : URI.create(endpoint);
        return SqsClient.builder()
                .endpointOverride(uri)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")));
    }

    @Bean(destroyMethod = "close")
    SqsClient sqsClient(SqsClientBuilder builder) {
        return builder.build();
    }
}
