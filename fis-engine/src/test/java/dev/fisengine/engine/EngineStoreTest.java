package dev.fisengine.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentOptions;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.ExperimentSummary;
import dev.fisengine.api.model.ExperimentTemplateSummary;
import dev.fisengine.api.model.StartExperimentRequest;
import dev.fisengine.api.model.TargetAccountConfiguration;
import dev.fisengine.api.model.UpdateExperimentTemplateRequest;
import dev.fisengine.engine.fixtures.Await;
import dev.fisengine.engine.fixtures.Engines;
import dev.fisengine.engine.fixtures.Templates;
import dev.fisengine.engine.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** {@link FisEngine.Builder#store}: what an engine kept comes back in the next one; a change it cannot keep is refused. */
class EngineStoreTest {
    private static final Duration T = Duration.ofSeconds(10);

    /** The store as a map of maps; {@code failing} makes every write throw, as a full or read-only disk would. */
    static class MemoryStore implements EngineStore {
        final Map<String, Map<String, String>> data = new ConcurrentHashMap<>();
        volatile boolean failing;

        @Override
        public Map<String, String> load(String collection) {
            return new TreeMap<>(data.getOrDefault(collection, Map.of()));
        }

        @Override
        public synchronized void put(String collection, String key, String json) {
            if (failing) {
                throw new IllegalStateException("disk full");
            }
            data.computeIfAbsent(collection, k -> new ConcurrentHashMap<>()).put(key, json);
        }

        @Override
        public synchronized void delete(String collection, String key) {
            if (failing) {
                throw new IllegalStateException("disk full");
            }
            data.getOrDefault(collection, new ConcurrentHashMap<>()).remove(key);
        }

        /** What a process killed now would leave on disk. */
        synchronized MemoryStore copy() {
            MemoryStore c = new MemoryStore();
            data.forEach((k, v) -> c.data.put(k, new ConcurrentHashMap<>(v)));
            return c;
        }
    }

    private static CreateExperimentTemplateRequest multiAccount(CreateExperimentTemplateRequest r) {
        return new CreateExperimentTemplateRequest(r.clientToken(), r.description(), r.targets(), r.actions(),
                r.stopConditions(), r.roleArn(), r.tags(), r.logConfiguration(),
                new ExperimentOptions(ExperimentOptions.MULTI_ACCOUNT, null, null), r.experimentReportConfiguration());
    }

    @Test
    void templatesTagsTargetAccountsAndExperimentHistoryComeBackWithTheSameIds() {
        MemoryStore store = new MemoryStore();
        Engines first = new Engines();
        MemoryStore killed;
        List<ExperimentTemplateSummary> templatesBefore = new ArrayList<>();
        List<ExperimentSummary> experimentsBefore = new ArrayList<>();
        String kept;
        String tagged;
        String multi;
        String completed;
        String stopped;
        String running;
        try (FisEngine a = first.builder().store(store).build()) {
            kept = a.createExperimentTemplate(Templates.template().description("kept").clientToken("tok-1")
                    .tags(Map.of("team", "payments")).action("wait", Templates.waitFor("PT1M")).build()).id();
            String gone = a.createExperimentTemplate(Templates.template().description("deleted")
                    .action("wait", Templates.waitFor("PT1M")).build()).id();
            tagged = a.createExperimentTemplate(Templates.template().description("tagged")
                    .action("wait", Templates.waitFor("PT1H")).build()).id();
            multi = a.createExperimentTemplate(multiAccount(Templates.template().description("multi")
                    .action("wait", Templates.waitFor("PT1M")).build())).id();
            a.deleteExperimentTemplate(gone);
            first.clock.advance(Duration.ofSeconds(5));
            a.updateExperimentTemplate(tagged, new UpdateExperimentTemplateRequest("tagged, updated", null, null,
                    null, null, null, null, null));
            a.tagResource(a.getExperimentTemplate(tagged).arn(), Map.of("env", "staging", "drop", "me"));
            a.untagResource(a.getExperimentTemplate(tagged).arn(), List.of("drop"));
            a.createTargetAccountConfiguration(multi, "111122223333", "arn:aws:iam::111122223333:role/fis", "one",
                    "tac-token");

            completed = a.startExperiment(new StartExperimentRequest("start-1", kept, null, Map.of("run", "1")))
                    .id();
            a.awaitRunning(completed, T);
            first.clock.advance(Duration.ofMinutes(1));
            assertThat(a.awaitExperiment(completed, T).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
            stopped = a.startExperiment(tagged).id();
            a.awaitRunning(stopped, T);
            a.stopExperiment(stopped);
            a.tagResource(a.getExperiment(stopped).arn(), Map.of("why", "game day"));
            running = a.startExperiment(multi).id();
            a.awaitRunning(running, T);
            String runningId = running;
            Await.until(() -> store.data.get(EngineStore.EXPERIMENTS).get(runningId).contains("\"running\""),
                    "the running state is recorded");

            killed = store.copy(); // the process dies here: `running` never ended
            a.listExperimentTemplates(100, null).items().forEach(templatesBefore::add);
            a.listExperiments(100, null, null).items().forEach(experimentsBefore::add);
        }

        Engines second = new Engines(); // same seed: its id generator draws the ids that are already taken first
        second.clock.advance(Duration.ofHours(1));
        try (FisEngine b = second.builder().store(killed).build()) {
            assertThat(b.listExperimentTemplates(100, null).items()).isEqualTo(templatesBefore);
            assertThat(b.getExperimentTemplate(tagged).description()).isEqualTo("tagged, updated");
            assertThat(b.getExperimentTemplate(tagged).tags()).isEqualTo(Map.of("env", "staging"));
            assertThat(b.listTagsForResource(b.getExperimentTemplate(kept).arn()))
                    .isEqualTo(Map.of("team", "payments"));
            // the create's client token still returns the template it created
            assertThat(b.createExperimentTemplate(Templates.template().description("kept").clientToken("tok-1")
                    .tags(Map.of("team", "payments")).action("wait", Templates.waitFor("PT1M")).build()).id())
                    .isEqualTo(kept);
            assertThat(b.listTargetAccountConfigurations(multi, null, null).items()).containsExactly(
                    new TargetAccountConfiguration("arn:aws:iam::111122223333:role/fis", "111122223333", "one"));
            assertThat(b.listExperimentTargetAccountConfigurations(running, null).items()).hasSize(1);

            List<ExperimentSummary> after = b.listExperiments(100, null, null).items();
            assertThat(after).extracting(ExperimentSummary::id)
                    .containsExactlyElementsOf(experimentsBefore.stream().map(ExperimentSummary::id).toList());
            assertThat(after.get(0)).isEqualTo(experimentsBefore.get(0));
            Experiment c = b.getExperiment(completed);
            assertThat(c.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
            assertThat(c.tags()).isEqualTo(Map.of("run", "1"));
            assertThat(c.actions().get("wait").state().status()).isEqualTo(ActionStatus.COMPLETED);
            Experiment s = b.getExperiment(stopped);
            assertThat(s.state().status()).isEqualTo(ExperimentStatus.STOPPED);
            assertThat(s.tags()).isEqualTo(Map.of("why", "game day"));
            assertThatThrownBy(() -> b.stopExperiment(stopped)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("already stopped");

            Experiment r = b.getExperiment(running);
            assertThat(r.state().status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(r.state().reason()).startsWith("The engine stopped before the experiment ended");
            assertThat(r.state().error().code()).isEqualTo("EngineStopped");
            assertThat(r.actions().get("wait").state().status()).isEqualTo(ActionStatus.STOPPED);
            assertThat(r.endTime()).isEqualTo(second.clock.instant());
            assertThat(b.activeExperiments()).isZero();

            // the start's client token still returns the experiment it started
            assertThat(b.startExperiment(new StartExperimentRequest("start-1", kept, null, Map.of("run", "1"))).id())
                    .isEqualTo(completed);
            // paging across what came back and what is new
            String fresh = b.createExperimentTemplate(Templates.template().action("wait", Templates.waitFor("PT1M"))
                    .build()).id();
            assertThat(Set.of(kept, tagged, multi)).doesNotContain(fresh);
            List<String> paged = new ArrayList<>();
            String token = null;
            for (int i = 0; i < 10; i++) {
                Page<ExperimentTemplateSummary> p = b.listExperimentTemplates(1, token);
                p.items().forEach(x -> paged.add(x.id()));
                token = p.nextToken();
                if (token == null) {
                    break;
                }
            }
            assertThat(paged).containsExactly(kept, tagged, multi, fresh);
        }
        // the failed state of the interrupted experiment was written back: a third engine reads it as is
        try (FisEngine c = new Engines().builder().store(killed).build()) {
            assertThat(c.getExperiment(running).state().status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(c.getExperiment(running).endTime())
                    .isEqualTo(ManualClock.DEFAULT_START.plus(Duration.ofHours(1)));
        }
    }

    @Test
    void aChangeTheStoreCannotRecordIsRefusedAndNothingOfItIsKept() {
        MemoryStore store = new MemoryStore();
        Engines engines = new Engines();
        try (FisEngine e = engines.builder().store(store).build()) {
            String t = e.createExperimentTemplate(multiAccount(Templates.template().tags(Map.of("a", "1"))
                    .action("wait", Templates.waitFor("PT1M")).build())).id();
            e.createTargetAccountConfiguration(t, "111122223333", "arn:aws:iam::111122223333:role/fis", null, null);
            String done = e.startExperiment(t).id();
            e.awaitRunning(done, T);
            e.stopExperiment(done);
            store.failing = true;

            assertThatThrownBy(() -> e.createExperimentTemplate(Templates.template()
                    .action("wait", Templates.waitFor("PT1M")).build()))
                    .isInstanceOf(EngineStoreException.class).hasMessageContaining("disk full")
                    .hasMessageContaining("the change was not made");
            assertThat(e.listExperimentTemplates().items()).hasSize(1);
            String arn = e.getExperimentTemplate(t).arn();
            assertThatThrownBy(() -> e.tagResource(arn, Map.of("b", "2"))).isInstanceOf(EngineStoreException.class);
            assertThat(e.listTagsForResource(arn)).isEqualTo(Map.of("a", "1"));
            String experimentArn = e.getExperiment(done).arn();
            assertThatThrownBy(() -> e.tagResource(experimentArn, Map.of("b", "2")))
                    .isInstanceOf(EngineStoreException.class);
            assertThat(e.listTagsForResource(experimentArn)).isEmpty();
            assertThatThrownBy(() -> e.updateExperimentTemplate(t, new UpdateExperimentTemplateRequest("new", null,
                    null, null, null, null, null, null))).isInstanceOf(EngineStoreException.class);
            assertThat(e.getExperimentTemplate(t).description()).isNotEqualTo("new");
            assertThatThrownBy(() -> e.deleteExperimentTemplate(t)).isInstanceOf(EngineStoreException.class);
            assertThat(e.getExperimentTemplate(t)).isNotNull();
            assertThatThrownBy(() -> e.createTargetAccountConfiguration(t, "444455556666",
                    "arn:aws:iam::444455556666:role/fis", null, null)).isInstanceOf(EngineStoreException.class);
            assertThat(e.targetAccountConfigurationsCount(t)).isEqualTo(1);

            // a start that cannot be recorded does not run: it is refused, and the experiment it made is failed
            assertThatThrownBy(() -> e.startExperiment(t)).isInstanceOf(EngineStoreException.class);
            List<ExperimentSummary> all = e.listExperiments().items();
            assertThat(all).hasSize(2);
            Experiment refused = e.getExperiment(all.get(1).id());
            assertThat(refused.state().status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(refused.state().reason()).startsWith("The experiment could not be recorded in the engine store");
            assertThat(refused.actions().get("wait").state().status()).isEqualTo(ActionStatus.CANCELLED);
            assertThat(e.activeExperiments()).isZero();
        }
        // what the next engine sees is what was recorded before the failures
        store.failing = false;
        try (FisEngine next = new Engines().builder().store(store).build()) {
            assertThat(next.listExperimentTemplates().items()).hasSize(1);
            assertThat(next.listExperiments().items()).hasSize(1);
        }
    }

    @Test
    void aRecordThatCannotBeReadFailsTheBuildNamingIt() {
        MemoryStore store = new MemoryStore();
        store.put(EngineStore.TEMPLATES, "EXTbroken", "{\"format\":1,\"seq\":1,\"template\":{\"id\":");
        assertThatThrownBy(() -> new Engines().builder().store(store).build())
                .isInstanceOf(EngineStoreException.class).hasMessageContaining("templates/EXTbroken");
        store.data.clear();
        store.put(EngineStore.EXPERIMENTS, "EXPfuture", "{\"format\":7,\"seq\":1}");
        assertThatThrownBy(() -> new Engines().builder().store(store).build())
                .isInstanceOf(EngineStoreException.class).hasMessageContaining("experiments/EXPfuture")
                .hasMessageContaining("format 7");
    }

    @Test
    void retentionLimitsApplyToWhatComesBackAndForgottenRecordsAreDeleted() {
        MemoryStore store = new MemoryStore();
        Engines engines = new Engines();
        EngineOptions small = Engines.testOptions().maxRetainedExperiments(3).build();
        List<String> ids = new ArrayList<>();
        try (FisEngine e = engines.builder().options(small).store(store).build()) {
            String t = e.createExperimentTemplate(Templates.template().action("wait", Templates.waitFor("PT1M"))
                    .build()).id();
            for (int i = 0; i < 5; i++) {
                String id = e.startExperiment(t).id();
                e.awaitRunning(id, T);
                e.stopExperiment(id);
                ids.add(id);
            }
        }
        assertThat(store.data.get(EngineStore.EXPERIMENTS)).hasSize(5);
        try (FisEngine e = new Engines().builder().options(small).store(store).build()) {
            assertThat(e.listExperiments().items()).extracting(ExperimentSummary::id)
                    .containsExactlyElementsOf(ids.subList(2, 5));
        }
        assertThat(store.data.get(EngineStore.EXPERIMENTS).keySet()).containsExactlyInAnyOrderElementsOf(
                ids.subList(2, 5));
    }

    @Test
    void aStoreThatHangsHoldsBackNeitherTheLeverNorClose() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        MemoryStore hanging = new MemoryStore() {
            @Override
            public void put(String collection, String key, String json) {
                if (collection.equals(EngineStore.EXPERIMENTS) && writing.getCount() == 1) {
                    writing.countDown();
                    try {
                        release.await(); // the disk hangs on the first experiment record
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.put(collection, key, json);
            }
        };
        Engines engines = new Engines();
        EngineOptions quick = Engines.testOptions().deadlines(Deadlines.all(Duration.ofMillis(300)))
                .closeTimeout(Duration.ofSeconds(2)).build();
        FisEngine e = engines.builder().options(quick).store(hanging).build();
        String t = e.createExperimentTemplate(Templates.template().action("wait", Templates.waitFor("PT1M")).build())
                .id();
        java.util.concurrent.CompletableFuture<Object> start = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> e.startExperiment(t));
        assertThat(writing.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        e.updateSafetyLeverState(FisEngine.SAFETY_LEVER_ID, dev.fisengine.api.model.SafetyLeverStatus.ENGAGED,
                "game over");
        assertThat(e.faultGate().isOpen()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThanOrEqualTo(e.stopBound()
                .plusSeconds(1));
        e.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(e.stopBound().plusSeconds(5));
        release.countDown();
        Object started = start.get(10, java.util.concurrent.TimeUnit.SECONDS);
        Experiment x = e.getExperiment(((Experiment) started).id());
        assertThat(x.state().status().isTerminal()).isTrue();
        assertThat(x.state().status()).isNotEqualTo(ExperimentStatus.COMPLETED);
    }
}
