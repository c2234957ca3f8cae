package dev.fisengine.examples.springboot;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code POST /orders/{id}}: 202 when the order is queued, 503 with SQS's error when it is not. */
@RestController
class OrdersController {
    private final SqsClient sqs;
    private final String queueUrl;

    OrdersController(SqsClient sqs) {
        this.sqs = sqs;
        this.queueUrl = sqs.createQueue(q -> q.queueName("orders")).queueUrl();
    }

    @PostMapping("/orders/{id}")
    ResponseEntity<Map<String, Object>> place(@PathVariable("id") String id) {
        try {
            String messageId = sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(id)).messageId();
            return ResponseEntity.accepted().body(Map.of("order", id, "queued", true, "messageId", messageId));
        } catch (AwsServiceException e) {
            return ResponseEntity.status(503).body(Map.of("order", id, "queued", false,
                    "error", e.awsErrorDetails().errorCode(), "status", e.statusCode(),
                    "attempts", e.numAttempts()));
        }
    }
}
