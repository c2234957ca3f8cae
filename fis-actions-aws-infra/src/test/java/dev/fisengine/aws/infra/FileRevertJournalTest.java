package dev.fisengine.aws.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRevertJournalTest {
    @TempDir
    Path dir;

    static RevertRecord record(String id) {
        return new RevertRecord(id, FileRevertJournal.OWNER, "EXP1", "Stop", "aws:ec2:stop-instances",
                "ec2:start-instances", "us-east-1", Map.of("instanceIds", "i-1,i-2"), Instant.parse(
                        "2026-01-01T00:00:00Z"));
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** A journal file as a process that has died would have left it (nobody holds its lock). */
    private Path deadProcessFile(String... lines) throws Exception {
        Path file = dir.resolve("revert-999999999-1.jsonl");
        Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
        return file;
    }

    static String recordLine(String id, String kind) {
        return "{\"op\":\"record\",\"id\":\"" + id + "\",\"record\":{\"id\":\"" + id + "\",\"owner\":\"1@x\","
                + "\"experimentId\":\"EXP9\",\"actionName\":\"A\",\"actionId\":\"aws:ssm:send-command\","
                + "\"kind\":\"" + kind + "\",\"region\":\"us-east-1\",\"data\":{},\"recordedAt\":"
                + "\"2026-01-01T00:00:00Z\"}}";
    }

    @Test
    void aRecordIsOnDiskWhenRecordReturnsAndTheFileGoesWhenEverythingIsDone() throws Exception {
        FileRevertJournal journal = FileRevertJournal.open(dir);
        journal.record(record("r1"));
        journal.update("r1", Map.of("commandId", "c-1"));
        assertThat(files()).singleElement().satisfies(f -> {
            assertThat(f.getFileName().toString()).matches("revert-\\d+-\\d+\\.jsonl");
            assertThat(Files.readAllLines(f)).hasSize(2);
            assertThat(Files.readString(f)).contains("\"op\":\"record\"").contains("\"commandId\":\"c-1\"");
        });
        assertThat(journal.pendingOfThisProcess()).singleElement()
                .satisfies(r -> assertThat(r.data()).containsEntry("commandId", "c-1"));
        journal.complete("r1", "started [i-1, i-2]");
        journal.complete("r1", "again");
        assertThat(journal.pendingOfThisProcess()).isEmpty();
        journal.close();
        assertThat(files()).isEmpty();
    }

    @Test
    void aRecordLeftPendingByAClosedEngineIsKeptAndRecoveredInTheSameJvm() throws Exception {
        FileRevertJournal first = FileRevertJournal.open(dir);
        first.record(record("r1"));
        first.close();
        assertThat(files()).hasSize(1);

        FileRevertJournal second = FileRevertJournal.open(dir);
        assertThat(second.pendingOfDeadOwners()).extracting(RevertRecord::id).containsExactly("r1");
        second.complete("r1", "done");
        second.release();
        second.close();
        assertThat(files()).isEmpty();
    }

    @Test
    void aDeadProcessesRecordsAreClaimedCompletedAndTheFileDeleted() throws Exception {
        Path file = deadProcessFile(recordLine("a", "ssm:cancel-command"), recordLine("b", "ssm:cancel-command"),
                "{\"op\":\"done\",\"id\":\"a\",\"outcome\":\"x\"}");
        try (FileRevertJournal journal = FileRevertJournal.open(dir)) {
            List<RevertRecord> pending = journal.pendingOfDeadOwners();
            assertThat(pending).extracting(RevertRecord::id).containsExactly("b");
            assertThat(pending.get(0).experimentId()).isEqualTo("EXP9");
            journal.complete("b", "nothing to cancel");
            journal.release();
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void recoveryWithNoJournalDirectoryCreatesNothing() {
        Path none = dir.resolve("never-written");
        try (InfraClients clients = new InfraClients(InfraSettings.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).journalDirectory(none).build())) {
            RecoveryReport report = InfraRecovery.recover(clients);
            assertThat(report.completed()).isEmpty();
            assertThat(report.failed()).isEmpty();
        }
        assertThat(none).doesNotExist();
    }

    @Test
    void aTornLastLineIsIgnored() throws Exception {
        deadProcessFile(recordLine("a", "ssm:cancel-command"), "{\"op\":\"record\",\"id\":\"b\",\"rec");
        try (FileRevertJournal journal = FileRevertJournal.open(dir)) {
            assertThat(journal.pendingOfDeadOwners()).extracting(RevertRecord::id).containsExactly("a");
            journal.release();
        }
    }

    @Test
    void aFileWhoseLockIsHeldIsNotTouched() throws Exception {
        Path file = deadProcessFile(recordLine("a", "ssm:cancel-command"));
        try (FileChannel holder = FileChannel.open(file, StandardOpenOption.WRITE);
                FileRevertJournal journal = FileRevertJournal.open(dir)) {
            assertThat(holder.lock().isValid()).isTrue();
            assertThat(journal.pendingOfDeadOwners()).as("its process is alive").isEmpty();
            journal.release();
        }
        assertThat(file).exists();
    }

    @Test
    void twoRecoveriesNeverGetTheSameRecord() throws Exception {
        deadProcessFile(recordLine("a", "ssm:cancel-command"));
        try (FileRevertJournal journal = FileRevertJournal.open(dir)) {
            assertThat(journal.pendingOfDeadOwners()).hasSize(1);
            try (FileChannel other = FileChannel.open(dir.resolve("revert-999999999-1.jsonl"),
                    StandardOpenOption.WRITE)) {
                assertThat(other.tryLock()).as("the claim holds the file's lock").isNull();
            } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
                // the JVM reports a lock it holds itself this way: held, as expected
            }
            journal.release();
        }
    }
}
