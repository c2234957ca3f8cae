package dev.fisengine.engine;

import static dev.fisengine.engine.fixtures.Templates.template;
import static dev.fisengine.engine.fixtures.Templates.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.exception.ConflictException;
import dev.fisengine.api.exception.ResourceNotFoundException;
import dev.fisengine.api.exception.ServiceQuotaExceededException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.ExperimentOptions;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.model.ExperimentTemplateSummary;
import dev.fisengine.api.model.LogConfiguration;
import dev.fisengine.api.model.StopConditionSpec;
import dev.fisengine.api.model.UpdateExperimentTemplateRequest;
import dev.fisengine.engine.fixtures.Engines;
import dev.fisengine.engine.fixtures.Templates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Template operations: create, get, list, update, delete, idempotency, quotas, tags. */
class FisEngineTemplatesTest {
    private static final String JSON = """
            {
              "description": "Wait a minute",
              "targets": {},
              "actions": {"wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT1M"}}},
              "stopConditions": [{"source": "none"}],
              "roleArn": "arn:aws:iam::123456789012:role/fis",
              "tags": {"team": "payments"}
            }
            """;

    private final Engines env = new Engines();
    private FisEngine engine = env.build();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void createsATemplateFromCliJsonWithAwsShapedIdsAndDefaults() {
        ExperimentTemplate t = engine.createExperimentTemplate(JSON);

        assertThat(t.id()).matches("EXT[A-Za-z0-9]{14}");
        assertThat(t.arn()).isEqualTo("arn:aws:fis:us-east-1:123456789012:experiment-template/" + t.id());
        assertThat(t.description()).isEqualTo("Wait a minute");
        assertThat(t.creationTime()).isEqualTo(env.clock.instant());
        assertThat(t.lastUpdateTime()).isEqualTo(t.creationTime());
        assertThat(t.experimentOptions()).isEqualTo(new ExperimentOptions("single-account", "fail", null));
        assertThat(t.tags()).isEqualTo(Map.of("team", "payments"));
        assertThat(t.actions().get("wait").parameters()).isEqualTo(Map.of("duration", "PT1M"));
        assertThat(engine.getExperimentTemplate(t.id())).isEqualTo(t);
    }

    @Test
    void anInvalidTemplateIsRejectedWithEveryProblem() {
        String bad = JSON.replace("aws:fis:wait", "aws:fis:wiat").replace("\"roleArn\"", "\"roleARN\"");

        assertThatThrownBy(() -> engine.createExperimentTemplate(bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.findings()).extracting(f -> f.path())
                            .contains("/actions/wait/actionId", "/roleARN");
                });
        assertThat(engine.listExperimentTemplates().items()).isEmpty();
    }

    @Test
    void unknownIdsAreNotFound() {
        assertThatThrownBy(() -> engine.getExperimentTemplate("EXTnope"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Experiment template 'EXTnope' not found.");
        assertThatThrownBy(() -> engine.deleteExperimentTemplate("EXTnope"))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> engine.getExperiment("EXPnope")).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> engine.stopExperiment("EXPnope")).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> engine.startExperiment("EXTnope")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listsArePaginatedWithOpaqueTokens() {
        List<String> ids = new ArrayList<>();
        IntStream.range(0, 5).forEach(i -> ids.add(engine.createExperimentTemplate(
                template().description("t" + i).action("w", waitFor("PT1M")).build()).id()));

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var page = engine.listExperimentTemplates(2, token);
            page.items().forEach(s -> seen.add(s.id()));
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(seen).isEqualTo(ids);
        assertThat(pages).isEqualTo(3);
        ExperimentTemplateSummary first = engine.listExperimentTemplates(1, null).items().get(0);
        assertThat(first.description()).isEqualTo("t0");
        assertThatThrownBy(() -> engine.listExperimentTemplates(0, null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("maxResults: 0 is not between 1 and 100");
        assertThatThrownBy(() -> engine.listExperimentTemplates(null, "garbage!"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("nextToken");
    }

    @Test
    void updateReplacesTheGivenMembersAndRevalidates() {
        ExperimentTemplate t = engine.createExperimentTemplate(template().description("v1")
                .action("w", waitFor("PT1M")).build());
        env.clock.advance(Duration.ofMinutes(5));

        ExperimentTemplate u = engine.updateExperimentTemplate(t.id(), new UpdateExperimentTemplateRequest("v2",
                null, null, Map.of("w2", waitFor("PT2M")), null, null,
                new ExperimentOptions(null, "skip", null), null));

        assertThat(u.id()).isEqualTo(t.id());
        assertThat(u.description()).isEqualTo("v2");
        assertThat(u.actions()).containsOnlyKeys("w2");
        assertThat(u.stopConditions()).isEqualTo(t.stopConditions());
        assertThat(u.experimentOptions()).isEqualTo(new ExperimentOptions("single-account", "skip", null));
        assertThat(u.creationTime()).isEqualTo(t.creationTime());
        assertThat(u.lastUpdateTime()).isEqualTo(t.creationTime().plus(Duration.ofMinutes(5)));
        assertThat(engine.getExperimentTemplate(t.id())).isEqualTo(u);

        assertThatThrownBy(() -> engine.updateExperimentTemplate(t.id(), new UpdateExperimentTemplateRequest(null,
                null, null, Map.of("w", waitFor("PT5X")), null, null, null, null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("/actions/w/parameters/duration");
        assertThatThrownBy(() -> engine.updateExperimentTemplate(t.id(), new UpdateExperimentTemplateRequest(null,
                null, null, null, null, null, new ExperimentOptions("multi-account", null, null), null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("accountTargeting");
        assertThat(engine.getExperimentTemplate(t.id())).isEqualTo(u);
    }

    @Test
    void anEmptyLogConfigurationTurnsLoggingOff() {
        LogConfiguration log = new LogConfiguration(new LogConfiguration.CloudWatchLogsConfiguration(
                "arn:aws:logs:us-east-1:123456789012:log-group:fis:*"), null, 2);
        ExperimentTemplate t = engine.createExperimentTemplate(template().action("w", waitFor("PT1M")).build());
        ExperimentTemplate withLog = engine.updateExperimentTemplate(t.id(), new UpdateExperimentTemplateRequest(
                null, null, null, null, null, log, null, null));
        assertThat(withLog.logConfiguration()).isEqualTo(log);
        ExperimentTemplate off = engine.updateExperimentTemplate(t.id(), new UpdateExperimentTemplateRequest(
                null, null, null, null, null, new LogConfiguration(null, null, null), null, null));
        assertThat(off.logConfiguration()).isNull();
    }

    @Test
    void deleteReturnsTheTemplateAndForgetsIt() {
        ExperimentTemplate t = engine.createExperimentTemplate(template().action("w", waitFor("PT1M")).build());
        assertThat(engine.deleteExperimentTemplate(t.id())).isEqualTo(t);
        assertThat(engine.listExperimentTemplates().items()).isEmpty();
        assertThatThrownBy(() -> engine.getExperimentTemplate(t.id())).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aClientTokenMakesCreateIdempotent() {
        Templates req = template().clientToken("tok").action("w", waitFor("PT1M"));
        ExperimentTemplate a = engine.createExperimentTemplate(req.build());
        ExperimentTemplate b = engine.createExperimentTemplate(req.build());
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(engine.listExperimentTemplates().items()).hasSize(1);
        assertThatThrownBy(() -> engine.createExperimentTemplate(req.description("changed").build()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("tok");
    }

    @Test
    void templateQuotasAreAwsDefaultsThatCanBeRaised() {
        Templates many = template();
        IntStream.range(0, 21).forEach(i -> many.action("w" + i, waitFor("PT1M")));
        assertThatThrownBy(() -> engine.createExperimentTemplate(many.build()))
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(402))
                .hasMessage("The template has 21 actions; the quota is 20 actions per experiment template.");
        Templates stops = template().action("w", waitFor("PT1M"));
        IntStream.range(0, 6).forEach(i -> stops.stopCondition("test:flag", "flag/number-" + i + "-of-six-flags"));
        assertThatThrownBy(() -> engine.createExperimentTemplate(stops.build()))
                .isInstanceOf(ServiceQuotaExceededException.class).hasMessageContaining("6 stop conditions");

        engine.close();
        engine = env.builder().options(Engines.testOptions().quotas(Quotas.builder().actionsPerTemplate(25)
                .stopConditionsPerTemplate(6).experimentTemplates(2).build()).build()).build();
        assertThat(engine.createExperimentTemplate(many.build()).actions()).hasSize(21);
        assertThat(engine.createExperimentTemplate(stops.build()).stopConditions()).hasSize(6);
        assertThatThrownBy(() -> engine.createExperimentTemplate(template().action("w", waitFor("PT1M")).build()))
                .isInstanceOf(ServiceQuotaExceededException.class)
                .hasMessage("You have reached the maximum number of experiment templates (2).");
    }

    @Test
    void tagsOfTemplatesAndExperimentsAreManagedByArn() {
        ExperimentTemplate t = engine.createExperimentTemplate(template().tags(Map.of("a", "1"))
                .action("w", waitFor("PT1M")).build());
        engine.tagResource(t.arn(), Map.of("b", "2"));
        assertThat(engine.listTagsForResource(t.arn())).isEqualTo(Map.of("a", "1", "b", "2"));
        engine.untagResource(t.arn(), List.of("a", "missing"));
        assertThat(engine.getExperimentTemplate(t.id()).tags()).isEqualTo(Map.of("b", "2"));

        var e = engine.startExperiment(new dev.fisengine.api.model.StartExperimentRequest(null, t.id(), null,
                Map.of("run", "1")));
        engine.tagResource(e.arn(), Map.of("owner", "me"));
        assertThat(engine.getExperiment(e.id()).tags()).isEqualTo(Map.of("run", "1", "owner", "me"));
        assertThat(engine.listExperiments().items().get(0).tags()).containsEntry("owner", "me");

        assertThatThrownBy(() -> engine.tagResource("arn:aws:fis:us-east-1:123456789012:experiment/EXPnope",
                Map.of("x", "y"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> engine.tagResource(t.arn(), Map.of("k".repeat(129), "v")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void startRequestsAreValidated() {
        ExperimentTemplate t = engine.createExperimentTemplate(template().action("w", waitFor("PT1M")).build());
        assertThatThrownBy(() -> engine.startExperiment(new dev.fisengine.api.model.StartExperimentRequest(null,
                t.id(), new ExperimentOptions(null, null, "run-some"), null)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("/experimentOptions/actionsMode: \"run-some\" is not run-all or skip-all");
        assertThatThrownBy(() -> engine.startExperiment((String) null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("experimentTemplateId is required");
    }

    @Test
    void theEngineUsesItsOwnStopConditionSpecsUnchanged() {
        ExperimentTemplate t = engine.createExperimentTemplate(template().action("w", waitFor("PT1M")).build());
        assertThat(t.stopConditions()).containsExactly(new StopConditionSpec("none", null));
    }
}
