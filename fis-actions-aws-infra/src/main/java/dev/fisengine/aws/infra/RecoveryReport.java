package dev.fisengine.aws.infra;

import java.util.List;

/**
 * What {@link InfraRecovery} did: each pending revert it completed and each it could not (those stay pending and
 * are tried again by the next recovery).
 *
 * @param completed the reverts that ran, with what each did
 * @param failed the reverts that failed, with the error
 */
public record RecoveryReport(List<Item> completed, List<Item> failed) {
    public RecoveryReport {
        completed = List.copyOf(completed);
        failed = List.copyOf(failed);
    }

    /** One revert and what came of it. */
    public record Item(RevertRecord record, String outcome) {
        @Override
        public String toString() {
            return record.kind() + " of action '" + record.actionName() + "' (" + record.actionId() + ") of experiment "
                    + record.experimentId() + " in " + record.region() + ": " + outcome;
        }
    }

    /** Whether nothing failed. */
    public boolean ok() {
        return failed.isEmpty();
    }

    /** One line per revert, completed then failed. */
    public List<String> lines() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        completed.forEach(i -> out.add("reverted " + i));
        failed.forEach(i -> out.add("FAILED " + i));
        return out;
    }
}
