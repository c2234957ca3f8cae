package dev.fisengine.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.exception.ResourceNotFoundException;
import dev.fisengine.api.model.Action;
import dev.fisengine.api.model.ActionParameter;
import dev.fisengine.api.model.ActionSummary;
import dev.fisengine.api.model.ActionTarget;
import dev.fisengine.api.model.TargetResourceType;
import dev.fisengine.engine.fixtures.Engines;
import dev.fisengine.engine.fixtures.TestAction;
import dev.fisengine.engine.fixtures.ThingResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ListActions / GetAction / target resource types, built from the providers' own descriptions. */
class CatalogTest {
    private final Engines env = new Engines();
    private final FisEngine engine = env.build();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void actionsComeFromTheProvidersDescriptors() {
        var page = engine.listActions(null, null);
        assertThat(page.items()).extracting(ActionSummary::id).containsExactly("aws:fis:wait", TestAction.ID);
        assertThat(page.nextToken()).isNull();

        Action wait = engine.getAction("aws:fis:wait");
        assertThat(wait.arn()).isEqualTo("arn:aws:fis:us-east-1:123456789012:action/aws:fis:wait");
        assertThat(wait.description()).isEqualTo(
                "Wait for the specified duration. Stop condition monitoring will continue during this time.");
        assertThat(wait.parameters()).containsEntry("duration",
                new ActionParameter("The duration, from one minute to 12 hours.", true));
        assertThat(wait.targets()).isNull();

        Action arm = engine.getAction(TestAction.ID);
        assertThat(arm.targets()).containsEntry("Things", new ActionTarget(ThingResolver.TYPE));
        assertThat(arm.parameters().get("level").required()).isFalse();

        assertThat(engine.listActions(1, null).nextToken()).isNotNull();
        assertThat(engine.listActions(1, engine.listActions(1, null).nextToken()).items())
                .extracting(ActionSummary::id).containsExactly(TestAction.ID);
        assertThatThrownBy(() -> engine.getAction("aws:fis:nope")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Action 'aws:fis:nope' not found.");
    }

    @Test
    void targetResourceTypesComeFromTheResolvers() {
        assertThat(engine.listTargetResourceTypes(null, null).items()).singleElement()
                .satisfies(s -> assertThat(s.resourceType()).isEqualTo(ThingResolver.TYPE));
        TargetResourceType t = engine.getTargetResourceType(ThingResolver.TYPE);
        assertThat(t.description()).isEqualTo("A thing for tests.");
        assertThat(t.parameters()).isNull();
        assertThatThrownBy(() -> engine.getTargetResourceType("aws:ec2:instance"))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
