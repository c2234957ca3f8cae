package dev.fisengine.aws.infra.internal;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.aws.catalog.AwsActionCatalog;
import dev.fisengine.aws.infra.FileRevertJournal;
import dev.fisengine.aws.infra.InfraClients;
import dev.fisengine.aws.infra.RevertRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/**
 * An AWS FIS action run through the AWS API. The descriptor is the catalog's ({@link AwsActionCatalog#action}), made
 * executable; {@link #order()} is {@value #ORDER}, so this provider wins over the catalog's description-only one.
 *
 * <p>An action that changes something it must undo calls {@link Run#recordUndo} before the change: the undo is
 * written to the revert journal (durably) and registered as the action's revert step, which runs it once and marks
 * it done in the journal. Failures name the action and the API error.
 */
public abstract class InfraAction implements ActionProvider {
    /** Above the catalog's description-only providers (-100) and the default (0). */
    public static final int ORDER = 100;

    private final ActionDescriptor descriptor;

    protected InfraAction(String actionId) {
        ActionDescriptor d = AwsActionCatalog.action(actionId).orElseThrow(() -> new IllegalArgumentException(
                actionId + " is not an action of the AWS FIS catalog"));
        this.descriptor = new ActionDescriptor(d.id(), d.description(), d.parameters(), d.targets(),
                d.durationParameter(), true, d.availableInAws(), d.deprecatedBy());
    }

    @Override
    public final ActionDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final int order() {
        return ORDER;
    }

    @Override
    public final void start(ActionContext context) throws Exception {
        String where = where(context, descriptor.id());
        InfraClients clients;
        try {
            clients = InfraClients.of(context.runtime()).forExperiment(context.experimentId(),
                    context.experimentRoleArn());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(where + ": " + e.getMessage(), e);
        }
        Run run = new Run(context, clients, descriptor.id());
        try {
            run(run);
        } catch (SdkException e) {
            throw new IllegalStateException(run.where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The dry run: the API calls {@link #run} would make, from the resolved targets and parameters alone. Makes no
     * call (not even the role's STS call); says when the real-AWS safety rule would refuse the action.
     */
    @Override
    public final List<String> plan(ActionContext context) throws Exception {
        Run run = new Run(context, InfraClients.of(context.runtime()), descriptor.id());
        List<String> calls = new ArrayList<>();
        plan(run, calls);
        return calls;
    }

    /** Does the action. */
    protected abstract void run(Run run) throws Exception;

    /** Adds to {@code calls} each API call {@link #run} would make, one line each, e.g. {@code ec2:StopInstances i-1}. */
    protected abstract void plan(Run run, List<String> calls) throws Exception;

    private static String where(ActionContext context, String actionId) {
        return "action '" + context.actionName() + "' (" + actionId + ")";
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + descriptor.id() + "]";
    }

    /** One start of the action: its context, the engine's clients, and the journal. */
    public static final class Run {
        public final ActionContext context;
        public final InfraClients clients;
        public final String actionId;
        /** {@code action 'name' (actionId)}, for messages. */
        public final String where;

        Run(ActionContext context, InfraClients clients, String actionId) {
            this.context = context;
            this.clients = clients;
            this.actionId = actionId;
            this.where = where(context, actionId);
        }

        /**
         * For a dry run: {@code ""} when changes through {@code client} are allowed, else a note that the real-AWS
         * safety rule would refuse them.
         */
        public String refusal(SdkClient client, Region region) {
            try {
                clients.requireChangesAllowed(client, region, where);
                return "";
            } catch (IllegalStateException e) {
                return " [refused without the real-AWS opt-in: " + client.serviceName() + " endpoint is AWS's]";
            }
        }

        /** The resources under {@code key}, as ARNs, grouped by region (in order). */
        public Map<Region, List<Arn>> targets(String key, String service) {
            Map<Region, List<Arn>> out = new LinkedHashMap<>();
            for (TargetResource r : context.targets().getOrDefault(key, List.of())) {
                Arn arn = Arn.parse(r.arn(), service);
                out.computeIfAbsent(clients.regionOr(arn.region()), k -> new ArrayList<>()).add(arn);
            }
            return out;
        }

        /** Fails unless changes through {@code client} are allowed (see {@link InfraClients#requireChangesAllowed}). */
        public void requireChangesAllowed(SdkClient client, Region region) {
            clients.requireChangesAllowed(client, region, where);
        }

        /**
         * Records the undo {@code kind} with {@code data} in the journal (durably) and registers it as a revert step;
         * call before the change it undoes.
         */
        public Undo recordUndo(String kind, Region region, Map<String, String> data) throws Exception {
            Interrupts.check();
            RevertRecord record = new RevertRecord(UUID.randomUUID().toString(), FileRevertJournal.OWNER,
                    context.experimentId(), context.actionName(), actionId, kind, region.id(), data, Instant.now());
            clients.journal().record(record);
            Undo undo = new Undo(clients, record);
            context.onRevert(() -> {
                String outcome = undo.revert();
                context.log().info("reverted: " + outcome);
            });
            return undo;
        }
    }

    /** A recorded undo: its current data, and the revert that runs it and marks it done. */
    public static final class Undo {
        private final InfraClients clients;
        private final AtomicReference<RevertRecord> record;

        Undo(InfraClients clients, RevertRecord record) {
            this.clients = clients;
            this.record = new AtomicReference<>(record);
        }

        public RevertRecord record() {
            return record.get();
        }

        /** Durably adds {@code data} (e.g. the id of what was just created). */
        public void update(Map<String, String> data) throws Exception {
            clients.journal().update(record.get().id(), data);
            record.set(record.get().withData(data));
        }

        /** Runs the undo (idempotent) and marks it done; a failure leaves it pending for recovery. */
        String revert() throws Exception {
            RevertRecord r = record.get();
            String outcome;
            try {
                outcome = Reverts.run(clients, r);
            } catch (Reverts.Impossible e) {
                clients.journal().complete(r.id(), "failed for good: " + e.getMessage());
                throw e;
            }
            clients.journal().complete(r.id(), outcome);
            return outcome;
        }
    }
}
