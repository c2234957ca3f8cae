package dev.fisengine.spring.boot;

import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.engine.FisEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;

/**
 * Instruments every AWS SDK v2 client builder bean ({@code DynamoDbClientBuilder}, {@code SqsClientBuilder}...) with
 * {@link FisSdk#instrument}, after its own initialisation, so every client built from it is reached by the engine's
 * API faults. The principal role is {@code fisengine.sdk.roles.<bean name>}, else {@code fisengine.sdk.role-arn},
 * else the engine's default. Setting another HTTP client on the builder afterwards removes the instrumentation (see
 * {@link FisSdk}); set it in the builder bean's method instead.
 */
public final class FisSdkBuilderPostProcessor implements BeanPostProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(FisSdkBuilderPostProcessor.class);

    private final ObjectProvider<FisEngine> engine;
    private final Environment environment;

    FisSdkBuilderPostProcessor(ObjectProvider<FisEngine> engine, Environment environment) {
        this.engine = engine;
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof SdkClientBuilder<?, ?> builder) {
            String role = environment.getProperty("fisengine.sdk.roles." + beanName,
                    environment.getProperty("fisengine.sdk.role-arn"));
            FisEngine e = engine.getObject();
            instrument(builder, e, role);
            LOG.info("FIS Engine instruments SDK client builder bean '{}' ({}), principal role {}", beanName,
                    bean.getClass().getSimpleName(), role != null ? role : FisSdk.defaultRoleArn(e));
        }
        return bean;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void instrument(SdkClientBuilder builder, FisEngine engine, String role) {
        if (role == null) {
            FisSdk.instrument(builder, engine);
        } else {
            FisSdk.instrument(builder, engine, role);
        }
    }
}
