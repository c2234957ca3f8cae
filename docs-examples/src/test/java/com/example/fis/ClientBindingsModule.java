package com.example.fis;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.name.Names;
import dev.fisengine.guice.FisClients;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** docs/guice.md, "Instrumented SDK clients": clients bound with FisClients, one of them with its principal role. */
public final class ClientBindingsModule extends AbstractModule {
    @Override
    protected void configure() {
        FisClients.bind(binder(), DynamoDbClient.class, DynamoDbClient::builder, b -> b.region(Region.EU_WEST_1));
        FisClients.bind(binder(), Key.get(SqsClient.class, Names.named("orders")), SqsClient::builder,
                "arn:aws:iam::123456789012:role/orders", b -> b.region(Region.EU_WEST_1));
    }
}
