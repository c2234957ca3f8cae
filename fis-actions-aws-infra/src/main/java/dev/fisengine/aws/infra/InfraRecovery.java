package dev.fisengine.aws.infra;

import dev.fisengine.api.spi.EngineStartHook;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.aws.infra.internal.Reverts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * Completes the reverts that a crashed process left pending in the revert journal: every pending revert of a
 * process that is no longer running is run once (reverts are idempotent), newest first, and marked done; what it did
 * is returned and logged. Reverts of processes still running are never touched, and two recoveries running at once
 * (two engines starting, {@code fis recover} in a second terminal) never run the same revert: the journal hands each
 * record to one of them ({@link RevertJournal#pendingOfDeadOwners}).
 *
 * <p>It runs by itself when an engine starts ({@link StartHook}), and from {@code fis recover}.
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

    /**
     * What the recovery run when {@code runtime}'s engine started ({@link StartHook}) did; empty when it did not run
     * (turned off, no journal was ever written, or it has not finished).
     */
    public static Optional<RecoveryReport> atStart(FisRuntime runtime) {
        return Optional.ofNullable(runtime.component(AtStart.class, r -> new AtStart()).report);
    }

    /** Holds {@link #atStart}'s report: an engine component. */
    static final class AtStart {
        volatile RecoveryReport report;
    }

    /**
     * The engine-start hook of this module (listed in {@code META-INF/services/dev.fisengine.api.spi.EngineStartHook}):
     * when an engine starts, before it accepts experiments, completes the reverts that crashed processes left pending
     * in the engine's journal ({@link #recoverPendingReverts}), logs what it did, and keeps the report for
     * {@link #atStart}. On by default, because it undoes changes a crash left behind; off with
     * {@code InfraSettings.recoverAtStart(false)}, {@code -Dfisengine.infra.recoverAtStart=false} or
     * {@code FISENGINE_RECOVER_AT_START=false}. Does nothing (creates no directory, calls nothing) when no journal
     * was ever written. Bounded by the engine's {@code Deadlines.startHook()}: a revert still running then is
     * interrupted, and what is left stays pending for the next start or {@code fis recover}.
     */
    public static final class StartHook implements EngineStartHook {
        @Override
        public String name() {
            return "revert journal recovery (fis-actions-aws-infra)";
        }

        @Override
        public void onEngineStart(FisRuntime runtime) {
            InfraClients clients = InfraClients.of(runtime);
            if (!clients.settings().recoverAtStartEnabled()) {
                LOG.debug("engine {}: recovery of pending reverts at start is off", runtime.runtimeId());
                return;
            }
            RecoveryReport report = recover(clients);
            runtime.component(AtStart.class, r -> new AtStart()).report = report;
            if (!report.completed().isEmpty() || !report.failed().isEmpty()) {
                LOG.info("engine {} started: recovered {} pending revert(s) a crashed process left, {} failed "
                        + "(left pending for the next start or `fis recover`)", runtime.runtimeId(),
                        report.completed().size(), report.failed().size());
            }
        }
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
                    if (Thread.currentThread().isInterrupted() || e instanceof AbortedException) {
                        failed.add(new RecoveryReport.Item(record, "interrupted (left pending)"));
                        break; // the engine's start-hook deadline passed: the rest stays pending
                    }
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
