package com.example.fis;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.guice.FisClients;
import dev.fisengine.guice.FisEngineModule;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The README's Guice example, whole. */
public final class GuiceExample {
    private GuiceExample() {}

    public static void main(String[] args) {
        Injector injector = Guice.createInjector(FisEngineModule.create(), new AbstractModule() {
            @Override protected void configure() {
                FisEngineModule.actionBinder(binder()).addBinding().to(FeatureFlagAction.class);   // your own action
                FisClients.bind(binder(), DynamoDbClient.class, DynamoDbClient::builder,
                        "arn:aws:iam::123456789012:role/orders",                 // the role templates target
                        b -> b.region(Region.EU_WEST_1));
            }
        });
        FisEngine engine = injector.getInstance(FisEngine.class);   // explicit lifecycle: engine.close() when done
        System.out.println(injector.getInstance(DynamoDbClient.class).serviceClientConfiguration().region());
        engine.close();
    }
}
