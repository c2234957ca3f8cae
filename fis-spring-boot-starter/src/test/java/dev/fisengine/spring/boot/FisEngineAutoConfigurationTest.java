package dev.fisengine.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.builtin.WaitActionProvider;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/** The auto-configuration's conditions: off unless enabled, and what it creates when it is on. */
class FisEngineAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FisEngineAutoConfiguration.class))
            .withBean("ordersSqs", SqsClientBuilder.class, () -> SqsClient.builder().region(Region.US_EAST_1)
                    .endpointOverride(URI.create("http://127.0.0.1:1")));

    @Test
    void addingTheStarterDoesNothingUntilEnabled() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(FisEngine.class);
            assertThat(context).doesNotHaveBean(FisSdkBuilderPostProcessor.class);
            assertThat(context).doesNotHaveBean(FisEngineEndpoint.class);
        });
        runner.withPropertyValues("fisengine.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(FisEngine.class));
    }

    @Test
    void enabledItCreatesTheEngineTheEndpointAndThePostProcessor() {
        runner.withPropertyValues("fisengine.enabled=true", "fisengine.safety-lever.engaged=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(FisEngine.class);
                    assertThat(context).hasSingleBean(FisTemplates.class);
                    assertThat(context).hasSingleBean(FisEngineEndpoint.class);
                    assertThat(context).hasSingleBean(FisSdkBuilderPostProcessor.class);
                    FisEngine engine = context.getBean(FisEngine.class);
                    assertThat(engine.getSafetyLever(FisEngine.SAFETY_LEVER_ID).state().status().wireName())
                            .isEqualTo("engaged");
                    assertThat(engine.plugins().action("aws:fis:inject-api-throttle-error")).isPresent();
                });
    }

    @Test
    void pluginBeansAreAddedAndDiscoveryCanBeTurnedOff() {
        runner.withPropertyValues("fisengine.enabled=true", "fisengine.plugins.discover=false")
                .withBean(ActionProvider.class, WaitActionProvider::new)
                .run(context -> {
                    FisEngine engine = context.getBean(FisEngine.class);
                    assertThat(engine.plugins().action("aws:fis:wait")).isPresent();
                    assertThat(engine.plugins().action("aws:fis:inject-api-throttle-error")).isEmpty();
                });
    }

    @Test
    void theEngineIsClosedWithTheContext() {
        FisEngine[] seen = new FisEngine[1];
        runner.withPropertyValues("fisengine.enabled=true").run(context -> seen[0] = context.getBean(FisEngine.class));
        assertThat(seen[0].isClosed()).isTrue();
    }

    @Test
    void anInvalidTemplateFailsStartupNamingFileAndLine() {
        runner.withPropertyValues("fisengine.enabled=true", "fisengine.templates=classpath:fis/broken.yaml")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("classpath:fis/broken.yaml:")
                            .hasMessageContaining("Broken /Properties/Actions/Wait/Parameters/duration")
                            .hasMessageContaining("PT5X");
                });
    }

    @Test
    void builderInstrumentationCanBeTurnedOff() {
        runner.withPropertyValues("fisengine.enabled=true", "fisengine.sdk.instrument-builders=false")
                .run(context -> assertThat(context).doesNotHaveBean(FisSdkBuilderPostProcessor.class));
    }
}
