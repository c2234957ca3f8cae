package com.example.fis;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.fisengine.engine.FisEngine;
import java.util.Map;

/** Starts the Guice application of docs/guice.md, runs one experiment with the plugins of docs/writing-plugins.md. */
public final class ChaosMain {
    private static final String TEMPLATE = """
            {"description": "new checkout for beta tenants", "roleArn": "arn:aws:iam::123456789012:role/fis",
             "stopConditions": [{"source": "myapp:health", "value": "checkout-service-health"}],
             "targets": {"BetaTenants": {"resourceType": "myapp:app:tenant", "resourceTags": {"tier": "beta"},
                                         "selectionMode": "ALL"}},
             "actions": {"NewCheckout": {"actionId": "myapp:feature-flag:enable",
                                         "parameters": {"flag": "new-checkout", "duration": "PT10M"},
                                         "targets": {"Tenants": "BetaTenants"}}}}
            """;

    private ChaosMain() {}

    public static void main(String[] args) {
        FeatureFlags flags = new FeatureFlags();
        Tenants tenants = new Tenants().add("arn:aws:myapp:eu-west-1:123456789012:tenant/acme", Map.of("tier", "beta"));
        HealthChecks health = new HealthChecks().register("checkout-service-health", () -> true);
        Injector injector = Guice.createInjector(new ChaosModule(flags, tenants, health));
        FisEngine engine = injector.getInstance(FisEngine.class);
        try {
            String experimentId = engine.startExperiment(engine.createExperimentTemplate(TEMPLATE).id()).id();
            // ... the application runs: the flag is on for beta tenants while the action runs, and the injected
            //     SqsClient's calls go through the engine's fault hook ...
            engine.stopExperiment(experimentId); // returns when every revert has run: the flag is off again
            System.out.println(engine.getExperiment(experimentId).state());
        } finally {
            engine.close(); // stops what still runs, closes the SqsClient built for the engine
        }
    }
}
