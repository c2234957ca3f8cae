package dev.fisengine.aws.infra.internal;

import dev.fisengine.aws.infra.InfraClients;
import dev.fisengine.aws.infra.RevertRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclAssociation;
import software.amazon.awssdk.services.ecs.model.UpdateContainerInstancesStateResponse;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AutomationExecutionStatus;
import software.amazon.awssdk.services.ssm.model.CommandStatus;

/**
 * The undos of the infrastructure actions, by {@link RevertRecord#kind()}: each idempotent (running it again after it
 * succeeded, or after a crash in the middle of it, changes nothing more), each returning a line saying what it did.
 * The same code runs at the end of an action and in recovery after a crash.
 */
public final class Reverts {
    public static final String EC2_START_INSTANCES = "ec2:start-instances";
    public static final String ECS_ACTIVATE_CONTAINER_INSTANCES = "ecs:activate-container-instances";
    public static final String EC2_RESTORE_NETWORK_ACL = "ec2:restore-network-acl";
    public static final String SSM_CANCEL_COMMAND = "ssm:cancel-command";
    public static final String SSM_STOP_AUTOMATION = "ssm:stop-automation-execution";

    /** The tag key that marks a network ACL this engine created, with the revert record id as value. */
    public static final String NACL_MARKER_TAG = "fisengine:revert-id";

    private Reverts() {}

    /** Runs the undo of {@code record}; throws when it could not be completed (it stays pending). */
    public static String run(InfraClients clients, RevertRecord record) throws Exception {
        Region region = clients.regionOr(record.region());
        Map<String, String> d = record.data();
        return switch (record.kind()) {
            case EC2_START_INSTANCES -> startInstances(clients, region, list(d.get("instanceIds")),
                    Boolean.parseBoolean(d.get("completeIfInstancesTerminated")));
            case ECS_ACTIVATE_CONTAINER_INSTANCES -> activate(clients, region, d.get("cluster"),
                    list(d.get("containerInstances")));
            case EC2_RESTORE_NETWORK_ACL -> restoreNetworkAcl(clients.ec2(region), d.get("subnetId"),
                    d.get("originalNetworkAclId"), record.id());
            case SSM_CANCEL_COMMAND -> d.get("commandId") == null ? "no command to cancel (it was never sent)"
                    : cancelCommand(clients.ssm(region), d.get("commandId"));
            case SSM_STOP_AUTOMATION -> d.get("automationExecutionId") == null
                    ? "no automation execution to stop (it was never started)"
                    : stopAutomation(clients.ssm(region), d.get("automationExecutionId"));
            default -> throw new IllegalStateException("unknown revert kind '" + record.kind() + "' (record "
                    + record.id() + " of " + record.actionId() + "); a newer version of fis-actions-aws-infra "
                    + "wrote it");
        };
    }

    /**
     * A revert that did all it could and can never do more (e.g. the instances to start were terminated): it fails
     * the action, but is marked done in the journal, so recovery does not retry it forever.
     */
    public static final class Impossible extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public Impossible(String message) {
            super(message);
        }
    }

    static List<String> list(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }

    // ---- EC2 instances --------------------------------------------------------------------------------------------

    static String startInstances(InfraClients clients, Region region, List<String> ids, boolean completeIfTerminated)
            throws Exception {
        Ec2Client ec2 = clients.ec2(region);
        Duration poll = clients.settings().pollInterval();
        long deadline = System.nanoTime() + clients.settings().maxWait().toNanos();
        while (true) {
            Interrupts.check();
            List<String> stopped = new ArrayList<>();
            List<String> stopping = new ArrayList<>();
            List<String> gone = new ArrayList<>(ids);
            List<String> running = new ArrayList<>();
            for (var page : ec2.describeInstancesPaginator(r -> r.filters(
                    Filter.builder().name("instance-id").values(ids).build()))) {
                for (var res : page.reservations()) {
                    for (Instance i : res.instances()) {
                        InstanceStateName s = i.state().name();
                        if (s == InstanceStateName.TERMINATED || s == InstanceStateName.SHUTTING_DOWN) {
                            continue;
                        }
                        gone.remove(i.instanceId());
                        if (s == InstanceStateName.STOPPED) {
                            stopped.add(i.instanceId());
                        } else if (s == InstanceStateName.STOPPING) {
                            stopping.add(i.instanceId());
                        } else {
                            running.add(i.instanceId());
                        }
                    }
                }
            }
            if (stopping.isEmpty()) {
                if (!stopped.isEmpty()) {
                    ec2.startInstances(r -> r.instanceIds(stopped));
                }
                String outcome = "started " + stopped + (running.isEmpty() ? "" : ", already running " + running)
                        + (gone.isEmpty() ? "" : ", terminated " + gone);
                if (!gone.isEmpty() && !completeIfTerminated) {
                    throw new Impossible(outcome + ": instances " + gone + " were terminated and cannot "
                            + "be restarted (completeIfInstancesTerminated is false)");
                }
                return outcome;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("instances " + stopping + " still stopping after "
                        + clients.settings().maxWait() + "; cannot start them yet");
            }
            Interrupts.pause(poll);
        }
    }

    // ---- ECS ------------------------------------------------------------------------------------------------------

    static String activate(InfraClients clients, Region region, String cluster, List<String> containerInstances)
            throws InterruptedException {
        List<String> missing = new ArrayList<>();
        int activated = 0;
        for (List<String> chunk : Resolvers.chunks(containerInstances, 10)) {
            Interrupts.check();
            UpdateContainerInstancesStateResponse resp = clients.ecs(region).updateContainerInstancesState(r -> r
                    .cluster(cluster).containerInstances(chunk).status("ACTIVE"));
            activated += resp.containerInstances().size();
            resp.failures().forEach(f -> missing.add(f.arn() + " (" + f.reason() + ")"));
        }
        return "set " + activated + " container instances of " + cluster + " ACTIVE"
                + (missing.isEmpty() ? "" : "; not found: " + missing);
    }

    // ---- network ACLs ---------------------------------------------------------------------------------------------

    static String restoreNetworkAcl(Ec2Client ec2, String subnetId, String originalAclId, String marker)
            throws InterruptedException {
        StringBuilder outcome = new StringBuilder();
        NetworkAcl current = aclOfSubnet(ec2, subnetId);
        if (current == null) {
            outcome.append("subnet ").append(subnetId).append(" has no network ACL association (deleted?)");
        } else if (current.networkAclId().equals(originalAclId)) {
            outcome.append("subnet ").append(subnetId).append(" already associated with ").append(originalAclId);
        } else {
            String associationId = current.associations().stream().filter(a -> subnetId.equals(a.subnetId()))
                    .map(NetworkAclAssociation::networkAclAssociationId).findFirst().orElseThrow();
            ec2.replaceNetworkAclAssociation(r -> r.associationId(associationId).networkAclId(originalAclId));
            outcome.append("re-associated subnet ").append(subnetId).append(" with ").append(originalAclId);
        }
        Interrupts.check();
        List<String> deleted = new ArrayList<>();
        for (var page : ec2.describeNetworkAclsPaginator(r -> r.filters(
                Filter.builder().name("tag:" + NACL_MARKER_TAG).values(marker).build()))) {
            for (NetworkAcl acl : page.networkAcls()) {
                boolean stillUsed = acl.associations().stream().anyMatch(a -> a.subnetId() != null);
                if (!stillUsed) {
                    ec2.deleteNetworkAcl(r -> r.networkAclId(acl.networkAclId()));
                    deleted.add(acl.networkAclId());
                }
            }
        }
        outcome.append(deleted.isEmpty() ? "; no cloned network ACL left" : "; deleted cloned network ACL "
                + String.join(", ", deleted));
        return outcome.toString();
    }

    static NetworkAcl aclOfSubnet(Ec2Client ec2, String subnetId) {
        return ec2.describeNetworkAcls(r -> r.filters(Filter.builder().name("association.subnet-id")
                .values(subnetId).build())).networkAcls().stream().findFirst().orElse(null);
    }

    // ---- SSM ------------------------------------------------------------------------------------------------------

    static String cancelCommand(SsmClient ssm, String commandId) {
        var commands = ssm.listCommands(r -> r.commandId(commandId)).commands();
        if (commands.isEmpty()) {
            return "command " + commandId + " not found";
        }
        CommandStatus status = commands.get(0).status();
        if (status == CommandStatus.PENDING || status == CommandStatus.IN_PROGRESS) {
            ssm.cancelCommand(r -> r.commandId(commandId));
            return "cancelled command " + commandId + " (was " + status + ")";
        }
        return "command " + commandId + " already " + status;
    }

    static String stopAutomation(SsmClient ssm, String executionId) {
        AutomationExecutionStatus status = ssm.getAutomationExecution(r -> r.automationExecutionId(executionId))
                .automationExecution().automationExecutionStatus();
        if (status == AutomationExecutionStatus.PENDING || status == AutomationExecutionStatus.IN_PROGRESS
                || status == AutomationExecutionStatus.WAITING) {
            ssm.stopAutomationExecution(r -> r.automationExecutionId(executionId));
            return "stopped automation execution " + executionId + " (was " + status + ")";
        }
        return "automation execution " + executionId + " already " + status;
    }
}
