package dev.fisengine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.EngineStoreException;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.AccountTargeting;
import software.amazon.awssdk.services.fis.model.Experiment;
import software.amazon.awssdk.services.fis.model.ExperimentStatus;
import software.amazon.awssdk.services.fis.model.ExperimentSummary;
import software.amazon.awssdk.services.fis.model.ExperimentTemplate;
import software.amazon.awssdk.services.fis.model.ExperimentTemplateSummary;
import software.amazon.awssdk.services.fis.model.ResourceNotFoundException;

/**
 * {@link DataDirStore} behind the API: templates, tags, target account configurations and experiment history survive
 * closing and re-opening the server over the same directory, as the SDK's {@code FisClient} sees them; a data
 * directory that cannot be used is refused at start, naming the path.
 */
class DataDirTest {
    @TempDir
    Path dir;

    /** An engine over the store, a server and a client; closes in the order fis serve does. */
    private static final class Server implements AutoCloseable {
        final ManualClock clock = new ManualClock();
        final DataDirStore store;
        final FisEngine engine;
        final FisServer server;
        final FisClient fis;

        Server(Path dir) {
            store = DataDirStore.open(dir);
            engine = FisEngine.builder().clock(clock).seed(3).plugins(Plugins.discovered()).store(store)
                    .options(EngineOptions.builder().shutdownHook(false).safetyLeverSwitch(false).build()).build();
            server = FisServer.builder(engine).port(0).start();
            fis = FisClient.builder().endpointOverride(URI.create(server.endpoint().toString()))
                    .region(Region.US_EAST_1).httpClient(Apache5HttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                    .build();
        }

        @Override
        public void close() {
            fis.close();
            server.close();
            engine.close();
            store.close();
        }
    }

    @Test
    void everythingComesBackAfterARestartWithTheSameIdsAndPagesTheSame() {
        List<ExperimentTemplateSummary> templates = new ArrayList<>();
        List<ExperimentSummary> experiments = new ArrayList<>();
        ExperimentTemplate multi;
        Experiment completed;
        Experiment stopped;
        try (Server s = new Server(dir)) {
            for (int i = 0; i < 12; i++) {
                int n = i;
                s.fis.createExperimentTemplate(FisClientTest.waitTemplate("template " + n,
                        AccountTargeting.SINGLE_ACCOUNT).toBuilder().clientToken("token-" + n).build());
                s.clock.advance(Duration.ofSeconds(1));
            }
            multi = s.fis.createExperimentTemplate(FisClientTest.waitTemplate("multi",
                    AccountTargeting.MULTI_ACCOUNT)).experimentTemplate();
            s.fis.createTargetAccountConfiguration(r -> r.experimentTemplateId(multi.id()).accountId("111122223333")
                    .roleArn("arn:aws:iam::111122223333:role/fis").description("target"));
            s.fis.tagResource(r -> r.resourceArn(multi.arn()).tags(Map.of("env", "staging")));
            String first = s.fis.listExperimentTemplates(r -> r.maxResults(1)).experimentTemplates().get(0).id();
            s.fis.deleteExperimentTemplate(r -> r.id(first));

            String done = s.fis.startExperiment(r -> r.experimentTemplateId(multi.id()).tags(Map.of("run", "1")))
                    .experiment().id();
            s.engine.awaitRunning(done, Duration.ofSeconds(10));
            s.clock.advance(Duration.ofMinutes(10));
            s.engine.awaitExperiment(done, Duration.ofSeconds(10));
            completed = s.fis.getExperiment(r -> r.id(done)).experiment();
            assertThat(completed.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
            String second = s.fis.listExperimentTemplates(r -> r.maxResults(1)).experimentTemplates().get(0).id();
            String stop = s.fis.startExperiment(r -> r.experimentTemplateId(second)).experiment().id();
            s.fis.stopExperiment(r -> r.id(stop));
            s.fis.tagResource(r -> r.resourceArn(s.fis.getExperiment(x -> x.id(stop)).experiment().arn())
                    .tags(Map.of("why", "game day")));
            stopped = s.fis.getExperiment(r -> r.id(stop)).experiment();
            s.fis.listExperimentTemplatesPaginator(r -> r.maxResults(1)).experimentTemplates().forEach(templates::add);
            s.fis.listExperimentsPaginator(r -> r.maxResults(1)).experiments().forEach(experiments::add);
        }
        assertThat(dir.resolve(DataDirStore.FILE_NAME)).isRegularFile();

        try (Server s = new Server(dir)) {
            List<ExperimentTemplateSummary> after = new ArrayList<>();
            s.fis.listExperimentTemplatesPaginator(r -> r.maxResults(1)).experimentTemplates().forEach(after::add);
            assertThat(after).hasSize(12).isEqualTo(templates);
            assertThat(s.fis.getExperimentTemplate(r -> r.id(multi.id())).experimentTemplate())
                    .satisfies(t -> {
                        assertThat(t.creationTime()).isEqualTo(multi.creationTime());
                        assertThat(t.tags()).isEqualTo(Map.of("team", "orders", "env", "staging"));
                        assertThat(t.targetAccountConfigurationsCount()).isEqualTo(1L);
                    });
            assertThat(s.fis.getTargetAccountConfiguration(r -> r.experimentTemplateId(multi.id())
                    .accountId("111122223333")).targetAccountConfiguration().description()).isEqualTo("target");
            // a repeated client token still returns the template it created, not a new one
            assertThat(s.fis.createExperimentTemplate(FisClientTest.waitTemplate("template 5",
                    AccountTargeting.SINGLE_ACCOUNT).toBuilder().clientToken("token-5").build()).experimentTemplate()
                    .id()).isEqualTo(templates.get(4).id());

            List<ExperimentSummary> history = new ArrayList<>();
            s.fis.listExperimentsPaginator(r -> r.maxResults(1)).experiments().forEach(history::add);
            assertThat(history).isEqualTo(experiments);
            assertThat(s.fis.getExperiment(r -> r.id(completed.id())).experiment()).isEqualTo(completed);
            assertThat(s.fis.getExperiment(r -> r.id(stopped.id())).experiment()).isEqualTo(stopped);
            assertThat(s.fis.listTagsForResource(r -> r.resourceArn(stopped.arn())).tags())
                    .isEqualTo(Map.of("why", "game day"));
            assertThat(s.fis.listExperimentTargetAccountConfigurations(r -> r.experimentId(completed.id()))
                    .targetAccountConfigurations()).hasSize(1);
            assertThatThrownBy(() -> s.fis.getExperimentTemplate(r -> r.id(templates.get(0).id() + "x")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void aDataDirectoryThatCannotBeUsedIsRefusedNamingThePath() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> DataDirStore.open(file)).isInstanceOf(EngineStoreException.class)
                .hasMessage("Data directory " + file + " is not a directory.");

        Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
        Files.write(corrupt.resolve(DataDirStore.FILE_NAME), "this is not an MVStore file\n".repeat(300)
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DataDirStore.open(corrupt)).isInstanceOf(EngineStoreException.class)
                .hasMessageStartingWith("Data file " + corrupt.resolve(DataDirStore.FILE_NAME) + " cannot be opened")
                .hasMessageContaining("move it away to start empty");

        Path busy = dir.resolve("busy");
        try (DataDirStore open = DataDirStore.open(busy)) {
            assertThat(open.directory()).isEqualTo(busy);
            assertThatThrownBy(() -> DataDirStore.open(busy)).isInstanceOf(EngineStoreException.class)
                    .hasMessageContaining(busy.resolve(DataDirStore.FILE_NAME).toString());
        }
        try (DataDirStore reopened = DataDirStore.open(busy)) { // closed: usable again
            assertThat(reopened.file()).isEqualTo(busy.resolve(DataDirStore.FILE_NAME));
        }
    }

    @Test
    void aWriteTheStoreCannotMakeIsA500AndChangesNothing() {
        try (Server s = new Server(dir)) {
            ExperimentTemplate t = s.fis.createExperimentTemplate(FisClientTest.waitTemplate("kept",
                    AccountTargeting.SINGLE_ACCOUNT)).experimentTemplate();
            s.store.close(); // the file is gone from under the engine, as on a failed disk
            assertThatThrownBy(() -> s.fis.tagResource(r -> r.resourceArn(t.arn()).tags(Map.of("b", "2"))))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.fis.model.FisException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerException");
                        assertThat(e.getMessage()).contains("engine store could not record experiment template "
                                + t.id(), DataDirStore.FILE_NAME);
                    });
            assertThat(s.fis.listTagsForResource(r -> r.resourceArn(t.arn())).tags())
                    .isEqualTo(Map.of("team", "orders"));
        }
    }

    @Test
    void theEmbeddingSnippetOfTheDocsWorks() {
        Path data = dir.resolve("fis-data");
        String id;
        // docs/server.md, "Embedding" (with the data directory under the test's temporary one)
        try (DataDirStore store = DataDirStore.open(data)) {
            try (FisEngine engine = FisEngine.builder().store(store).build();
                 FisServer server = FisServer.builder(engine).port(0).start()) {
                id = engine.createExperimentTemplate("{\"description\":\"kept\",\"roleArn\":\"arn:aws:iam::"
                        + "123456789012:role/fis\",\"stopConditions\":[{\"source\":\"none\"}],\"actions\":{"
                        + "\"wait\":{\"actionId\":\"aws:fis:wait\",\"parameters\":{\"duration\":\"PT1M\"}}}}").id();
                assertThat(server.port()).isPositive();
            }
        }
        try (DataDirStore store = DataDirStore.open(data);
             FisEngine engine = FisEngine.builder().store(store).build()) {
            assertThat(engine.getExperimentTemplate(id).description()).isEqualTo("kept");
        }
    }

    @Test
    void theFileStaysNearTheSizeOfItsDataThroughManyChanges() throws Exception {
        try (DataDirStore store = DataDirStore.open(dir)) {
            String record = "x".repeat(3000);
            for (int i = 0; i < 400; i++) {
                store.put("templates", "EXT" + (i % 20), record + i);
            }
            assertThat(store.load("templates")).hasSize(20);
            // 60 KB of live records after 400 replacements: not 400 chunks kept
            assertThat(Files.size(store.file())).isLessThan(2L << 20);
        }
        try (DataDirStore again = DataDirStore.open(dir)) {
            assertThat(again.load("templates").get("EXT3")).endsWith("x383");
        }
    }
}
