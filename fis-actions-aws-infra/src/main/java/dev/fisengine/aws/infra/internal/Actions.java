package dev.fisengine.aws.infra.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisengine.api.spi.ActionMonitor;
import dev.fisengine.api.spi.TargetResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Command;
import software.amazon.awssdk.services.ssm.model.CommandInvocation;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.CommandStatus;

/**
 * The actions of this module, one small class per {@code actionId}, listed in
 * {@code META-INF/services/dev.fisengine.api.spi.ActionProvider} by binary name ({@code Actions$Ec2StopInstances}).
 * Each makes the API calls AWS FIS documents for the action; see {@code docs/infrastructure-actions.md}.
 */
public final class Actions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Actions() {}

    /** Every action of this module, new instances. */
    public static List<InfraAction> all() {
        return List.of(new Ec2StopInstances(), new Ec2RebootInstances(), new Ec2TerminateInstances(),
                new EcsStopTask(), new EcsDrainContainerInstances(), new RdsFailoverDbCluster(),
                new RdsRebootDbInstances(), new SsmSendCommand(), new SsmStartAutomationExecution(),
                new NetworkDisruptConnectivity(), new EksTerminateNodegroupInstances());
    }

    /** Calls {@code call} with each region's EC2 client and the ids of the action's instances there. */
    static void eachRegion(InfraAction.Run run, Ec2Call call) throws Exception {
        for (Map.Entry<Region, List<Arn>> e : run.targets("Instances", "ec2").entrySet()) {
            Ec2Client ec2 = run.clients.ec2(e.getKey());
            run.requireChangesAllowed(ec2, e.getKey());
            Interrupts.check();
            call.apply(ec2, ids(e.getValue()));
        }
    }

    /** One EC2 call on a region's instances. */
    @FunctionalInterface
    interface Ec2Call {
        void apply(Ec2Client ec2, List<String> instanceIds) throws Exception;
    }

    /** The dry run of an action that makes {@code call} on each region's instances. */
    static void planEachRegion(InfraAction.Run run, List<String> calls, String call) {
        for (Map.Entry<Region, List<Arn>> e : run.targets("Instances", "ec2").entrySet()) {
            calls.add(call + " " + csv(ids(e.getValue())) + in(e.getKey()) + run.refusal(run.clients.ec2(e.getKey()),
                    e.getKey()));
        }
    }

    /** {@code " (us-east-1)"}. */
    static String in(Region region) {
        return " (" + region.id() + ")";
    }

    /** How a dry run says when a revert runs: {@code "at the end (duration PT5M) or on stop: "}. */
    static String atTheEnd(InfraAction.Run run, dev.fisengine.api.spi.ActionDescriptor d) {
        String p = d.durationParameter();
        String v = p == null ? null : run.context.parameter(p);
        return "at the end" + (v == null ? "" : " (" + p + " " + v + ")") + " or on stop: ";
    }

    /** The cluster of an ECS task: its {@code clusterArn}, else the one in its ARN, else {@code default}. */
    static String clusterOf(TargetResource t, Arn arn) {
        String cluster = t.targetInformation().get("clusterArn");
        if (cluster == null || cluster.equals("null")) {
            String[] parts = arn.resource().split("/");
            cluster = parts.length == 3 ? parts[1] : "default";
        }
        return cluster;
    }

    static List<String> ids(List<Arn> arns) {
        return arns.stream().map(Arn::lastId).toList();
    }

    // ---- EC2 ------------------------------------------------------------------------------------------------------

    /**
     * {@code aws:ec2:stop-instances}: {@code StopInstances}; with {@code startInstancesAfterDuration}, the
     * instances are started again ({@code StartInstances}) when it elapses or the experiment stops, the undo recorded
     * before they are stopped.
     */
    public static final class Ec2StopInstances extends InfraAction {
        public Ec2StopInstances() {
            super("aws:ec2:stop-instances");
        }

        @Override
        protected void run(Run run) throws Exception {
            boolean restart = run.context.parameter("startInstancesAfterDuration") != null;
            String completeIfTerminated = String.valueOf(
                    Boolean.parseBoolean(run.context.parameter("completeIfInstancesTerminated")));
            for (Map.Entry<Region, List<Arn>> e : run.targets("Instances", "ec2").entrySet()) {
                Ec2Client ec2 = run.clients.ec2(e.getKey());
                run.requireChangesAllowed(ec2, e.getKey());
                List<String> ids = ids(e.getValue());
                if (restart) {
                    run.recordUndo(Reverts.EC2_START_INSTANCES, e.getKey(), Map.of("instanceIds",
                            String.join(",", ids), "completeIfInstancesTerminated", completeIfTerminated));
                }
                Interrupts.check();
                ec2.stopInstances(r -> r.instanceIds(ids));
                run.context.log().info("stopped instances " + ids + (restart ? "; they are started again when "
                        + "startInstancesAfterDuration elapses" : ""));
            }
        }

        @Override
        protected void plan(Run run, List<String> calls) {
            String after = run.context.parameter("startInstancesAfterDuration");
            for (Map.Entry<Region, List<Arn>> e : run.targets("Instances", "ec2").entrySet()) {
                String ids = csv(ids(e.getValue()));
                calls.add("ec2:StopInstances " + ids + in(e.getKey()) + run.refusal(run.clients.ec2(e.getKey()),
                        e.getKey()));
                if (after != null) {
                    calls.add("after " + after + " (startInstancesAfterDuration) or on stop: ec2:DescribeInstances "
                            + ids + " until stopped, then ec2:StartInstances " + ids + in(e.getKey()));
                }
            }
        }
    }

    /** {@code aws:ec2:reboot-instances}: {@code RebootInstances}; nothing to revert. */
    public static final class Ec2RebootInstances extends InfraAction {
        public Ec2RebootInstances() {
            super("aws:ec2:reboot-instances");
        }

        @Override
        protected void run(Run run) throws Exception {
            eachRegion(run, (ec2, ids) -> {
                ec2.rebootInstances(r -> r.instanceIds(ids));
                run.context.log().info("rebooted instances " + ids);
            });
        }

        @Override
        protected void plan(Run run, List<String> calls) {
            planEachRegion(run, calls, "ec2:RebootInstances");
        }
    }

    /** {@code aws:ec2:terminate-instances}: {@code TerminateInstances}; not reversible. */
    public static final class Ec2TerminateInstances extends InfraAction {
        public Ec2TerminateInstances() {
            super("aws:ec2:terminate-instances");
        }

        @Override
        protected void run(Run run) throws Exception {
            eachRegion(run, (ec2, ids) -> {
                ec2.terminateInstances(r -> r.instanceIds(ids));
                run.context.log().info("terminated instances " + ids);
            });
        }

        @Override
        protected void plan(Run run, List<String> calls) {
            planEachRegion(run, calls, "ec2:TerminateInstances");
        }
    }

    // ---- ECS ------------------------------------------------------------------------------------------------------

    /** {@code aws:ecs:stop-task}: {@code StopTask} for each target task; not reversible. */
    public static final class EcsStopTask extends InfraAction {
        public EcsStopTask() {
            super("aws:ecs:stop-task");
        }

        @Override
        protected void run(Run run) throws Exception {
            for (TargetResource t : run.context.targets().getOrDefault("Tasks", List.of())) {
                Arn arn = Arn.parse(t.arn(), "ecs");
                Region region = run.clients.regionOr(arn.region());
                String cluster = clusterOf(t, arn);
                EcsClient ecs = run.clients.ecs(region);
                run.requireChangesAllowed(ecs, region);
                Interrupts.check();
                String c = cluster;
                ecs.stopTask(r -> r.cluster(c).task(t.arn()).reason("Stopped by AWS FIS experiment "
                        + run.context.experimentId() + " (action " + run.context.actionName() + ")"));
                run.context.log().info("stopped task " + t.arn());
            }
        }

        @Override
        protected void plan(Run run, List<String> calls) {
            for (TargetResource t : run.context.targets().getOrDefault("Tasks", List.of())) {
                Arn arn = Arn.parse(t.arn(), "ecs");
                Region region = run.clients.regionOr(arn.region());
                calls.add("ecs:StopTask cluster=" + clusterOf(t, arn) + " task=" + t.arn() + in(region)
                        + run.refusal(run.clients.ecs(region), region));
            }
        }
    }

    /**
     * {@code aws:ecs:drain-container-instances}: sets {@code drainagePercentage} % of each cluster's ACTIVE container
     * instances (rounded up, chosen at random, seeded by the experiment) to DRAINING, and back to ACTIVE at the end;
     * the undo is recorded before.
     */
    public static final class EcsDrainContainerInstances extends InfraAction {
        public EcsDrainContainerInstances() {
            super("aws:ecs:drain-container-instances");
        }

        @Override
        protected void run(Run run) throws Exception {
            int percentage = (int) Double.parseDouble(run.context.parameter("drainagePercentage"));
            for (TargetResource t : run.context.targets().getOrDefault("Clusters", List.of())) {
                Arn arn = Arn.parse(t.arn(), "ecs");
                Region region = run.clients.regionOr(arn.region());
                EcsClient ecs = run.clients.ecs(region);
                run.requireChangesAllowed(ecs, region);
                List<String> active = new ArrayList<>();
                for (var page : ecs.listContainerInstancesPaginator(r -> r.cluster(t.arn())
                        .status(ContainerInstanceStatus.ACTIVE))) {
                    Interrupts.check();
                    active.addAll(page.containerInstanceArns());
                }
                int n = (int) Math.ceil(active.size() * percentage / 100.0);
                List<String> chosen = new ArrayList<>(active);
                Collections.sort(chosen);
                Collections.shuffle(chosen, new Random((run.context.experimentId() + t.arn()).hashCode()));
                List<String> drain = List.copyOf(chosen.subList(0, n));
                if (drain.isEmpty()) {
                    run.context.log().warn("cluster " + t.arn() + " has no ACTIVE container instance to drain");
                    continue;
                }
                run.recordUndo(Reverts.ECS_ACTIVATE_CONTAINER_INSTANCES, region,
                        Map.of("cluster", t.arn(), "containerInstances", String.join(",", drain)));
                for (List<String> chunk : Resolvers.chunks(drain, 10)) {
                    Interrupts.check();
                    ecs.updateContainerInstancesState(r -> r.cluster(t.arn()).containerInstances(chunk)
                            .status(ContainerInstanceStatus.DRAINING));
                }
                run.context.log().info("set " + drain.size() + " of " + active.size() + " container instances of "
                        + t.arn() + " DRAINING");
            }
        }

        @Override
        protected void plan(Run run, List<String> calls) {
            String percentage = run.context.parameter("drainagePercentage");
            for (TargetResource t : run.context.targets().getOrDefault("Clusters", List.of())) {
                Region region = run.clients.regionOr(Arn.parse(t.arn(), "ecs").region());
                calls.add("ecs:ListContainerInstances cluster=" + t.arn() + " status=ACTIVE" + in(region));
                calls.add("ecs:UpdateContainerInstancesState status=DRAINING on " + percentage + " % of them "
                        + "(rounded up, chosen at random, seeded by the experiment)" + run.refusal(
                        run.clients.ecs(region), region));
                calls.add(atTheEnd(run, descriptor()) + "ecs:UpdateContainerInstancesState status=ACTIVE on the same "
                        + "container instances");
            }
        }
    }

    // ---- RDS ------------------------------------------------------------------------------------------------------

    /** {@code aws:rds:failover-db-cluster}: {@code FailoverDBCluster}; not reversible. */
    public static final class RdsFailoverDbCluster extends InfraAction {
        public RdsFailoverDbCluster() {
            super("aws:rds:failover-db-cluster");
        }

        @Override
        protected void run(Run run) throws Exception {
            for (Map.Entry<Region, List<Arn>> e : run.targets("Clusters", "rds").entrySet()) {
                var rds = run.clients.rds(e.getKey());
                run.requireChangesAllowed(rds, e.getKey());
                for (Arn a : e.getValue()) {
                    Interrupts.check();
                    rds.failoverDBCluster(r -> r.dbClusterIdentifier(a.lastId()));
                    run.context.log().info("failed over DB cluster " + a.arn());
                }
            }
        }

        @Override
        protected void plan(Run run, List<String> calls) {
            for (Map.Entry<Region, List<Arn>> e : run.targets("Clusters", "rds").entrySet()) {
                String refusal = run.refusal(run.clients.rds(e.getKey()), e.getKey());
                for (Arn a : e.getValue()) {
                    calls.add("rds:FailoverDBCluster " + a.lastId() + in(e.getKey()) + refusal);
                }
            }
        }
    }

    /** {@code aws:rds:reboot-db-instances}: {@code RebootDBInstance} with {@code forceFailover}; not reversible. */
    public static final class RdsRebootDbInstances extends InfraAction {
        public RdsRebootDbInstances() {
            super("aws:rds:reboot-db-instances");
        }

        @Override
        protected void run(Run run) throws Exception {
            boolean forceFailover = Boolean.parseBoolean(run.context.parameter("forceFailover"));
            for (Map.Entry<Region, List<Arn>> e : run.targets("DBInstances", "rds").entrySet()) {
                var rds = run.clients.rds(e.getKey());
                run.requireChangesAllowed(rds, e.getKey());
                for (Arn a : e.getValue()) {
                    Interrupts.check();
                    rds.rebootDBInstance(r -> r.dbInstanceIdentifier(a.lastId()).forceFailover(forceFailover));
                    run.context.log().info("rebooted DB instance " + a.arn()
                            + (forceFailover ? " with failover" : ""));
                }
            }
        }

        @Override
        protected void plan(Run run, List<String> calls) {
            boolean forceFailover = Boolean.parseBoolean(run.context.parameter("forceFailover"));
            for (Map.Entry<Region, List<Arn>> e : run.targets("DBInstances", "rds").entrySet()) {
                String refusal = run.refusal(run.clients.rds(e.getKey()), e.getKey());
                for (Arn a : e.getValue()) {
                    calls.add("rds:RebootDBInstance " + a.lastId() + " forceFailover=" + forceFailover
                            + in(e.getKey()) + refusal);
                }
            }
        }
    }

    // ---- SSM ------------------------------------------------------------------------------------------------------

    /** The document name or ARN as {@code SendCommand}/{@code StartAutomationExecution} take it. */
    static String documentName(String documentArn) {
        if (documentArn.startsWith("arn:")) {
            Arn arn = Arn.parse(documentArn, "ssm");
            String resource = arn.resource();
            String name = resource.startsWith("document/") ? resource.substring("document/".length()) : resource;
            // AWS-owned documents (no account in the ARN) are called by name; shared ones by ARN
            return arn.account().isEmpty() ? name : documentArn;
        }
        return documentArn;
    }

    /** {@code documentParameters}: a JSON object of string or string-list values. */
    static Map<String, List<String>> documentParameters(InfraAction.Run run) throws Exception {
        String json = run.context.parameter("documentParameters");
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        JsonNode node = JSON.readTree(json);
        if (!node.isObject()) {
            throw new IllegalArgumentException(run.where + ": documentParameters is not a JSON object: " + json);
        }
        for (var f : node.properties()) {
            List<String> values = new ArrayList<>();
            if (f.getValue().isArray()) {
                f.getValue().forEach(v -> values.add(v.isTextual() ? v.asText() : v.toString()));
            } else {
                values.add(f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
            }
            out.put(f.getKey(), values);
        }
        return out;
    }

    /**
     * {@code aws:ssm:send-command}: {@code SendCommand} of the document to the target instances (one command per
     * region), then, as AWS FIS does, the action's state follows the command's: it is checked ({@code ListCommands})
     * every {@code InfraSettings.pollInterval} on the engine's clock, and the action completes when every command
     * succeeded, and fails when one failed, timed out or was cancelled (the failing instances named, from
     * {@code ListCommandInvocations} when the role may call it). A command still pending or in progress when the
     * action ends (its duration elapsed or the experiment stopped) is cancelled ({@code CancelCommand}). The undo is
     * recorded before the command is sent, and its id added once known.
     */
    public static final class SsmSendCommand extends InfraAction {
        public SsmSendCommand() {
            super("aws:ssm:send-command");
        }

        @Override
        protected void run(Run run) throws Exception {
            String document = documentName(run.context.parameter("documentArn"));
            String version = run.context.parameter("documentVersion");
            Map<String, List<String>> parameters = documentParameters(run);
            Map<String, Region> commands = new LinkedHashMap<>();
            for (Map.Entry<Region, List<Arn>> e : run.targets("Instances", "ec2").entrySet()) {
                SsmClient ssm = run.clients.ssm(e.getKey());
                run.requireChangesAllowed(ssm, e.getKey());
                InfraAction.Undo undo = run.recordUndo(Reverts.SSM_CANCEL_COMMAND, e.getKey(), Map.of());
                Interrupts.check();
                String commandId = ssm.sendCommand(r -> {
                    r.documentName(document).instanceIds(ids(e.getValue())).parameters(parameters)
                            .comment("AWS FIS experiment " + run.context.experimentId());
                    if (version != null) {
                        r.documentVersion(version);
                    }
                }).command().commandId();
                undo.update(Map.of("commandId", commandId));
                commands.put(commandId, e.getKey());
                run.context.log().info("sent command " + commandId + " (" + document + ") to "
                        + ids(e.getValue()));
            }
            if (!commands.isEmpty()) {
                run.context.monitor(run.clients.settings().pollInterval(), () -> {
                    try {
                        return commandState(run, commands);
                    } catch (SdkException e) {
                        throw new IllegalStateException(run.where + ": checking SSM commands " + commands.keySet()
                                + ": " + e.getMessage(), e);
                    }
                });
            }
        }

        /** The action's state as its commands' statuses make it. */
        static ActionMonitor.Result commandState(Run run, Map<String, Region> commands) {
            boolean allDone = true;
            for (Map.Entry<String, Region> c : commands.entrySet()) {
                SsmClient ssm = run.clients.ssm(c.getValue());
                List<Command> found = ssm.listCommands(r -> r.commandId(c.getKey())).commands();
                if (found.isEmpty()) {
                    return ActionMonitor.Result.failed("SSM command " + c.getKey() + " was not found");
                }
                Command command = found.get(0);
                CommandStatus status = command.status();
                if (status == CommandStatus.SUCCESS) {
                    continue;
                }
                if (status == CommandStatus.PENDING || status == CommandStatus.IN_PROGRESS) {
                    allDone = false;
                    continue;
                }
                return ActionMonitor.Result.failed("SSM command " + c.getKey() + " (" + command.documentName()
                        + ") ended " + command.statusAsString()
                        + (command.statusDetails() == null || command.statusDetails().equals(command.statusAsString())
                                ? "" : " (" + command.statusDetails() + ")")
                        + failingInvocations(ssm, c.getKey()));
            }
            if (!allDone) {
                return ActionMonitor.Result.running();
            }
            run.context.log().info("commands " + commands.keySet() + " succeeded");
            return ActionMonitor.Result.completed("SSM commands " + commands.keySet() + " succeeded");
        }

        /** {@code ": i-1 Failed, i-2 TimedOut"}, or nothing when the invocations cannot be listed. */
        private static String failingInvocations(SsmClient ssm, String commandId) {
            try {
                List<String> failing = new ArrayList<>();
                for (CommandInvocation i : ssm.listCommandInvocations(r -> r.commandId(commandId))
                        .commandInvocations()) {
                    if (i.status() != CommandInvocationStatus.SUCCESS) {
                        failing.add(i.instanceId() + " " + i.statusAsString());
                    }
                }
                return failing.isEmpty() ? "" : ": " + String.join(", ", failing);
            } catch (SdkException e) {
                return ""; // ssm:ListCommandInvocations is not among the permissions AWS FIS documents
            }
        }

        @Override
        protected void plan(Run run, List<String> calls) throws Exception {
            String document = documentName(run.context.parameter("documentArn"));
            String version = run.context.parameter("documentVersion");
            Map<String, List<String>> parameters = documentParameters(run);
            for (Map.Entry<Region, List<Arn>> e : run.targets("Instances", "ec2").entrySet()) {
                calls.add("ssm:SendCommand document=" + document + (version == null ? "" : " version=" + version)
                        + " instances=" + csv(ids(e.getValue())) + " parameters=" + parameters + in(e.getKey())
                        + run.refusal(run.clients.ssm(e.getKey()), e.getKey()));
                calls.add(atTheEnd(run, descriptor()) + "ssm:ListCommands of the command, then ssm:CancelCommand if "
                        + "it is still pending or in progress");
            }
        }
    }

    /**
     * {@code aws:ssm:start-automation-execution}: {@code StartAutomationExecution}; an execution still running when
     * the action ends ({@code maxDuration} or the experiment stopped) is stopped ({@code StopAutomationExecution}).
     */
    public static final class SsmStartAutomationExecution extends InfraAction {
        public SsmStartAutomationExecution() {
            super("aws:ssm:start-automation-execution");
        }

        @Override
        protected void run(Run run) throws Exception {
            String document = documentName(run.context.parameter("documentArn"));
            String version = run.context.parameter("documentVersion");
            Map<String, List<String>> parameters = documentParameters(run);
            Region region = run.clients.regionOr(run.context.parameter("documentArn").startsWith("arn:")
                    ? Arn.parse(run.context.parameter("documentArn"), "ssm").region() : null);
            SsmClient ssm = run.clients.ssm(region);
            run.requireChangesAllowed(ssm, region);
            InfraAction.Undo undo = run.recordUndo(Reverts.SSM_STOP_AUTOMATION, region, Map.of());
            Interrupts.check();
            String id = ssm.startAutomationExecution(r -> {
                r.documentName(document).parameters(parameters);
                if (version != null) {
                    r.documentVersion(version);
                }
            }).automationExecutionId();
            undo.update(Map.of("automationExecutionId", id));
            run.context.log().info("started automation execution " + id + " (" + document + ")");
        }

        @Override
        protected void plan(Run run, List<String> calls) throws Exception {
            String documentArn = run.context.parameter("documentArn");
            String version = run.context.parameter("documentVersion");
            Region region = run.clients.regionOr(documentArn.startsWith("arn:")
                    ? Arn.parse(documentArn, "ssm").region() : null);
            calls.add("ssm:StartAutomationExecution document=" + documentName(documentArn)
                    + (version == null ? "" : " version=" + version) + " parameters=" + documentParameters(run)
                    + in(region) + run.refusal(run.clients.ssm(region), region));
            calls.add(atTheEnd(run, descriptor()) + "ssm:GetAutomationExecution, then ssm:StopAutomationExecution "
                    + "if it is still running");
        }
    }

    // ---- EKS ------------------------------------------------------------------------------------------------------

    /**
     * {@code aws:eks:terminate-nodegroup-instances}: {@code DescribeNodegroup}, its Auto Scaling groups'
     * {@code InService} instances, and {@code TerminateInstances} of {@code instanceTerminationPercentage} % of
     * them (rounded up, at random, seeded by the experiment); not reversible (the node group replaces them).
     */
    public static final class EksTerminateNodegroupInstances extends InfraAction {
        public EksTerminateNodegroupInstances() {
            super("aws:eks:terminate-nodegroup-instances");
        }

        @Override
        protected void run(Run run) throws Exception {
            int percentage = (int) Double.parseDouble(run.context.parameter("instanceTerminationPercentage"));
            for (TargetResource t : run.context.targets().getOrDefault("Nodegroups", List.of())) {
                Arn arn = Arn.parse(t.arn(), "eks");
                Region region = run.clients.regionOr(arn.region());
                String[] parts = arn.resource().split("/");
                if (parts.length < 3) {
                    throw new IllegalArgumentException(run.where + ": \"" + t.arn() + "\" is not a node group ARN");
                }
                Ec2Client ec2 = run.clients.ec2(region);
                run.requireChangesAllowed(ec2, region);
                Nodegroup group = run.clients.eks(region).describeNodegroup(r -> r.clusterName(parts[1])
                        .nodegroupName(parts[2])).nodegroup();
                List<String> asgNames = group.resources() == null ? List.of()
                        : group.resources().autoScalingGroups().stream().map(g -> g.name()).toList();
                List<String> instances = new ArrayList<>();
                if (!asgNames.isEmpty()) {
                    for (AutoScalingGroup g : run.clients.autoScaling(region).describeAutoScalingGroups(r -> r
                            .autoScalingGroupNames(asgNames)).autoScalingGroups()) {
                        // only the group's serving instances: one already terminating, pending or in standby
                        // is not a node to take away (and a second run must not pick a replaced one again)
                        g.instances().stream().filter(i -> "InService".equals(i.lifecycleStateAsString()))
                                .forEach(i -> instances.add(i.instanceId()));
                    }
                }
                int n = (int) Math.ceil(instances.size() * percentage / 100.0);
                Collections.sort(instances);
                Collections.shuffle(instances, new Random((run.context.experimentId() + t.arn()).hashCode()));
                List<String> chosen = List.copyOf(instances.subList(0, n));
                if (chosen.isEmpty()) {
                    run.context.log().warn("node group " + t.arn() + " has no instance to terminate");
                    continue;
                }
                Interrupts.check();
                ec2.terminateInstances(r -> r.instanceIds(chosen));
                run.context.log().info("terminated " + chosen.size() + " of " + instances.size()
                        + " instances of node group " + t.arn() + ": " + chosen);
            }
        }

        @Override
        protected void plan(Run run, List<String> calls) {
            String percentage = run.context.parameter("instanceTerminationPercentage");
            for (TargetResource t : run.context.targets().getOrDefault("Nodegroups", List.of())) {
                Arn arn = Arn.parse(t.arn(), "eks");
                Region region = run.clients.regionOr(arn.region());
                String[] parts = arn.resource().split("/");
                calls.add("eks:DescribeNodegroup cluster=" + (parts.length > 1 ? parts[1] : "?") + " nodegroup="
                        + (parts.length > 2 ? parts[2] : "?") + in(region));
                calls.add("autoscaling:DescribeAutoScalingGroups of the node group's Auto Scaling groups");
                calls.add("ec2:TerminateInstances of " + percentage + " % of their instances (rounded up, chosen at "
                        + "random, seeded by the experiment)" + run.refusal(run.clients.ec2(region), region));
            }
        }
    }

    static String csv(List<String> values) {
        return values.stream().collect(Collectors.joining(","));
    }
}
