package com.example.fis;

import com.google.inject.AbstractModule;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.guice.EngineComponent;
import dev.fisengine.guice.FisClients;
import dev.fisengine.guice.FisEngineModule;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The application's Guice module: the engine, its plugins and their services, and an SQS client experiments reach. */
public final class ChaosModule extends AbstractModule {
    private final FeatureFlags flags;
    private final Tenants tenants;
    private final HealthChecks health;

    public ChaosModule(FeatureFlags flags, Tenants tenants, HealthChecks health) {
        this.flags = flags;
        this.tenants = tenants;
        this.health = health;
    }

    @Override
    protected void configure() {
        install(FisEngineModule.builder()
                .options(EngineOptions.builder().region("eu-west-1").build())
                .build());

        // The plugins (Guice builds them), and the application services they get from the engine's components.
        FisEngineModule.actionBinder(binder()).addBinding().to(FeatureFlagAction.class);
        FisEngineModule.targetResolverBinder(binder()).addBinding().to(TenantResolver.class);
        FisEngineModule.stopConditionBinder(binder()).addBinding().to(HealthStopCondition.class);
        FisEngineModule.componentBinder(binder()).addBinding().toInstance(EngineComponent.of(FeatureFlags.class, flags));
        FisEngineModule.componentBinder(binder()).addBinding().toInstance(EngineComponent.of(Tenants.class, tenants));
        FisEngineModule.componentBinder(binder()).addBinding().toInstance(EngineComponent.of(HealthChecks.class, health));

        // Whoever injects SqsClient gets one the engine's API faults reach, acting as the role/orders principal.
        FisClients.bind(binder(), SqsClient.class, SqsClient::builder, "arn:aws:iam::123456789012:role/orders",
                b -> b.region(Region.EU_WEST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))));
    }
}
