package dev.fisengine.engine.functional;

import static dev.fisengine.engine.fixtures.Templates.armOn;
import static dev.fisengine.engine.fixtures.Templates.template;
import static dev.fisengine.engine.fixtures.Templates.things;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.ResolvedTarget;
import dev.fisengine.api.model.TargetFilter;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.Page;
import dev.fisengine.engine.fixtures.Engines;
import dev.fisengine.engine.fixtures.ThingResolver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Targets resolved once before any action: tags, filters over nested lists, seeded selection, listing. */
class TargetResolutionTest {

    private static void addThings(Engines env, int n) {
        IntStream.range(0, n).forEach(i -> env.things.add(String.format("t%02d", i), Map.of("env", "test"),
                Map.of("Index", i)));
    }

    private static List<String> selectedArns(long seed, String mode) {
        Engines env = new Engines();
        addThings(env, 10);
        try (FisEngine engine = env.builder().seed(seed).build()) {
            String tid = engine.createExperimentTemplate(template()
                    .target("T", things(mode, Map.of("env", "test"), null))
                    .action("a", armOn("PT1M", "T")).build()).id();
            String id = engine.startExperiment(tid).id();
            env.clock.awaitIdle();
            List<String> arns = new ArrayList<>();
            env.action.started("a").targets().get("Things").forEach(r -> arns.add(r.arn()));
            assertThat(engine.listExperimentResolvedTargets(id, null, null, null).items())
                    .extracting(t -> t.targetInformation().get("arn")).containsExactlyElementsOf(arns);
            return arns;
        }
    }

    @Test
    void countAndPercentPickAtRandomFromASeedableSource() {
        List<String> count3 = selectedArns(7, "COUNT(3)");
        assertThat(count3).hasSize(3).doesNotHaveDuplicates();
        assertThat(selectedArns(7, "COUNT(3)")).isEqualTo(count3);
        assertThat(selectedArns(7, "PERCENT(25)")).hasSize(2); // 10 × 25 % = 2.5, rounded down
        assertThat(selectedArns(7, "ALL")).hasSize(10);
        assertThat(selectedArns(7, "COUNT(50)")).hasSize(10);

        Set<List<String>> distinct = new HashSet<>();
        for (long seed = 0; seed < 8; seed++) {
            distinct.add(selectedArns(seed, "COUNT(3)"));
        }
        assertThat(distinct).hasSizeGreaterThan(1);
    }

    @Test
    void aPercentageThatRoundsToNothingFailsTheExperiment() {
        Engines env = new Engines();
        addThings(env, 10);
        try (FisEngine engine = env.build()) {
            String tid = engine.createExperimentTemplate(template()
                    .target("T", things("PERCENT(5)", Map.of("env", "test"), null))
                    .action("a", armOn("PT1M", "T")).build()).id();
            String id = engine.startExperiment(tid).id();
            env.clock.awaitIdle();
            assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.FAILED);
        }
    }

    @Test
    void filtersAndTogetherValuesOrAndListsAreExpanded() {
        Engines env = new Engines();
        env.things.add("web-1", Map.of("app", "web"), Map.of(
                "State", Map.of("Name", "running"),
                "NetworkInterfaces", List.of(
                        Map.of("Groups", List.of(Map.of("GroupId", "sg-1"), Map.of("GroupId", "sg-2"))),
                        Map.of("Groups", List.of(Map.of("GroupId", "sg-3"))))));
        env.things.add("web-2", Map.of("app", "web"), Map.of(
                "State", Map.of("Name", "stopped"),
                "NetworkInterfaces", List.of(Map.of("Groups", List.of(Map.of("GroupId", "sg-3"))))));
        env.things.add("web-3", Map.of("app", "web"), Map.of(
                "State", Map.of("Name", "running"),
                "NetworkInterfaces", List.of(Map.of("Groups", List.of(Map.of("GroupId", "sg-9"))))));
        try (FisEngine engine = env.build()) {
            String tid = engine.createExperimentTemplate(template()
                    .target("T", things("ALL", Map.of("app", "web"), List.of(
                            new TargetFilter("NetworkInterfaces.Groups.GroupId", List.of("sg-3", "sg-4")),
                            new TargetFilter("State.Name", List.of("running", "pending")))))
                    .action("a", armOn("PT1M", "T")).build()).id();
            String id = engine.startExperiment(tid).id();
            env.clock.awaitIdle();

            assertThat(env.action.started("a").targets().get("Things")).extracting(TargetResource::arn)
                    .containsExactly(ThingResolver.arn("web-1"));
            ExperimentLogRecord end = env.recorder.records(id).stream()
                    .filter(r -> r.logType().equals("target-resolution-end")).findFirst().orElseThrow();
            assertThat(end.details()).containsEntry("target_name", "T").containsEntry("target_type", "test:thing")
                    .containsEntry("resolved_targets", List.of(Map.of("arn", ThingResolver.arn("web-1"))));
            ExperimentLogRecord detail = env.recorder.records(id).stream()
                    .filter(r -> r.logType().equals("target-resolution-detail")).findFirst().orElseThrow();
            assertThat(detail.details()).containsEntry("resolved_targets_count", 1)
                    .containsEntry("status", "completed").containsEntry("account_id", "123456789012");
        }
    }

    @Test
    void resolvedTargetsArePaginatedAndFilteredByTargetName() {
        Engines env = new Engines();
        addThings(env, 5);
        try (FisEngine engine = env.build()) {
            String tid = engine.createExperimentTemplate(template()
                    .target("A", things("ALL", Map.of("env", "test"), null))
                    .target("B", things("COUNT(2)", Map.of("env", "test"), null))
                    .action("a", armOn("PT1M", "A"))
                    .action("b", armOn("PT1M", "B")).build()).id();
            Experiment e = engine.startExperiment(tid);
            env.clock.awaitIdle();

            Page<ResolvedTarget> first = engine.listExperimentResolvedTargets(e.id(), 4, null, null);
            assertThat(first.items()).hasSize(4);
            Page<ResolvedTarget> second = engine.listExperimentResolvedTargets(e.id(), 4, first.nextToken(), null);
            assertThat(second.items()).hasSize(3);
            assertThat(second.nextToken()).isNull();
            assertThat(engine.listExperimentResolvedTargets(e.id(), null, null, "B").items()).hasSize(2)
                    .allSatisfy(t -> {
                        assertThat(t.targetName()).isEqualTo("B");
                        assertThat(t.resourceType()).isEqualTo("test:thing");
                    });
            assertThat(env.things.calls()).isEqualTo(2); // once per target, before any action
        }
    }

    @Test
    void aResolverThatThrowsFailsTheExperimentWithItsMessage() {
        Engines env = new Engines();
        env.things.failWith("DescribeThings: access denied");
        try (FisEngine engine = env.build()) {
            String tid = engine.createExperimentTemplate(template()
                    .target("T", things("ALL", Map.of("env", "test"), null))
                    .action("a", armOn("PT1M", "T")).build()).id();
            String id = engine.startExperiment(tid).id();
            env.clock.awaitIdle();
            Experiment e = engine.getExperiment(id);
            assertThat(e.state().status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(e.state().reason())
                    .isEqualTo("Target resolution failed for target 'T': DescribeThings: access denied");
        }
    }
}
