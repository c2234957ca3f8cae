package dev.fisengine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.engine.Quotas;
import dev.fisengine.engine.plugins.Plugins;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.AccountTargeting;
import software.amazon.awssdk.services.fis.model.ActionSummary;
import software.amazon.awssdk.services.fis.model.ConflictException;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateActionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateRequest;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateStopConditionInput;
import software.amazon.awssdk.services.fis.model.Experiment;
import software.amazon.awssdk.services.fis.model.ExperimentStatus;
import software.amazon.awssdk.services.fis.model.ExperimentTemplate;
import software.amazon.awssdk.services.fis.model.ExperimentTemplateSummary;
import software.amazon.awssdk.services.fis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.fis.model.SafetyLeverStatus;
import software.amazon.awssdk.services.fis.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.fis.model.TargetAccountConfigurationSummary;
import software.amazon.awssdk.services.fis.model.ValidationException;

/** Every FIS operation through the AWS SDK for Java v2 {@code FisClient} over real HTTP against {@link FisServer}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FisClientTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/fis";

    final ServerFixture fx = new ServerFixture(Plugins.discovered(),
            Quotas.builder().experimentTemplates(40).build(), b -> { });
    final FisClient fis = fx.client();

    @AfterAll
    void close() {
        fis.close();
        fx.close();
    }

    static CreateExperimentTemplateRequest waitTemplate(String description, AccountTargeting targeting) {
        return CreateExperimentTemplateRequest.builder()
                .description(description)
                .roleArn(ROLE)
                .stopConditions(CreateExperimentTemplateStopConditionInput.builder().source("none").build())
                .actions(Map.of("wait", CreateExperimentTemplateActionInput.builder().actionId("aws:fis:wait")
                        .parameters(Map.of("duration", "PT10M")).build()))
                .experimentOptions(o -> o.accountTargeting(targeting))
                .tags(Map.of("team", "orders"))
                .build();
    }

    @Test
    @Order(1)
    void templatesCreateGetUpdateListDelete() {
        Instant created = fx.clock.instant();
        ExperimentTemplate t = fis.createExperimentTemplate(waitTemplate("first", AccountTargeting.SINGLE_ACCOUNT))
                .experimentTemplate();
        assertThat(t.id()).isNotBlank();
        assertThat(t.arn()).isEqualTo("arn:aws:fis:us-east-1:123456789012:experiment-template/" + t.id());
        assertThat(t.creationTime()).isEqualTo(created);
        assertThat(t.tags()).containsEntry("team", "orders");
        assertThat(t.targetAccountConfigurationsCount()).isZero();
        assertThat(t.actions().get("wait").parameters()).containsEntry("duration", "PT10M");
        assertThat(t.experimentOptions().accountTargeting()).isEqualTo(AccountTargeting.SINGLE_ACCOUNT);

        fx.clock.advance(Duration.ofMillis(1_500));
        ExperimentTemplate updated = fis.updateExperimentTemplate(r -> r.id(t.id()).description("renamed"))
                .experimentTemplate();
        assertThat(updated.description()).isEqualTo("renamed");
        assertThat(updated.lastUpdateTime()).isEqualTo(created.plusMillis(1_500)); // epoch seconds with fraction
        assertThat(fis.getExperimentTemplate(r -> r.id(t.id())).experimentTemplate()).isEqualTo(updated);
        assertThat(fis.listExperimentTemplates(r -> r.maxResults(100)).experimentTemplates())
                .extracting(ExperimentTemplateSummary::id).contains(t.id());

        assertThat(fis.deleteExperimentTemplate(r -> r.id(t.id())).experimentTemplate().id()).isEqualTo(t.id());
        assertThatThrownBy(() -> fis.getExperimentTemplate(r -> r.id(t.id())))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains(t.id());
                });
    }

    @Test
    @Order(2)
    void invalidTemplateIsAValidationExceptionNamingThePlace() {
        assertThatThrownBy(() -> fis.createExperimentTemplate(waitTemplate("bad", AccountTargeting.SINGLE_ACCOUNT)
                .toBuilder().actions(Map.of("x", CreateExperimentTemplateActionInput.builder()
                        .actionId("aws:fis:no-such-action").build())).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("/actions/x/actionId")
                            .contains("aws:fis:no-such-action");
                });
        assertThatThrownBy(() -> fis.updateExperimentTemplate(r -> r.id("EXTnope").description("x")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    @Order(3)
    void experimentsStartGetListResolvedTargetsStop() {
        ExperimentTemplate t = fis.createExperimentTemplate(waitTemplate("run", AccountTargeting.SINGLE_ACCOUNT))
                .experimentTemplate();
        Experiment started = fis.startExperiment(r -> r.experimentTemplateId(t.id()).tags(Map.of("run", "1")))
                .experiment();
        assertThat(started.state().status()).isEqualTo(ExperimentStatus.INITIATING);
        assertThat(started.tags()).containsEntry("run", "1");
        fx.clock.awaitIdle();
        Experiment running = fis.getExperiment(r -> r.id(started.id())).experiment();
        assertThat(running.state().status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(running.startTime()).isEqualTo(fx.clock.instant());
        assertThat(fis.listExperiments(r -> r.experimentTemplateId(t.id())).experiments())
                .singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(started.id()));
        assertThat(fis.listExperimentResolvedTargets(r -> r.experimentId(started.id())).resolvedTargets()).isEmpty();

        Experiment stopping = fis.stopExperiment(r -> r.id(started.id())).experiment();
        assertThat(stopping.state().status()).isEqualTo(ExperimentStatus.STOPPING);
        fx.clock.awaitIdle();
        assertThat(fis.getExperiment(r -> r.id(started.id())).experiment().state().status())
                .isEqualTo(ExperimentStatus.STOPPED);
        assertThatThrownBy(() -> fis.stopExperiment(r -> r.id(started.id()))) // the error StopExperiment declares
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> fis.getExperiment(r -> r.id("EXPnope")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> fis.startExperiment(r -> r.experimentTemplateId("EXTnope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    @Order(4)
    void actionsAndTargetResourceTypesPageThroughTheCatalog() {
        List<String> ids = new ArrayList<>();
        fis.listActionsPaginator(r -> r.maxResults(7)).actions().forEach(a -> ids.add(a.id()));
        assertThat(ids).isEqualTo(fx.engine.listActions(100, null).items().stream()
                .map(dev.fisengine.api.model.ActionSummary::id).toList());
        assertThat(ids).contains("aws:fis:wait", "aws:fis:inject-api-throttle-error", "aws:ec2:stop-instances");
        var wait = fis.getAction(r -> r.id("aws:fis:wait")).action();
        assertThat(wait.parameters().get("duration").required()).isTrue();
        assertThat(wait.arn()).endsWith(":action/aws:fis:wait");
        assertThatThrownBy(() -> fis.getAction(r -> r.id("aws:fis:nope"))).isInstanceOf(ResourceNotFoundException.class);

        List<String> types = new ArrayList<>();
        fis.listTargetResourceTypesPaginator(r -> r.maxResults(5)).targetResourceTypes()
                .forEach(x -> types.add(x.resourceType()));
        assertThat(types).contains("aws:ec2:instance", "aws:iam:role").doesNotHaveDuplicates();
        assertThat(fis.getTargetResourceType(r -> r.resourceType("aws:ec2:instance")).targetResourceType()
                .resourceType()).isEqualTo("aws:ec2:instance");
        assertThatThrownBy(() -> fis.getTargetResourceType(r -> r.resourceType("aws:nope:thing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> fis.listActions(r -> r.maxResults(1).nextToken("not-a-token")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    @Order(5)
    void tagsOnTemplatesAndExperiments() {
        ExperimentTemplate t = fis.createExperimentTemplate(waitTemplate("tags", AccountTargeting.SINGLE_ACCOUNT))
                .experimentTemplate();
        fis.tagResource(r -> r.resourceArn(t.arn()).tags(Map.of("a", "1", "b", "2")));
        assertThat(fis.listTagsForResource(r -> r.resourceArn(t.arn())).tags())
                .isEqualTo(Map.of("team", "orders", "a", "1", "b", "2"));
        fis.untagResource(r -> r.resourceArn(t.arn()).tagKeys("a", "team"));
        assertThat(fis.listTagsForResource(r -> r.resourceArn(t.arn())).tags()).isEqualTo(Map.of("b", "2"));

        Experiment e = fis.startExperiment(r -> r.experimentTemplateId(t.id())).experiment();
        fis.tagResource(r -> r.resourceArn(e.arn()).tags(Map.of("x", "y")));
        assertThat(fis.getExperiment(r -> r.id(e.id())).experiment().tags()).isEqualTo(Map.of("x", "y"));
        assertThatThrownBy(() -> fis.listTagsForResource(r -> r.resourceArn(
                "arn:aws:fis:us-east-1:123456789012:experiment/EXPnope"))).isInstanceOf(ResourceNotFoundException.class);
        fis.stopExperiment(r -> r.id(e.id()));
    }

    @Test
    @Order(6)
    void safetyLeverCancelsNewExperimentsWhileEngaged() {
        assertThat(fis.getSafetyLever(r -> r.id("default")).safetyLever().state().status())
                .isEqualTo(SafetyLeverStatus.DISENGAGED);
        var engaged = fis.updateSafetyLeverState(r -> r.id("default")
                .state(s -> s.status("engaged").reason("game day over"))).safetyLever();
        assertThat(engaged.state().status()).isEqualTo(SafetyLeverStatus.ENGAGED);
        assertThat(engaged.state().reason()).isEqualTo("game day over");
        ExperimentTemplate t = fis.createExperimentTemplate(waitTemplate("lever", AccountTargeting.SINGLE_ACCOUNT))
                .experimentTemplate();
        assertThat(fis.startExperiment(r -> r.experimentTemplateId(t.id())).experiment().state().status())
                .isEqualTo(ExperimentStatus.CANCELLED);
        fis.updateSafetyLeverState(r -> r.id("default").state(s -> s.status("disengaged").reason("back")));
        assertThatThrownBy(() -> fis.updateSafetyLeverState(r -> r.id("default")
                .state(s -> s.status("engaging").reason("x")))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> fis.getSafetyLever(r -> r.id("other"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    @Order(7)
    void targetAccountConfigurationsOnlyOnMultiAccountTemplates() {
        ExperimentTemplate single = fis.createExperimentTemplate(waitTemplate("single",
                AccountTargeting.SINGLE_ACCOUNT)).experimentTemplate();
        assertThatThrownBy(() -> fis.createTargetAccountConfiguration(r -> r.experimentTemplateId(single.id())
                .accountId("111122223333").roleArn("arn:aws:iam::111122223333:role/fis")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.getMessage()).contains("multi-account"));

        ExperimentTemplate multi = fis.createExperimentTemplate(waitTemplate("multi", AccountTargeting.MULTI_ACCOUNT))
                .experimentTemplate();
        // FIS: a multi-account template needs a target account configuration before it can start
        assertThatThrownBy(() -> fis.startExperiment(r -> r.experimentTemplateId(multi.id())))
                .isInstanceOfSatisfying(ValidationException.class, x -> {
                    assertThat(x.statusCode()).isEqualTo(400);
                    assertThat(x.getMessage()).contains(multi.id(), "no target account configurations");
                });
        assertThat(fis.listExperiments(r -> r.experimentTemplateId(multi.id())).experiments()).isEmpty();
        for (String account : List.of("111122223333", "444455556666")) {
            var c = fis.createTargetAccountConfiguration(r -> r.experimentTemplateId(multi.id()).accountId(account)
                    .roleArn("arn:aws:iam::" + account + ":role/fis").description("acct " + account))
                    .targetAccountConfiguration();
            assertThat(c.accountId()).isEqualTo(account);
        }
        assertThatThrownBy(() -> fis.createTargetAccountConfiguration(r -> r.experimentTemplateId(multi.id())
                .accountId("111122223333").roleArn("arn:aws:iam::111122223333:role/other")))
                .isInstanceOf(ConflictException.class);
        assertThat(fis.getTargetAccountConfiguration(r -> r.experimentTemplateId(multi.id())
                .accountId("444455556666")).targetAccountConfiguration().description()).isEqualTo("acct 444455556666");
        assertThat(fis.updateTargetAccountConfiguration(r -> r.experimentTemplateId(multi.id())
                .accountId("444455556666").description("changed")).targetAccountConfiguration().roleArn())
                .isEqualTo("arn:aws:iam::444455556666:role/fis");
        List<String> accounts = new ArrayList<>();
        fis.listTargetAccountConfigurationsPaginator(r -> r.experimentTemplateId(multi.id()).maxResults(1))
                .targetAccountConfigurations().forEach(c -> accounts.add(c.accountId()));
        assertThat(accounts).containsExactly("111122223333", "444455556666");
        assertThat(fis.getExperimentTemplate(r -> r.id(multi.id())).experimentTemplate()
                .targetAccountConfigurationsCount()).isEqualTo(2L);

        fx.clock.advance(Duration.ofSeconds(1));
        Experiment e = fis.startExperiment(r -> r.experimentTemplateId(multi.id())).experiment();
        assertThat(e.targetAccountConfigurationsCount()).isEqualTo(2L);
        fx.clock.advance(Duration.ofSeconds(1));
        fis.deleteTargetAccountConfiguration(r -> r.experimentTemplateId(multi.id()).accountId("111122223333"));
        assertThatThrownBy(() -> fis.getTargetAccountConfiguration(r -> r.experimentTemplateId(multi.id())
                .accountId("111122223333"))).isInstanceOf(ResourceNotFoundException.class);
        // the experiment keeps the configurations its template had when it started
        assertThat(fis.listExperimentTargetAccountConfigurations(r -> r.experimentId(e.id()))
                .targetAccountConfigurations()).extracting(c -> c.accountId())
                .containsExactly("111122223333", "444455556666");
        assertThat(fis.getExperimentTargetAccountConfiguration(r -> r.experimentId(e.id()).accountId("111122223333"))
                .targetAccountConfiguration().roleArn()).isEqualTo("arn:aws:iam::111122223333:role/fis");
        assertThatThrownBy(() -> fis.getExperimentTargetAccountConfiguration(r -> r.experimentId(e.id())
                .accountId("999999999999"))).isInstanceOf(ResourceNotFoundException.class);
        fis.stopExperiment(r -> r.id(e.id()));

        for (int i = 0; i < 9; i++) {
            String account = String.format("%012d", 900_000_000_000L + i);
            fis.createTargetAccountConfiguration(r -> r.experimentTemplateId(multi.id()).accountId(account)
                    .roleArn("arn:aws:iam::" + account + ":role/fis"));
        }
        assertThatThrownBy(() -> fis.createTargetAccountConfiguration(r -> r.experimentTemplateId(multi.id())
                .accountId("123123123123").roleArn("arn:aws:iam::123123123123:role/fis")))
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class,
                        x -> assertThat(x.statusCode()).isEqualTo(402));
        assertThat(fis.listTargetAccountConfigurations(r -> r.experimentTemplateId(multi.id()))
                .targetAccountConfigurations()).extracting(TargetAccountConfigurationSummary::accountId).hasSize(10);
    }

    @Test
    @Order(8)
    void paginationWithMaxResultsOneAcrossManyTemplatesAndTheTemplateQuota() {
        int existing = fx.engine.listExperimentTemplates().items().size();
        List<String> created = new ArrayList<>();
        for (int i = existing; i < 40; i++) {
            created.add(fis.createExperimentTemplate(waitTemplate("t" + i, AccountTargeting.SINGLE_ACCOUNT))
                    .experimentTemplate().id());
        }
        List<String> seen = new ArrayList<>();
        fis.listExperimentTemplatesPaginator(r -> r.maxResults(1)).forEach(page -> {
            assertThat(page.experimentTemplates()).hasSizeLessThanOrEqualTo(1);
            page.experimentTemplates().forEach(s -> seen.add(s.id()));
        });
        assertThat(seen).hasSize(40).doesNotHaveDuplicates().endsWith(created.toArray(String[]::new));
        assertThatThrownBy(() -> fis.createExperimentTemplate(waitTemplate("one too many",
                AccountTargeting.SINGLE_ACCOUNT))).isInstanceOfSatisfying(ServiceQuotaExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceQuotaExceededException");
                });
        List<String> experiments = new ArrayList<>();
        fis.listExperimentsPaginator(r -> r.maxResults(1)).experiments().forEach(x -> experiments.add(x.id()));
        assertThat(experiments).hasSize(fx.engine.listExperiments().items().size()).doesNotHaveDuplicates();
    }

    @Test
    @Order(99)
    void everyResponseMatchesTheServiceModelAndEveryOperationWasCalled() {
        List<String> problems = new ArrayList<>();
        for (ServerFixture.Captured c : fx.captured) {
            List<String> p = c.status() < 300 ? ServiceModel.FIS.checkOutput(c.operation(), c.body())
                    : ServiceModel.FIS.checkError(errorShape(c), c.body());
            p.forEach(x -> problems.add(c.operation() + " " + c.status() + ": " + x));
        }
        assertThat(problems).isEmpty();
        Set<String> called = fx.captured.stream().map(ServerFixture.Captured::operation)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(called).containsExactlyInAnyOrderElementsOf(ServiceModel.FIS.operationNames());
        Set<Integer> errorStatuses = fx.captured.stream().map(ServerFixture.Captured::status)
                .filter(s -> s >= 400).collect(Collectors.toCollection(TreeSet::new));
        assertThat(errorStatuses).containsExactly(400, 402, 404, 409);
    }

    private static String errorShape(ServerFixture.Captured c) {
        return switch (c.status()) {
            case 400 -> "ValidationException";
            case 402 -> "ServiceQuotaExceededException";
            case 404 -> "ResourceNotFoundException";
            case 409 -> "ConflictException";
            default -> throw new AssertionError("unexpected status " + c);
        };
    }

    static List<String> ids(List<ActionSummary> actions) {
        return actions.stream().map(ActionSummary::id).toList();
    }

    static void check(AwsServiceException e, int status) {
        assertThat(e.statusCode()).isEqualTo(status);
    }
}
