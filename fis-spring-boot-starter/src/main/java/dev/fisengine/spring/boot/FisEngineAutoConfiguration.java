package dev.fisengine.spring.boot;

import dev.fisengine.api.event.ExperimentListener;
import dev.fisengine.api.event.ExperimentLogSink;
import dev.fisengine.api.model.SafetyLeverStatus;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of FIS Engine, active only with {@code fisengine.enabled=true}: adding the starter never injects
 * a fault by surprise. Creates the {@link FisEngine} (closed with the context: running experiments are stopped and
 * reverted), the templates of {@code fisengine.templates} ({@link FisTemplates}), a post-processor instrumenting every
 * AWS SDK v2 client builder bean, and the {@code fisengine} Actuator endpoint when Actuator is present.
 */
@AutoConfiguration
@ConditionalOnClass(FisEngine.class)
@ConditionalOnProperty(prefix = "fisengine", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(FisEngineProperties.class)
public class FisEngineAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    FisEngine fisEngine(FisEngineProperties properties, ObjectProvider<ActionProvider> actions,
            ObjectProvider<TargetResolverProvider> resolvers, ObjectProvider<StopConditionProvider> stopConditions,
            ObjectProvider<ExperimentListener> listeners, ObjectProvider<ExperimentLogSink> logSinks) {
        Plugins.Builder plugins = Plugins.builder();
        if (properties.getPlugins().isDiscover()) {
            plugins.discover(FisEngineAutoConfiguration.class.getClassLoader());
        }
        actions.orderedStream().forEach(plugins::action);
        resolvers.orderedStream().forEach(plugins::resolver);
        stopConditions.orderedStream().forEach(plugins::stopCondition);
        FisEngine.Builder builder = FisEngine.builder()
                .plugins(plugins.build())
                .options(EngineOptions.defaults().toBuilder()
                        .validationMode(properties.getValidationMode())
                        .safetyLeverSwitch(properties.getSafetyLever().isProcessSwitch())
                        .shutdownHook(false) // the context closes the engine
                        .build())
                .slf4jLog(properties.getLog().isSlf4j());
        if (properties.getSeed() != null) {
            builder.seed(properties.getSeed());
        }
        listeners.orderedStream().forEach(builder::listener);
        logSinks.orderedStream().forEach(builder::logSink);
        FisEngine engine = builder.build();
        if (properties.getSafetyLever().isEngaged()) {
            engine.updateSafetyLeverState(FisEngine.SAFETY_LEVER_ID, SafetyLeverStatus.ENGAGED,
                    "fisengine.safety-lever.engaged=true");
        }
        return engine;
    }

    @Bean
    @ConditionalOnMissingBean
    FisTemplates fisTemplates(FisEngine engine, FisEngineProperties properties, ResourceLoader loader) {
        return FisTemplates.load(engine, loader, properties.getTemplates(), properties.getStartTimeout());
    }

    /** Static: a post-processor is created before other beans; the engine is looked up when a builder appears. */
    @Bean
    @ConditionalOnClass(name = "software.amazon.awssdk.core.client.builder.SdkClientBuilder")
    @ConditionalOnProperty(prefix = "fisengine.sdk", name = "instrument-builders", havingValue = "true",
            matchIfMissing = true)
    static FisSdkBuilderPostProcessor fisSdkBuilderPostProcessor(ObjectProvider<FisEngine> engine,
            Environment environment) {
        return new FisSdkBuilderPostProcessor(engine, environment);
    }

    /** The Actuator endpoint, when Actuator is on the classpath (expose it with management.endpoints.web...). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class EndpointConfiguration {
        @Bean
        @ConditionalOnMissingBean
        FisEngineEndpoint fisEngineEndpoint(FisEngine engine, FisTemplates templates) {
            return new FisEngineEndpoint(engine, templates);
        }
    }
}
