package dev.fisengine.engine.functional;

import static dev.fisengine.engine.fixtures.Templates.arm;
import static dev.fisengine.engine.fixtures.Templates.template;
import static dev.fisengine.engine.fixtures.Templates.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.event.ExperimentStateChange;
import dev.fisengine.api.exception.ConflictException;
import dev.fisengine.api.exception.ServiceQuotaExceededException;
import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentAction;
import dev.fisengine.api.model.ExperimentOptions;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.StartExperimentRequest;
import dev.fisengine.api.model.UpdateExperimentTemplateRequest;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Quotas;
import dev.fisengine.engine.builtin.NoneStopConditionProvider;
import dev.fisengine.engine.builtin.WaitActionProvider;
import dev.fisengine.engine.fixtures.Engines;
import dev.fisengine.engine.fixtures.Templates;
import dev.fisengine.engine.fixtures.TestAction;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole experiments on a manual clock: states, reasons, timings, DAG orders, quotas, idempotency. */
class ExperimentLifecycleTest {
    private final Engines env = new Engines();
    private final ManualClock clock = env.clock;
    private final Instant t0 = clock.instant();
    private FisEngine engine = env.build();

    @AfterEach
    void close() {
        engine.close();
    }

    private String create(Templates t) {
        return engine.createExperimentTemplate(t.build()).id();
    }

    private Experiment startAndSettle(String templateId) {
        Experiment e = engine.startExperiment(templateId);
        clock.awaitIdle();
        return engine.getExperiment(e.id());
    }

    private static ExperimentAction action(Experiment e, String name) {
        return e.actions().get(name);
    }

    @Test
    void startReturnsInitiatingAndTheExperimentRunsToCompletionWithFisStatesAndReasons() {
        String tid = create(template().action("wait", waitFor("PT1M")));

        Experiment started = engine.startExperiment(tid);

        assertThat(started.id()).matches("EXP[A-Za-z0-9]{15}");
        assertThat(started.arn()).isEqualTo("arn:aws:fis:us-east-1:123456789012:experiment/" + started.id());
        assertThat(started.experimentTemplateId()).isEqualTo(tid);
        assertThat(started.state().status()).isEqualTo(ExperimentStatus.INITIATING);
        assertThat(started.state().reason()).isEqualTo("Experiment is initiating.");
        assertThat(action(started, "wait").state().status()).isEqualTo(ActionStatus.PENDING);
        assertThat(action(started, "wait").state().reason()).isEqualTo("Initial state");
        assertThat(started.experimentOptions()).isEqualTo(new ExperimentOptions("single-account", "fail", "run-all"));
        assertThat(started.creationTime()).isEqualTo(t0);

        clock.awaitIdle();
        Experiment running = engine.getExperiment(started.id());
        assertThat(running.state().status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(running.state().reason()).isEqualTo("Experiment is running.");
        assertThat(action(running, "wait").state().status()).isEqualTo(ActionStatus.RUNNING);
        assertThat(action(running, "wait").startTime()).isEqualTo(t0);

        clock.advance(Duration.ofSeconds(59));
        assertThat(engine.getExperiment(started.id()).state().status()).isEqualTo(ExperimentStatus.RUNNING);

        clock.advance(Duration.ofSeconds(1));
        Experiment done = engine.getExperiment(started.id());
        assertThat(done.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(done.state().reason()).isEqualTo("Experiment completed.");
        assertThat(done.state().error()).isNull();
        assertThat(done.startTime()).isEqualTo(t0);
        assertThat(done.endTime()).isEqualTo(t0.plusSeconds(60));
        assertThat(action(done, "wait").state().status()).isEqualTo(ActionStatus.COMPLETED);
        assertThat(action(done, "wait").state().reason()).isEqualTo("Action was completed.");
        assertThat(action(done, "wait").endTime()).isEqualTo(t0.plusSeconds(60));

        assertThat(env.recorder.statuses(started.id()))
                .containsExactly("pending", "initiating", "running", "completed");
        List<ExperimentStateChange> changes = env.recorder.changes(started.id());
        assertThat(changes.get(0).detail().oldState()).isNull();
        assertThat(changes.get(1).detail().oldState().status()).isEqualTo("pending");
        assertThat(changes.get(3).detail().oldState())
                .isEqualTo(new ExperimentStateChange.State("running", "Experiment is running."));
        assertThat(changes).allSatisfy(c -> {
            assertThat(c.source()).isEqualTo("aws.fis");
            assertThat(c.detailType()).isEqualTo("FIS Experiment State Change");
            assertThat(c.resources()).containsExactly(started.arn());
            assertThat(c.detail().experimentTemplateId()).isEqualTo(tid);
        });
        assertThat(env.recorder.logTypes(started.id())).containsExactly(
                "experiment-start", "action-start:wait", "action-end:wait", "experiment-end");
        assertThat(env.recorder.records(started.id()).get(3).details())
                .containsEntry("experiment_end_time", "2026-01-01T00:01:00Z")
                .containsEntry("experiment_state", Map.of("status", "completed", "reason", "Experiment completed."));
    }

    @Test
    void anExperimentSerializesToTheFisJsonShape() throws Exception {
        String tid = create(template().action("wait", waitFor("PT1M")));
        Experiment e = startAndSettle(tid);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());

        com.fasterxml.jackson.databind.JsonNode n = json.readTree(json.writeValueAsString(e));

        assertThat(n.at("/state/status").asText()).isEqualTo("running");
        assertThat(n.at("/state/reason").asText()).isEqualTo("Experiment is running.");
        assertThat(n.at("/actions/wait/state/status").asText()).isEqualTo("running");
        assertThat(n.at("/actions/wait/parameters/duration").asText()).isEqualTo("PT1M");
        assertThat(n.at("/experimentOptions/actionsMode").asText()).isEqualTo("run-all");
        assertThat(n.at("/stopConditions/0/source").asText()).isEqualTo("none");
        assertThat(n.at("/creationTime").isNumber()).isTrue(); // epoch seconds, as FIS
        assertThat(n.has("endTime")).isFalse();
        assertThat(n.at("/state").has("error")).isFalse();
        assertThat(json.treeToValue(n, Experiment.class)).isEqualTo(e);
    }

    @Test
    void aChainRunsEachActionWhenItsPredecessorCompletes() {
        String tid = create(template()
                .action("a", arm("PT1M"))
                .action("b", arm("PT2M", "a"))
                .action("c", arm("PT30S", "b")));
        Experiment e = startAndSettle(tid);

        clock.advance(Duration.ofMinutes(10)); // one call; the clock steps through every deadline in order

        Experiment done = engine.getExperiment(e.id());
        assertThat(done.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(action(done, "a").startTime()).isEqualTo(t0);
        assertThat(action(done, "b").startTime()).isEqualTo(t0.plusSeconds(60));
        assertThat(action(done, "c").startTime()).isEqualTo(t0.plusSeconds(180));
        assertThat(action(done, "c").endTime()).isEqualTo(t0.plusSeconds(210));
        assertThat(done.endTime()).isEqualTo(t0.plusSeconds(210));
        assertThat(env.action.startedNames()).containsExactly("a", "b", "c");
        assertThat(env.recorder.logTypes(e.id())).containsExactly("experiment-start",
                "action-start:a", "action-end:a", "action-start:b", "action-end:b", "action-start:c", "action-end:c",
                "experiment-end");
    }

    @Test
    void aDiamondJoinsWhenBothBranchesHaveCompleted() {
        String tid = create(template()
                .action("a", arm("PT1M"))
                .action("b", arm("PT1M", "a"))
                .action("c", arm("PT3M", "a"))
                .action("d", arm("PT1M", "b", "c")));
        Experiment e = startAndSettle(tid);

        clock.advance(Duration.ofMinutes(2));
        Experiment mid = engine.getExperiment(e.id());
        assertThat(action(mid, "b").state().status()).isEqualTo(ActionStatus.COMPLETED);
        assertThat(action(mid, "c").state().status()).isEqualTo(ActionStatus.RUNNING);
        assertThat(action(mid, "d").state().status()).isEqualTo(ActionStatus.PENDING);

        clock.advance(Duration.ofMinutes(10));
        Experiment done = engine.getExperiment(e.id());
        assertThat(action(done, "b").startTime()).isEqualTo(t0.plusSeconds(60));
        assertThat(action(done, "c").startTime()).isEqualTo(t0.plusSeconds(60));
        assertThat(action(done, "d").startTime()).isEqualTo(t0.plusSeconds(240));
        assertThat(done.endTime()).isEqualTo(t0.plusSeconds(300));
    }

    @Test
    void actionsWithoutStartAfterStartTogether() {
        Templates t = template();
        IntStream.range(0, 5).forEach(i -> t.action("p" + i, arm("PT" + (i + 1) + "M")));
        Experiment e = startAndSettle(create(t));

        assertThat(e.actions().values()).allSatisfy(a -> {
            assertThat(a.state().status()).isEqualTo(ActionStatus.RUNNING);
            assertThat(a.startTime()).isEqualTo(t0);
        });
        assertThat(env.action.armed()).hasSize(5);
        clock.advance(Duration.ofMinutes(5));
        Experiment done = engine.getExperiment(e.id());
        IntStream.range(0, 5).forEach(i ->
                assertThat(action(done, "p" + i).endTime()).isEqualTo(t0.plusSeconds(60L * (i + 1))));
        assertThat(env.action.armed()).isEmpty();
    }

    @Test
    void atMostTenActionsRunAtOnceAndTheRestStartAsSlotsFree() {
        Templates t = template();
        IntStream.range(0, 12).forEach(i -> t.action(String.format("a%02d", i), waitFor("PT1M")));
        Experiment e = startAndSettle(create(t));

        assertThat(e.actions().values().stream().filter(a -> a.state().status() == ActionStatus.RUNNING)).hasSize(10);
        assertThat(action(e, "a10").state().status()).isEqualTo(ActionStatus.PENDING);
        assertThat(action(e, "a11").state().status()).isEqualTo(ActionStatus.PENDING);

        clock.advance(Duration.ofMinutes(1));
        Experiment mid = engine.getExperiment(e.id());
        assertThat(action(mid, "a10").startTime()).isEqualTo(t0.plusSeconds(60));
        assertThat(action(mid, "a10").state().status()).isEqualTo(ActionStatus.RUNNING);

        clock.advance(Duration.ofMinutes(1));
        assertThat(engine.getExperiment(e.id()).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(engine.getExperiment(e.id()).endTime()).isEqualTo(t0.plusSeconds(120));
    }

    @Test
    void theParallelActionsQuotaIsConfigurable() {
        engine.close();
        engine = env.builder().options(Engines.testOptions()
                .quotas(Quotas.builder().parallelActions(2).activeExperiments(1000).build()).build()).build();
        String tid = create(template().action("x", waitFor("PT1M")).action("y", waitFor("PT1M"))
                .action("z", waitFor("PT1M")));
        Experiment e = startAndSettle(tid);
        assertThat(action(e, "z").state().status()).isEqualTo(ActionStatus.PENDING);
        clock.advance(Duration.ofMinutes(2));
        Experiment done = engine.getExperiment(e.id());
        assertThat(action(done, "z").startTime()).isEqualTo(t0.plusSeconds(60));
        assertThat(done.endTime()).isEqualTo(t0.plusSeconds(120));
    }

    @Test
    void anActionWithoutDurationCompletesAsSoonAsItStartedAndIsRevertedOnce() {
        Experiment e = startAndSettle(create(template().action("quick", arm(null))));

        assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(e.endTime()).isEqualTo(t0);
        assertThat(env.action.revertCount(e.id(), "quick")).isEqualTo(1);
        assertThat(env.action.armed()).isEmpty();
    }

    @Test
    void aFaultStaysArmedForItsDurationAndIsRevertedBeforeTheActionCompletes() {
        Experiment e = startAndSettle(create(template().action("fault", arm("PT5M")).action("after",
                waitFor("PT1M", "fault"))));
        assertThat(env.action.armed()).containsExactly(TestAction.key(e.id(), "fault"));

        clock.advance(Duration.ofSeconds(299));
        assertThat(env.action.armed()).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(env.action.armed()).isEmpty();
        assertThat(env.action.revertCount(e.id(), "fault")).isEqualTo(1);
        assertThat(action(engine.getExperiment(e.id()), "after").state().status()).isEqualTo(ActionStatus.RUNNING);
    }

    @Test
    void pluginsGetTheirParametersWithDefaultsOnAPluginCallThreadAndNeverTheEngine() {
        Experiment e = startAndSettle(create(template().action("a", arm("PT1M"))));

        TestAction.Started s = env.action.started("a");
        assertThat(s.experimentId()).isEqualTo(e.id());
        assertThat(s.parameters()).containsEntry("duration", "PT1M").containsEntry("level", "7");
        assertThat(s.threadName()).contains("-plugin-call-");
        assertThat(s.runtime()).isNotInstanceOf(FisEngine.class);
        assertThat(((dev.fisengine.api.spi.FisRuntime) s.runtime()).runtimeId()).isEqualTo(engine.runtimeId());
        assertThat(action(e, "a").parameters()).isEqualTo(Map.of("duration", "PT1M"));
    }

    @Test
    void skipAllResolvesTargetsButSkipsEveryAction() {
        env.things.add("one", Map.of("env", "test"), Map.of());
        String tid = create(template()
                .target("T", Templates.things("ALL", Map.of("env", "test"), null))
                .action("a", Templates.armOn("PT1M", "T"))
                .action("b", waitFor("PT1M", "a")));

        Experiment started = engine.startExperiment(new StartExperimentRequest(null, tid,
                new ExperimentOptions(null, null, "skip-all"), null));
        clock.awaitIdle();
        Experiment e = engine.getExperiment(started.id());

        assertThat(e.experimentOptions().actionsMode()).isEqualTo("skip-all");
        assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(e.actions().values()).allSatisfy(a -> {
            assertThat(a.state().status()).isEqualTo(ActionStatus.SKIPPED);
            assertThat(a.state().reason()).isEqualTo("Action was skipped because the experiment's actionsMode is skip-all.");
        });
        assertThat(env.action.starts()).isEmpty();
        assertThat(engine.listExperimentResolvedTargets(e.id(), null, null, null).items()).hasSize(1);
    }

    @Test
    void emptyTargetsFailTheExperimentInFailMode() {
        String tid = create(template()
                .target("T", Templates.things("ALL", Map.of("env", "nowhere"), null))
                .action("a", Templates.armOn("PT1M", "T")));
        Experiment e = startAndSettle(tid);

        assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(e.state().reason())
                .isEqualTo("Target resolution failed for target 'T': no resources were resolved.");
        assertThat(e.state().error().code()).isEqualTo("TargetResolutionFailed");
        assertThat(e.state().error().location()).isEqualTo("T");
        assertThat(action(e, "a").state().status()).isEqualTo(ActionStatus.CANCELLED);
        assertThat(env.action.starts()).isEmpty();
        assertThat(env.recorder.logTypes(e.id())).containsExactly("experiment-start", "target-resolution-start:T",
                "target-resolution-detail:T", "target-resolution-end:T", "action-end:a", "experiment-end");
        assertThat(env.recorder.records(e.id()).get(2).details()).containsEntry("status", "failed")
                .containsEntry("resolved_targets_count", 0);
    }

    @Test
    void emptyTargetsSkipOnlyTheirActionsInSkipMode() {
        String tid = create(template()
                .emptyTargetResolutionMode("skip")
                .target("T", Templates.things("ALL", Map.of("env", "nowhere"), null))
                .action("a", Templates.armOn("PT1M", "T"))
                .action("w", waitFor("PT1M"))
                .action("after", waitFor("PT1M", "a")));
        Experiment e = startAndSettle(tid);

        assertThat(action(e, "a").state().status()).isEqualTo(ActionStatus.SKIPPED);
        assertThat(action(e, "a").state().reason()).contains("target 'T' resolved no resources");
        assertThat(action(e, "after").state().status()).isEqualTo(ActionStatus.RUNNING);
        clock.advance(Duration.ofMinutes(1));
        Experiment done = engine.getExperiment(e.id());
        assertThat(done.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(env.action.starts()).isEmpty();
    }

    @Test
    void arnsThatAreNotFoundFailTheExperimentEvenInSkipMode() {
        env.things.add("present", Map.of(), Map.of());
        String missing = dev.fisengine.engine.fixtures.ThingResolver.arn("gone");
        String tid = create(template()
                .emptyTargetResolutionMode("skip")
                .target("T", Templates.thingArns("ALL", dev.fisengine.engine.fixtures.ThingResolver.arn("present"),
                        missing))
                .action("a", Templates.armOn("PT1M", "T")));
        Experiment e = startAndSettle(tid);

        assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(e.state().reason()).isEqualTo("Target resolution failed for target 'T': resources not found: "
                + missing);
    }

    @Test
    void theSameClientTokenStartsOneExperimentAndOtherParametersConflict() {
        String tid = create(template().action("a", arm("PT1M")));
        String other = create(template().description("other").action("a", arm("PT1M")));
        StartExperimentRequest req = new StartExperimentRequest("token-1", tid, null, Map.of("k", "v"));

        Experiment first = engine.startExperiment(req);
        clock.awaitIdle();
        Experiment again = engine.startExperiment(req);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.state().status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(env.action.armCount()).isEqualTo(1);
        assertThat(engine.listExperiments().items()).hasSize(1);
        assertThatThrownBy(() -> engine.startExperiment(new StartExperimentRequest("token-1", other, null,
                Map.of("k", "v")))).isInstanceOf(ConflictException.class).hasMessageContaining("token-1");
    }

    @Test
    void anExperimentKeepsTheTemplateItStartedWith() {
        String tid = create(template().description("v1").action("w", waitFor("PT1M")));
        Experiment e = startAndSettle(tid);

        engine.updateExperimentTemplate(tid, new UpdateExperimentTemplateRequest("v2", null, null,
                Map.of("w", waitFor("PT10M"), "x", waitFor("PT1M")), null, null, null, null));
        engine.deleteExperimentTemplate(tid);
        clock.advance(Duration.ofMinutes(1));

        Experiment done = engine.getExperiment(e.id());
        assertThat(done.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(done.actions()).containsOnlyKeys("w");
        assertThat(done.actions().get("w").parameters()).containsEntry("duration", "PT1M");
        assertThat(done.endTime()).isEqualTo(t0.plusSeconds(60));
    }

    @Test
    void aCatalogOnlyActionFailsWithAClearReasonWithoutBeingCalled() {
        engine.close();
        TestAction catalogOnly = new TestAction("fisengine:test:catalog", false);
        engine = env.builder().plugins(Plugins.builder().addAll(env.plugins()).action(catalogOnly).build()).build();
        String tid = create(template().action("w", waitFor("PT1M")).action("c",
                new dev.fisengine.api.model.ExperimentTemplateAction("fisengine:test:catalog", null, null, null,
                        null)));

        Experiment e = startAndSettle(tid);

        assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(action(e, "c").state().status()).isEqualTo(ActionStatus.FAILED);
        assertThat(action(e, "c").state().reason()).isEqualTo("Action type 'fisengine:test:catalog' is "
                + "catalog-only: this engine validates it but cannot run it.");
        assertThat(e.state().reason()).startsWith("Action 'c' failed: Action type");
        assertThat(action(e, "w").state().status()).isEqualTo(ActionStatus.STOPPED);
        assertThat(catalogOnly.starts()).isEmpty();
    }

    @Test
    void theActiveExperimentsQuotaRejectsAStartUntilOneEnds() {
        engine.close();
        engine = env.builder().options(Engines.testOptions()
                .quotas(Quotas.builder().activeExperiments(2).build()).build()).build();
        String tid = create(template().action("w", waitFor("PT1M")));
        engine.startExperiment(tid);
        engine.startExperiment(tid);

        assertThatThrownBy(() -> engine.startExperiment(tid))
                .isInstanceOf(ServiceQuotaExceededException.class)
                .hasMessage("You have reached the maximum number of active experiments (2).");

        clock.awaitIdle();
        clock.advance(Duration.ofMinutes(1));
        assertThat(engine.startExperiment(tid).state().status()).isEqualTo(ExperimentStatus.INITIATING);
    }

    @Test
    void experimentsArePaginatedAndFilteredByTemplate() {
        String a = create(template().action("w", waitFor("PT1M")));
        String b = create(template().description("b").action("w", waitFor("PT1M")));
        for (int i = 0; i < 3; i++) {
            engine.startExperiment(a);
            engine.startExperiment(b);
        }
        var page1 = engine.listExperiments(4, null, null);
        assertThat(page1.items()).hasSize(4);
        assertThat(page1.nextToken()).isNotNull();
        var page2 = engine.listExperiments(4, page1.nextToken(), null);
        assertThat(page2.items()).hasSize(2);
        assertThat(page2.nextToken()).isNull();
        assertThat(engine.listExperiments(null, null, b).items()).hasSize(3)
                .allSatisfy(s -> assertThat(s.experimentTemplateId()).isEqualTo(b));
    }

    @Test
    void aTemplateWithAnActionOfAnUnknownPluginIsRejectedAndNothingStarts() {
        FisEngine bare = FisEngine.builder().clock(clock).options(Engines.testOptions().build()).slf4jLog(false)
                .plugins(Plugins.builder().action(new WaitActionProvider())
                        .stopCondition(new NoneStopConditionProvider()).build()).build();
        try (bare) {
            assertThatThrownBy(() -> bare.createExperimentTemplate(template().action("a", arm("PT1M")).build()))
                    .isInstanceOf(dev.fisengine.api.exception.ValidationException.class)
                    .hasMessageContaining("fisengine:test:arm");
        }
    }
}
