package dev.fisengine.aws.infra;

import java.io.IOException;
import java.util.List;

/**
 * Where infrastructure actions record what they must undo, before they change anything, so that a crash of the JVM
 * (kill -9, power loss) never loses a revert. The default is {@link FileRevertJournal}; an application may keep the
 * journal elsewhere (a database table) by registering its own in {@link InfraSettings#journal()}.
 *
 * <p>Contract: {@link #record} and {@link #complete} are durable when they return (after a crash the record is
 * {@linkplain #pendingOfDeadOwners pending} exactly until its completion was written). Implementations are
 * thread-safe.
 */
public interface RevertJournal extends AutoCloseable {
    /** Durably records an undo that has not run yet. */
    void record(RevertRecord record) throws IOException;

    /** Durably adds data to a pending record (e.g. the id of a command that was just sent). */
    void update(String id, java.util.Map<String, String> data) throws IOException;

    /** Durably marks a record as done, with what its undo did. Completing a completed record does nothing. */
    void complete(String id, String outcome) throws IOException;

    /**
     * Claims and returns the pending records of processes that are no longer running: every record returned is
     * returned to one caller only, until {@link #release} or the caller's process ends. Records of engines of this
     * process that are still open are never returned (those engines revert them themselves); records an engine of
     * this process left pending when it closed (its revert failed) are.
     */
    List<RevertRecord> pendingOfDeadOwners() throws IOException;

    /** Gives back the claim on records {@link #pendingOfDeadOwners} returned (after recovery ran them). */
    void release() throws IOException;

    @Override
    default void close() throws IOException {}
}
