package dev.fisengine.aws.infra;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One undo an action recorded in the {@link RevertJournal} before it changed anything: what to call to put the
 * resources back ({@code kind} and {@code data}), and where it came from.
 *
 * @param id unique id of the record
 * @param owner the process that recorded it ({@code pid@startInstant}); recovery completes only records of owners
 *     that are no longer running
 * @param experimentId the experiment
 * @param actionName the action's name in the template
 * @param actionId e.g. {@code aws:ec2:stop-instances}
 * @param kind the undo, e.g. {@code ec2:start-instances}; see {@code docs/infrastructure-actions.md}
 * @param region the AWS region of the resources
 * @param data what the undo needs (instance ids, the original network ACL, ...), as strings
 * @param recordedAt when it was recorded
 */
public record RevertRecord(
        String id, String owner, String experimentId, String actionName, String actionId, String kind,
        String region, Map<String, String> data, Instant recordedAt) {
    public RevertRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /** A copy with {@code more} added to the data (later values win). */
    public RevertRecord withData(Map<String, String> more) {
        java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(data);
        merged.putAll(more);
        return new RevertRecord(id, owner, experimentId, actionName, actionId, kind, region, merged, recordedAt);
    }
}
