package dev.fisengine.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.fis.FeatureFlagAction;
import com.example.fis.FeatureFlags;
import com.example.fis.HealthChecks;
import com.example.fis.HealthStopCondition;
import com.example.fis.TenantResolver;
import com.example.fis.Tenants;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The three example plugins of docs/writing-plugins.md in one experiment: found by ServiceLoader through this
 * module's META-INF/services files, or passed explicitly; the application's services registered as engine
 * components; a manual clock.
 */
class PluginsEndToEndTest {
    private static final String ACME = "arn:aws:myapp:eu-west-1:123456789012:tenant/acme";
    private static final String GLOBEX = "arn:aws:myapp:eu-west-1:123456789012:tenant/globex";
    private static final String TEMPLATE = """
            {"description": "new checkout for beta tenants",
             "roleArn": "arn:aws:iam::123456789012:role/fis",
             "stopConditions": [{"source": "myapp:health", "value": "checkout-service-health"}],
             "targets": {"BetaTenants": {"resourceType": "myapp:app:tenant", "resourceTags": {"tier": "beta"},
                                         "selectionMode": "ALL"}},
             "actions": {"NewCheckout": {"actionId": "myapp:feature-flag:enable",
                                         "parameters": {"flag": "new-checkout", "duration": "PT10M"},
                                         "targets": {"Tenants": "BetaTenants"}}}}
            """;

    private final ManualClock clock = new ManualClock();
    private final FeatureFlags flags = new FeatureFlags();
    private final Tenants tenants = new Tenants().add(ACME, Map.of("tier", "beta"))
            .add(GLOBEX, Map.of("tier", "gold"));
    private final AtomicBoolean checkoutHealthy = new AtomicBoolean(true);
    private final HealthChecks health = new HealthChecks().register("checkout-service-health", checkoutHealthy::get);

    private FisEngine engine(Plugins plugins) {
        return FisEngine.builder().plugins(plugins).clock(clock).slf4jLog(false)
                .options(EngineOptions.builder().shutdownHook(false).safetyLeverSwitch(false).build())
                .component(FeatureFlags.class, flags)
                .component(Tenants.class, tenants)
                .component(HealthChecks.class, health)
                .build();
    }

    @Test
    void serviceLoaderFindsTheThreeAndTheyRunAnExperimentUntilTheStopConditionStopsIt() {
        try (FisEngine engine = engine(Plugins.discovered())) {
            assertThat(engine.plugins().action(FeatureFlagAction.ACTION_ID)).containsInstanceOf(FeatureFlagAction.class);
            String id = engine.startExperiment(engine.createExperimentTemplate(TEMPLATE).id()).id();
            clock.awaitIdle();

            assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.RUNNING);
            assertThat(flags.isEnabled("new-checkout", ACME)).as("beta tenant").isTrue();
            assertThat(flags.isEnabled("new-checkout", GLOBEX)).as("gold tenant, not targeted").isFalse();

            checkoutHealthy.set(false);
            clock.advance(Duration.ofMinutes(1)); // the engine checks its stop conditions on its poll interval
            Experiment ended = engine.getExperiment(id);
            assertThat(ended.state().status()).isEqualTo(ExperimentStatus.STOPPED);
            assertThat(ended.state().reason()).contains("health check checkout-service-health is failing");
            assertThat(flags.noneEnabled()).as("reverted").isTrue();
        }
    }

    @Test
    void passedExplicitlyWithoutDiscoveryTheyRunToCompletion() {
        Plugins plugins = Plugins.builder()
                .action(new FeatureFlagAction())
                .resolver(new TenantResolver())
                .stopCondition(new HealthStopCondition())
                .build();
        try (FisEngine engine = engine(plugins)) {
            String id = engine.startExperiment(engine.createExperimentTemplate(TEMPLATE).id()).id();
            clock.awaitIdle();
            assertThat(flags.isEnabled("new-checkout", ACME)).isTrue();

            clock.advance(Duration.ofMinutes(10));
            assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
            assertThat(flags.noneEnabled()).isTrue();
        }
    }

    @Test
    void anUnknownHealthCheckFailsTheStartNamingTheTemplateField() {
        try (FisEngine engine = engine(Plugins.discovered())) {
            String id = engine.startExperiment(engine.createExperimentTemplate(
                    TEMPLATE.replace("checkout-service-health", "payments-service-health")).id()).id();
            clock.awaitIdle();
            Experiment e = engine.getExperiment(id);
            assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(e.state().reason()).contains("stopConditions[source=myapp:health].value")
                    .contains("payments-service-health");
        }
    }
}
