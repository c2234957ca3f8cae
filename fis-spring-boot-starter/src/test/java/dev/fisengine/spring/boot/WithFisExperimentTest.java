package dev.fisengine.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.ExperimentSummary;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.spring.boot.test.WithFisExperiment;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** {@link WithFisExperiment} on a {@code @SpringBootTest}: the experiment runs around the test method only. */
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "fisengine.enabled=true",
            "fisengine.templates=classpath:fis/orders-throttle.yaml",
            "fisengine.sdk.role-arn=arn:aws:iam::123456789012:role/order-service"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WithFisExperimentTest {
    private static final ElasticMq SQS = new ElasticMq();

    @Autowired
    SqsClient sqs;

    @Autowired
    FisEngine engine;

    @DynamicPropertySource
    static void sqs(DynamicPropertyRegistry registry) {
        registry.add("orders.sqs.endpoint", SQS::endpoint);
    }

    @AfterAll
    static void stopSqs() {
        SQS.close();
    }

    @Test
    @Order(1)
    @WithFisExperiment("orders-throttle")
    void duringTheTestTheApplicationsClientIsThrottled() {
        String url = sqs.getQueueUrl(q -> q.queueName("orders")).queueUrl(); // GetQueueUrl is not faulted
        assertThatThrownBy(() -> sqs.sendMessage(m -> m.queueUrl(url).messageBody("x")))
                .isInstanceOf(SqsException.class)
                .satisfies(e -> assertThat(((SqsException) e).awsErrorDetails().errorCode())
                        .isEqualTo("RequestThrottled"));
        assertThat(running()).hasSize(1);
    }

    @Test
    @Order(2)
    void afterItTheExperimentIsStoppedAndTheClientWorks() {
        assertThat(running()).isEmpty();
        assertThat(engine.listExperiments().items()).hasSize(1);
        String url = sqs.getQueueUrl(q -> q.queueName("orders")).queueUrl();
        assertThat(sqs.sendMessage(m -> m.queueUrl(url).messageBody("y")).messageId()).isNotBlank();
    }

    private List<ExperimentSummary> running() {
        return engine.listExperiments().items().stream().filter(e -> !e.state().status().isTerminal()).toList();
    }
}
