package com.example.fis;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.guice.FisClients;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** docs/guice.md: a client whose building needs other injected values, in a provider method of your own. */
public final class ProvidedClientModule extends AbstractModule {
    /** The application's configuration. */
    public record AppConfig(Region region) {}

    @Provides @Singleton
    DynamoDbClient dynamoDb(FisEngine engine, AppConfig config) {
        return FisClients.build(engine, DynamoDbClient.builder().region(config.region()), null);
    }
}
