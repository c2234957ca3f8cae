package com.example.fis;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/** The README's application: stores orders in DynamoDB, and queues them while DynamoDB throttles. */
public final class OrderService {
    private final DynamoDbClient ddb;
    private final Queue<String> queued = new ConcurrentLinkedQueue<>();

    public OrderService(DynamoDbClient ddb) {
        this.ddb = ddb;
    }

    public OrderStatus place(String orderId) {
        try {
            ddb.putItem(p -> p.tableName("orders").item(Map.of("id", AttributeValue.fromS(orderId))));
            return OrderStatus.STORED;
        } catch (ThrottlingException e) { // after the SDK's retries
            queued.add(orderId);
            return OrderStatus.QUEUED;
        }
    }
}
