package dev.fisengine.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.model.ExperimentTemplateTarget;
import dev.fisengine.api.spi.TargetResource;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the engine does with a resolver's answer, whatever the resolver did (regression: tags were trusted). */
class TargetResolutionRulesTest {
    private static final String A = "arn:aws:test:us-east-1:123456789012:thing/a";
    private static final String B = "arn:aws:test:us-east-1:123456789012:thing/b";
    private static final String C = "arn:aws:test:us-east-1:123456789012:thing/c";

    @Test
    void resourceTagsAreAndedByTheEngineEvenWhenTheResolverReturnsEverything() {
        List<TargetResource> sloppy = List.of(
                TargetResource.of(A, Map.of("env", "prod", "team", "orders"), Map.of()),
                TargetResource.of(B, Map.of("env", "prod"), Map.of()),                  // lacks team
                TargetResource.of(C, Map.of("env", "test", "team", "orders"), Map.of())); // other value
        ExperimentTemplateTarget target = new ExperimentTemplateTarget("test:thing", null,
                Map.of("env", "prod", "team", "orders"), null, "ALL", null);

        TargetResolution.Result r = TargetResolution.apply(target, sloppy, new Random(1));

        assertThat(r.error()).isNull();
        assertThat(r.selected()).extracting(TargetResource::arn).containsExactly(A);
    }

    @Test
    void everyNamedArnMustBeFoundAndDuplicatesCountOnce() {
        ExperimentTemplateTarget target = new ExperimentTemplateTarget("test:thing", List.of(A, B), null, null,
                "ALL", null);
        TargetResolution.Result missing = TargetResolution.apply(target, List.of(TargetResource.of(A)),
                new Random(1));
        assertThat(missing.error()).isEqualTo("resources not found: " + B);

        TargetResolution.Result twice = TargetResolution.apply(target, List.of(TargetResource.of(A),
                TargetResource.of(B), TargetResource.of(A)), new Random(1));
        assertThat(twice.selected()).extracting(TargetResource::arn).containsExactly(A, B);
    }
}
