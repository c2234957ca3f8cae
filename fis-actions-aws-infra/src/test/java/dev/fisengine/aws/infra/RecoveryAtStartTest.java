package dev.fisengine.aws.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The engine-start hook of this module, found by ServiceLoader: on by default, it completes what a dead process left
 * pending in the journal before the engine is handed out; off on request; a no-op (nothing created) when no journal
 * was ever written. The pending revert here needs no AWS call (a command that was never sent); the recovery of
 * reverts that do call AWS, after a real SIGKILL, is in {@code CrashRecoveryEmulatorTest}.
 */
class RecoveryAtStartTest {
    @TempDir
    Path dir;

    private InfraSettings.Builder settings(Path journal) {
        return InfraSettings.builder().region(Region.US_EAST_1).journalDirectory(journal)
                .endpointOverride(java.net.URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
    }

    private static FisEngine engine(InfraSettings settings) {
        return FisEngine.builder().options(EngineOptions.builder().shutdownHook(false).build()).slf4jLog(false)
                .component(InfraSettings.class, settings).build();
    }

    /** A journal file as a process that died would have left it: one pending revert. */
    private Path deadProcessFile() throws Exception {
        Path file = dir.resolve("revert-999999999-1.jsonl");
        Files.writeString(file, FileRevertJournalTest.recordLine("r1", "ssm:cancel-command") + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theEngineStartsWithTheDeadProcessesRevertsCompleted() throws Exception {
        Path file = deadProcessFile();
        try (FisEngine engine = engine(settings(dir).build())) {
            RecoveryReport report = InfraRecovery.atStart(engine).orElseThrow();
            assertThat(report.failed()).isEmpty();
            assertThat(report.completed()).singleElement().satisfies(i -> {
                assertThat(i.record().id()).isEqualTo("r1");
                assertThat(i.outcome()).isEqualTo("no command to cancel (it was never sent)");
            });
            assertThat(file).doesNotExist();
        }
        try (FisEngine next = engine(settings(dir).build())) {
            assertThat(InfraRecovery.atStart(next).orElseThrow().completed()).as("exactly once").isEmpty();
        }
    }

    @Test
    void recoveryAtStartCanBeTurnedOff() throws Exception {
        Path file = deadProcessFile();
        try (FisEngine engine = engine(settings(dir).recoverAtStart(false).build())) {
            assertThat(InfraRecovery.atStart(engine)).isEmpty();
            assertThat(file).exists();
        }
        String old = System.getProperty(InfraSettings.RECOVER_AT_START_PROPERTY);
        System.setProperty(InfraSettings.RECOVER_AT_START_PROPERTY, "false");
        try (FisEngine engine = engine(settings(dir).build())) {
            assertThat(InfraRecovery.atStart(engine)).isEmpty();
            assertThat(file).exists();
        } finally {
            if (old == null) {
                System.clearProperty(InfraSettings.RECOVER_AT_START_PROPERTY);
            } else {
                System.setProperty(InfraSettings.RECOVER_AT_START_PROPERTY, old);
            }
        }
        assertThat(settings(dir).recoverAtStart(true).build().recoverAtStartEnabled()).isTrue();
    }

    @Test
    void withNoJournalEverWrittenTheHookCreatesNothing() {
        Path none = dir.resolve("no-journal-here");
        try (FisEngine engine = engine(settings(none).build())) {
            assertThat(InfraRecovery.atStart(engine).orElseThrow().completed()).isEmpty();
            assertThat(none).doesNotExist();
        }
    }
}
