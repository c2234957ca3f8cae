package dev.fisengine.aws.infra;

import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.aws.infra.internal.Reverts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the reverts that a crashed process left pending in the revert journal: every pending revert of a
 * process that is no longer running is run once (reverts are idempotent), newest first, and marked done; what it did
 * is returned and logged. Reverts of processes still running are never touched, and two recoveries running at once
 * (two engines starting, {@code fis recover} in a second terminal) never run the same revert: the journal hands each
 * record to one of them ({@link RevertJournal#pendingOfDeadOwners}).
 */
public final class InfraRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(InfraRecovery.class);

    private InfraRecovery() {}

    /**
     * The engine-start hook: recovers the pending reverts of the engine's journal (its {@link InfraSettings}
     * component, else the environment's), with its clients. Never throws for a failed revert: it is reported. When
     * the default journal's directory does not exist (no infrastructure action ever ran), returns an empty report at
     * once and creates nothing. May call AWS (one call or a few per pending revert), so it can take seconds.
     */
    public static RecoveryReport recoverPendingReverts(FisRuntime runtime) {
        return recover(InfraClients.of(runtime));
    }

    /** Recovers the pending reverts of {@code clients}' journal with those clients. */
    public static RecoveryReport recover(InfraClients clients) {
        if (clients.settings().journal() == null
                && !Files.isDirectory(clients.settings().resolvedJournalDirectory())) {
            return new RecoveryReport(List.of(), List.of()); // no journal was ever written: nothing to do or create
        }
        RevertJournal journal = clients.journal();
        List<RecoveryReport.Item> completed = new ArrayList<>();
        List<RecoveryReport.Item> failed = new ArrayList<>();
        try {
            List<RevertRecord> pending = new ArrayList<>(journal.pendingOfDeadOwners());
            pending.sort(Comparator.comparing(RevertRecord::recordedAt,
                    Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
            for (RevertRecord record : pending) {
                try {
                    String outcome = Reverts.run(clients, record);
                    journal.complete(record.id(), outcome);
                    RecoveryReport.Item item = new RecoveryReport.Item(record, outcome);
                    completed.add(item);
                    LOG.info("recovered: reverted {}", item);
                } catch (Reverts.Impossible e) {
                    journal.complete(record.id(), "failed for good: " + e.getMessage());
                    RecoveryReport.Item item = new RecoveryReport.Item(record, "failed for good (not retried): "
                            + e.getMessage());
                    failed.add(item);
                    LOG.warn("recovery: revert cannot be completed: {}", item);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.add(new RecoveryReport.Item(record, "interrupted"));
                    break;
                } catch (Exception e) {
                    RecoveryReport.Item item = new RecoveryReport.Item(record, String.valueOf(e.getMessage()));
                    failed.add(item);
                    LOG.warn("recovery: revert failed, left pending: {}", item);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the revert journal failed: " + e.getMessage(), e);
        } finally {
            try {
                journal.release();
            } catch (IOException e) {
                LOG.warn("releasing the revert journal failed", e);
            }
        }
        return new RecoveryReport(completed, failed);
    }
}
