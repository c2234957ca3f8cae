package dev.fisengine.engine.internal;

import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.api.model.ExperimentTemplateTarget;
import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionLog;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.FaultGate;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.RevertStep;
import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.engine.ExperimentPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dry run of a template: its targets resolved (bounded calls, the target-resolution deadline) with the run's
 * semantics ({@link TargetResolution}), then each action's {@link ActionProvider#plan} (bounded, the action-start
 * deadline) with a context like a run's whose fault gate is closed and which accepts no revert step. Stop conditions
 * are not opened. Nothing of the engine's experiment state is touched.
 */
public final class DryRun {
    /** The experiment id a dry run's plugin calls see. */
    public static final String EXPERIMENT_ID = "dry-run";
    private static final Logger ACTION_LOG = LoggerFactory.getLogger("dev.fisengine.action");
    private static final FaultGate CLOSED = new FaultGate() {
        @Override
        public boolean isOpen() {
            return false;
        }

        @Override
        public String closedReason() {
            return "a dry run arms nothing";
        }
    };

    private DryRun() {}

    public static ExperimentPlan plan(EngineContext ctx, ExperimentTemplate template, Random random) {
        Map<String, List<TargetResource>> resolved = new LinkedHashMap<>();
        List<ExperimentPlan.Target> targets = new ArrayList<>();
        Map<String, ExperimentTemplateTarget> specs = template.targets() == null ? Map.of() : template.targets();
        for (Map.Entry<String, ExperimentTemplateTarget> e : specs.entrySet()) {
            String name = e.getKey();
            ExperimentTemplateTarget target = e.getValue();
            String type = target.resourceType();
            Optional<TargetResolverProvider> resolver = ctx.plugins.resolver(type);
            String error;
            List<TargetResource> selected = List.of();
            if (resolver.isEmpty()) {
                error = "no target resolver is registered for resource type '" + type + "'";
            } else {
                TargetQuery query = new TargetQuery(name, type, target.resourceArns(), target.resourceTags(),
                        target.parameters(), ctx.runtime, EXPERIMENT_ID, template.roleArn());
                BoundedCalls.Outcome<List<TargetResource>> o = call(ctx, "target '" + name + "' resolution",
                        ctx.options.deadlines().targetResolution(), () -> resolver.get().resolve(query));
                if (!o.succeeded()) {
                    error = o.problem();
                } else {
                    TargetResolution.Result r = TargetResolution.apply(target, o.value(), random);
                    error = r.error();
                    if (error == null) {
                        selected = r.selected();
                        if (selected.isEmpty()) {
                            error = "no resources were resolved";
                        }
                    }
                }
            }
            if (error == null) {
                resolved.put(name, List.copyOf(selected));
            }
            targets.add(new ExperimentPlan.Target(name, type, selected.stream().map(TargetResource::arn).toList(),
                    error));
        }
        List<ExperimentPlan.Action> actions = new ArrayList<>();
        Map<String, ExperimentTemplateAction> actionSpecs = template.actions() == null ? Map.of() : template.actions();
        for (Map.Entry<String, ExperimentTemplateAction> e : actionSpecs.entrySet()) {
            actions.add(planAction(ctx, template, e.getKey(), e.getValue(), resolved));
        }
        return new ExperimentPlan(template.id(), targets, actions);
    }

    private static ExperimentPlan.Action planAction(EngineContext ctx, ExperimentTemplate template, String name,
            ExperimentTemplateAction spec, Map<String, List<TargetResource>> resolved) {
        List<String> after = spec.startAfter() == null ? List.of() : List.copyOf(spec.startAfter());
        String actionId = spec.actionId();
        ActionProvider provider = actionId == null ? null : ctx.plugins.action(actionId).orElse(null);
        if (provider == null) {
            return new ExperimentPlan.Action(name, actionId, after, List.of(), "action type '" + actionId
                    + "' is not available in this engine (no plugin provides it)");
        }
        ActionDescriptor d = provider.descriptor();
        if (!d.executable()) {
            return new ExperimentPlan.Action(name, actionId, after, List.of(), "action type '" + actionId
                    + "' is catalog-only: this engine validates it but cannot run it");
        }
        Map<String, List<TargetResource>> targets = new LinkedHashMap<>();
        if (spec.targets() != null) {
            for (Map.Entry<String, String> t : spec.targets().entrySet()) {
                List<TargetResource> r = resolved.get(t.getValue());
                if (r == null) {
                    return new ExperimentPlan.Action(name, actionId, after, List.of(), "target '" + t.getValue()
                            + "' (" + t.getKey() + ") did not resolve");
                }
                targets.put(t.getKey(), r);
            }
        }
        Map<String, String> params = ExperimentRun.parametersWithDefaults(spec, d);
        ActionContext context = new PlanContext(ctx, name, actionId, Collections.unmodifiableMap(params),
                Collections.unmodifiableMap(targets), template.roleArn());
        BoundedCalls.Outcome<List<String>> o = call(ctx, "action '" + name + "' (" + actionId + ") plan",
                ctx.options.deadlines().actionStart(), () -> provider.plan(context));
        if (!o.succeeded()) {
            return new ExperimentPlan.Action(name, actionId, after, List.of(), o.problem());
        }
        return new ExperimentPlan.Action(name, actionId, after, o.value() == null ? List.of() : o.value(), null);
    }

    /** One bounded plugin call, waited for (it delivers its outcome by its deadline at the latest). */
    private static <T> BoundedCalls.Outcome<T> call(EngineContext ctx, String what, Duration deadline,
            Callable<T> body) {
        CompletableFuture<BoundedCalls.Outcome<T>> f = new CompletableFuture<>();
        ctx.calls.submit(EXPERIMENT_ID, what, deadline, body, f::complete);
        try {
            return f.get(deadline.plusSeconds(2).toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BoundedCalls.Outcome.abandoned("the dry run was interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return BoundedCalls.Outcome.timedOut(deadline);
        }
    }

    /** A run's context, minus everything that would act: the gate is closed and revert steps are refused. */
    private record PlanContext(EngineContext ctx, String actionName, String actionId, Map<String, String> parameters,
            Map<String, List<TargetResource>> targets, String roleArn) implements ActionContext {
        @Override
        public String experimentId() {
            return EXPERIMENT_ID;
        }

        @Override
        public Clock clock() {
            return ctx.clock;
        }

        @Override
        public FisRuntime runtime() {
            return ctx.runtime;
        }

        @Override
        public void onRevert(RevertStep step) {
            throw new IllegalStateException("a dry run registers no revert step (action '" + actionName + "')");
        }

        @Override
        public ActionLog log() {
            return new ActionLog() {
                @Override
                public void info(String message) {
                    ACTION_LOG.info("[dry-run {}] {}", actionName, message);
                }

                @Override
                public void warn(String message) {
                    ACTION_LOG.warn("[dry-run {}] {}", actionName, message);
                }
            };
        }

        @Override
        public FaultGate faultGate() {
            return CLOSED;
        }

        @Override
        public Optional<String> experimentRoleArn() {
            return Optional.ofNullable(roleArn).filter(r -> !r.isBlank());
        }
    }
}
