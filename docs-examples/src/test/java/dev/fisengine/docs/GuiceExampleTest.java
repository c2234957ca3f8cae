package dev.fisengine.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.fis.ChaosMain;
import com.example.fis.ChaosModule;
import com.example.fis.ClientBindingsModule;
import com.example.fis.FeatureFlagAction;
import com.example.fis.FeatureFlags;
import com.example.fis.HealthChecks;
import com.example.fis.HealthStopCondition;
import com.example.fis.ProvidedClientModule;
import com.example.fis.TenantResolver;
import com.example.fis.Tenants;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.guice.FisEngineModule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The Guice example of docs/guice.md and docs/writing-plugins.md: the module binds, the main runs. */
class GuiceExampleTest {

    @Test
    void theModuleBindsThePluginsAndAnInstrumentedClient() {
        Injector injector = Guice.createInjector(new ChaosModule(new FeatureFlags(), new Tenants(), new HealthChecks()));
        FisEngine engine = injector.getInstance(FisEngine.class);
        try {
            assertThat(engine.plugins().action(FeatureFlagAction.ACTION_ID)).containsInstanceOf(FeatureFlagAction.class);
            assertThat(engine.plugins().resolver(TenantResolver.RESOURCE_TYPE)).containsInstanceOf(TenantResolver.class);
            assertThat(engine.plugins().stopCondition(HealthStopCondition.SOURCE))
                    .containsInstanceOf(HealthStopCondition.class);
            assertThat(injector.getInstance(SqsClient.class).serviceClientConfiguration().region().id())
                    .isEqualTo("eu-west-1");
        } finally {
            engine.close();
        }
    }

    @Test
    void theMainRunsAndStopsItsExperiment() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ChaosMain.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).containsIgnoringCase("stopped");
    }

    @Test
    void theClientBindingsOfTheGuicePageBindInstrumentedClients() {
        Injector injector = Guice.createInjector(FisEngineModule.create(), new ClientBindingsModule());
        FisEngine engine = injector.getInstance(FisEngine.class);
        try {
            assertThat(injector.getInstance(DynamoDbClient.class).serviceClientConfiguration().region())
                    .isEqualTo(Region.EU_WEST_1);
            assertThat(injector.getInstance(Key.get(SqsClient.class, Names.named("orders")))).isNotNull();
        } finally {
            engine.close();
        }
    }

    @Test
    void theProviderMethodOfTheGuicePageBuildsAClientTheEngineCloses() {
        Injector injector = Guice.createInjector(FisEngineModule.create(), new ProvidedClientModule(),
                binder -> binder.bind(ProvidedClientModule.AppConfig.class)
                        .toInstance(new ProvidedClientModule.AppConfig(Region.US_WEST_2)));
        FisEngine engine = injector.getInstance(FisEngine.class);
        try {
            assertThat(injector.getInstance(DynamoDbClient.class).serviceClientConfiguration().region())
                    .isEqualTo(Region.US_WEST_2);
        } finally {
            engine.close();
        }
    }
}
