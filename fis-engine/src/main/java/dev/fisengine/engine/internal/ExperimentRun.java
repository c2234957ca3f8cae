package dev.fisengine.engine.internal;

import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentStateChange;
import dev.fisengine.api.exception.ConflictException;
import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentAction;
import dev.fisengine.api.model.ExperimentActionState;
import dev.fisengine.api.model.ExperimentError;
import dev.fisengine.api.model.ExperimentOptions;
import dev.fisengine.api.model.ExperimentState;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.ExperimentSummary;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.api.model.ExperimentTemplateTarget;
import dev.fisengine.api.model.ResolvedTarget;
import dev.fisengine.api.model.StopConditionSpec;
import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionLog;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.RevertStep;
import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.StopConditionStatus;
import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.engine.time.ScheduledTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One experiment: its state machine, its actions' DAG, its stop-condition polling and its reverts.
 *
 * <p>Threading: every field below {@link #lock} is guarded by it. Plugin calls (stop-condition open/check/close,
 * target resolution, action start, revert steps) never run under the lock: they run on the engine's workers and post
 * their outcome back under the lock. Timer callbacks only take the lock. Log records and state-change events are
 * emitted under the lock, so each experiment's events are totally ordered. Readers see {@link #snapshot()}, an
 * immutable {@link Experiment} republished after every change.
 *
 * <p>Termination (completion, stop, failure, stop condition, safety lever, close) goes through
 * {@link #beginTermination}: pending actions are cancelled, running ones marked {@code stopping}; once no plugin
 * call of this experiment is in flight ({@link #busy} is zero) every revert step not yet run is run exactly once
 * (latest action first, each action's steps in reverse registration order), monitors are closed, and the experiment
 * reaches its final state. {@link #terminated()} completes after that.
 */
public final class ExperimentRun {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");
    private static final Logger ACTION_LOG = LoggerFactory.getLogger("dev.fisengine.action");
    /** Set while this thread runs a plugin call or an event callback; a stop requested there must not wait. */
    private static final ThreadLocal<Boolean> IN_CALLBACK = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final int MAX_REASON = 512;

    static final String EXPERIMENT_PENDING = "Experiment is pending.";
    static final String EXPERIMENT_INITIATING = "Experiment is initiating.";
    static final String EXPERIMENT_RUNNING = "Experiment is running.";
    static final String EXPERIMENT_COMPLETED = "Experiment completed.";
    static final String EXPERIMENT_STOPPING = "Stopping Experiment.";
    static final String ACTION_PENDING = "Initial state";
    static final String ACTION_INITIATING = "Action is initiating.";
    static final String ACTION_RUNNING = "Action is running.";
    static final String ACTION_COMPLETED = "Action was completed.";
    static final String ACTION_CANCELLED = "Action was cancelled because the experiment ended before it started.";
    static final String ACTION_CANCELLED_LEVER = "Action was cancelled because the safety lever is engaged.";
    static final String ACTION_STOPPING = "Action is stopping.";
    static final String ACTION_STOPPED = "Action was stopped.";
    static final String ACTION_SKIPPED_MODE = "Action was skipped because the experiment's actionsMode is skip-all.";

    private final EngineContext ctx;
    private final long sequence;
    private final String id;
    private final String arn;
    private final ExperimentTemplate template;
    private final ExperimentOptions options;
    private final boolean skipAll;
    private final boolean emptySkip;
    private final Instant creationTime;
    private final Random random;
    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<Experiment> terminated = new CompletableFuture<>();

    // Guarded by lock.
    private final Map<String, ActionRun> actions = new LinkedHashMap<>();
    private final Map<String, List<TargetResource>> resolved = new LinkedHashMap<>();
    private final List<ResolvedTarget> resolvedTargets = new ArrayList<>();
    private final List<Monitor> monitors = new ArrayList<>();
    private ExperimentStatus status = ExperimentStatus.PENDING;
    private String reason = EXPERIMENT_PENDING;
    private ExperimentError error;
    private Instant startTime;
    private Instant endTime;
    private Map<String, String> tags;
    private ScheduledTask pollTimer;
    private ScheduledTask limitTimer;
    private int checkFailures;
    private boolean terminating;
    private boolean finishing;
    private ExperimentStatus finalStatus;
    private String finalReason;
    private ExperimentError finalError;
    private int busy;
    private long startCounter;
    private boolean announced;

    private volatile Experiment snapshot;

    /**
     * @param template the template as it is now: the run keeps this snapshot
     * @param options the effective options (template's accountTargeting and emptyTargetResolutionMode, the start
     *     request's actionsMode)
     * @param randomSeed seeds this experiment's target selection
     */
    public ExperimentRun(EngineContext ctx, long sequence, String id, String arn, ExperimentTemplate template,
            ExperimentOptions options, Map<String, String> tags, long randomSeed) {
        this.ctx = ctx;
        this.sequence = sequence;
        this.id = id;
        this.arn = arn;
        this.template = template;
        this.options = options;
        this.skipAll = ExperimentOptions.SKIP_ALL.equals(options.actionsMode());
        this.emptySkip = ExperimentOptions.EMPTY_SKIP.equals(options.emptyTargetResolutionMode());
        this.tags = orderedCopy(tags);
        this.random = new Random(randomSeed);
        this.creationTime = ctx.now();
        Map<String, ExperimentTemplateAction> specs = template.actions() == null ? Map.of() : template.actions();
        specs.forEach((name, spec) -> {
            ActionProvider provider = spec.actionId() == null ? null
                    : ctx.plugins.action(spec.actionId()).orElse(null);
            actions.put(name, new ActionRun(name, spec, provider));
        });
        publish();
    }

    public String id() {
        return id;
    }

    public String arn() {
        return arn;
    }

    public long sequence() {
        return sequence;
    }

    public String templateId() {
        return template.id();
    }

    /** The experiment as of its latest change. */
    public Experiment snapshot() {
        return snapshot;
    }

    public ExperimentSummary summary() {
        Experiment e = snapshot;
        return new ExperimentSummary(e.id(), e.arn(), e.experimentTemplateId(), e.state(), e.creationTime(), e.tags(),
                e.experimentOptions());
    }

    /** Completes with the final snapshot once the experiment is terminal and every revert has run. */
    public CompletableFuture<Experiment> terminated() {
        return terminated;
    }

    public boolean isTerminal() {
        return snapshot.state().status().isTerminal();
    }

    /** The resolved targets, in resolution order. */
    public List<ResolvedTarget> resolvedTargets() {
        lock.lock();
        try {
            return List.copyOf(resolvedTargets);
        } finally {
            lock.unlock();
        }
    }

    public Map<String, String> tags() {
        return snapshot.tags();
    }

    /** Replaces the tags (TagResource / UntagResource). */
    public void setTags(Map<String, String> newTags) {
        lock.lock();
        try {
            tags = orderedCopy(newTags);
            publish();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /**
     * Starts the run: {@code pending}, then {@code initiating} and the initiation on a worker; or, when
     * {@code safetyLeverReason} is not null, straight to {@code cancelled}.
     *
     * @return the experiment as StartExperiment returns it ({@code initiating}, or {@code cancelled})
     */
    public Experiment begin(String safetyLeverReason) {
        Experiment started;
        lock.lock();
        try {
            if (announced || terminating) {
                return snapshot; // stopped (e.g. by close) in the instant between registration and start
            }
            setStatus(ExperimentStatus.PENDING, EXPERIMENT_PENDING, null);
            if (safetyLeverReason != null) {
                terminating = true;
                finishing = true;
                endTime = ctx.now();
                for (ActionRun a : actions.values()) {
                    a.set(ActionStatus.CANCELLED, ACTION_CANCELLED_LEVER);
                    emit(LogRecords.actionEnd(id, a.name, a.actionId(), "cancelled", ACTION_CANCELLED_LEVER,
                            endTime));
                }
                String why = truncate("Experiment was cancelled because the safety lever is engaged: "
                        + safetyLeverReason);
                setStatus(ExperimentStatus.CANCELLED, why, null);
                emit(LogRecords.experimentEnd(id, endTime, "cancelled", why));
                terminated.complete(snapshot);
                ctx.terminal(this);
                return snapshot;
            }
            startTime = ctx.now();
            setStatus(ExperimentStatus.INITIATING, EXPERIMENT_INITIATING, null);
            emit(LogRecords.experimentStart(id, template.id(), startTime));
            busy++;
            started = snapshot;
        } finally {
            lock.unlock();
        }
        ctx.submit(this::initiate);
        return started;
    }

    /**
     * Stops the experiment (StopExperiment, safety lever, engine close): it goes to {@code stopping}, then to
     * {@code stopped} once every revert ran.
     *
     * @param manual whether this is StopExperiment (a terminal experiment is then a {@link ConflictException})
     * @param wait whether to wait until the experiment is terminal (ignored when called from an engine callback)
     * @return the experiment as it was when the stop was accepted ({@code stopping})
     */
    public Experiment stop(String stopReason, boolean manual, boolean wait) {
        Experiment accepted;
        lock.lock();
        try {
            if (status.isTerminal()) {
                if (manual) {
                    throw new ConflictException("Experiment " + id + " is already " + status.wireName()
                            + " and cannot be stopped.");
                }
                return snapshot;
            }
            beginTermination(ExperimentStatus.STOPPED, stopReason, null, true);
            accepted = snapshot;
        } finally {
            lock.unlock();
        }
        if (wait && !IN_CALLBACK.get() && !lock.isHeldByCurrentThread()) {
            try {
                terminated.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.error("Experiment {} ended abnormally", id, e);
            }
        }
        return accepted;
    }

    /** Waits up to {@code timeout} for the experiment to end; returns its latest snapshot either way. */
    public Experiment await(Duration timeout) {
        try {
            return terminated.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            // fall through
        }
        return snapshot;
    }

    // ----------------------------------------------------------------------------------------------- initiation

    private void initiate() {
        try {
            if (checkDag() && openStopConditions() && checkStopConditionsBeforeStart()) {
                resolveTargets();
            }
        } catch (Throwable t) {
            lock.lock();
            try {
                beginTermination(ExperimentStatus.FAILED, "Experiment failed to initiate: " + message(t),
                        error("InitiationFailed", null), false);
            } finally {
                lock.unlock();
            }
        } finally {
            lock.lock();
            try {
                busy--;
                if (terminating) {
                    tryFinish();
                } else {
                    enterRunning();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Defensive: validation rejects these, but a run must never wait forever on a bad graph. */
    private boolean checkDag() {
        lock.lock();
        try {
            for (ActionRun a : actions.values()) {
                for (String dep : a.startAfter()) {
                    if (!actions.containsKey(dep)) {
                        return fail("Action '" + a.name + "' starts after unknown action '" + dep + "'.",
                                "InvalidTemplate", a.name);
                    }
                }
            }
            Set<String> done = new HashSet<>();
            boolean progress = true;
            while (progress) {
                progress = false;
                for (ActionRun a : actions.values()) {
                    if (!done.contains(a.name) && done.containsAll(a.startAfter())) {
                        done.add(a.name);
                        progress = true;
                    }
                }
            }
            if (done.size() < actions.size()) {
                List<String> cyclic = new ArrayList<>(actions.keySet());
                cyclic.removeAll(done);
                return fail("Actions " + cyclic + " wait for each other through startAfter (a cycle).",
                        "InvalidTemplate", cyclic.get(0));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean openStopConditions() {
        List<StopConditionSpec> specs = template.stopConditions() == null ? List.of() : template.stopConditions();
        for (int i = 0; i < specs.size(); i++) {
            StopConditionSpec spec = specs.get(i);
            Optional<StopConditionProvider> provider = ctx.plugins.stopCondition(spec.source());
            if (provider.isEmpty()) {
                return failLocked("No stop-condition provider for source '" + spec.source() + "' (stopConditions["
                        + i + "]).", "StopConditionError", "stopConditions/" + i);
            }
            StopConditionMonitor monitor;
            boolean prev = enterCallback();
            try {
                monitor = provider.get().open(new StopConditionContext(id, spec.source(), spec.value(), ctx.runtime));
            } catch (Throwable t) {
                return failLocked("Stop condition " + describe(spec) + " could not be opened: " + message(t),
                        "StopConditionError", "stopConditions/" + i);
            } finally {
                exitCallback(prev);
            }
            lock.lock();
            try {
                monitors.add(new Monitor(spec, monitor == null ? StopConditionStatus::ok : monitor));
                if (terminating) {
                    return false;
                }
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    private boolean checkStopConditionsBeforeStart() {
        List<Monitor> ms;
        lock.lock();
        try {
            ms = List.copyOf(monitors);
        } finally {
            lock.unlock();
        }
        for (Monitor m : ms) {
            StopConditionStatus s;
            boolean prev = enterCallback();
            try {
                s = m.monitor.check();
            } catch (Throwable t) {
                return failLocked("Stop condition " + describe(m.spec) + " could not be checked before start: "
                        + message(t), "StopConditionError", m.spec.source());
            } finally {
                exitCallback(prev);
            }
            if (s != null && s.triggered()) {
                lock.lock();
                try {
                    beginTermination(ExperimentStatus.STOPPED, triggeredReason(m.spec, s), null, true);
                } finally {
                    lock.unlock();
                }
                return false;
            }
        }
        return !isTerminating();
    }

    private void resolveTargets() {
        Map<String, ExperimentTemplateTarget> targets = template.targets() == null ? Map.of() : template.targets();
        for (Map.Entry<String, ExperimentTemplateTarget> e : targets.entrySet()) {
            if (isTerminating() || !resolveTarget(e.getKey(), e.getValue())) {
                return;
            }
        }
    }

    private boolean resolveTarget(String name, ExperimentTemplateTarget target) {
        String type = target.resourceType();
        lock.lock();
        try {
            emit(LogRecords.targetResolutionStart(id, name, ctx.now()));
        } finally {
            lock.unlock();
        }
        Optional<TargetResolverProvider> resolver = ctx.plugins.resolver(type);
        if (resolver.isEmpty()) {
            return targetFailed(name, type, "no target resolver is registered for resource type '" + type + "'");
        }
        List<TargetResource> found;
        boolean prev = enterCallback();
        try {
            found = resolver.get().resolve(new TargetQuery(name, type, target.resourceArns(), target.resourceTags(),
                    target.parameters(), ctx.runtime));
        } catch (Throwable t) {
            return targetFailed(name, type, message(t));
        } finally {
            exitCallback(prev);
        }
        List<TargetResource> distinct = TargetSelection.distinct(found == null ? List.of() : found);
        if (target.resourceArns() != null && !target.resourceArns().isEmpty()) {
            Set<String> got = new HashSet<>();
            distinct.forEach(r -> got.add(r.arn()));
            List<String> missing = new ArrayList<>();
            for (String a : target.resourceArns()) {
                if (!got.contains(a)) {
                    missing.add(a);
                }
            }
            if (!missing.isEmpty()) {
                return targetFailed(name, type, "resources not found: " + String.join(", ", missing));
            }
        }
        List<TargetResource> selected;
        try {
            List<TargetResource> filtered = TargetSelection.filter(distinct, target.filters());
            lock.lock();
            try {
                selected = TargetSelection.select(filtered, target.selectionMode(), random);
            } finally {
                lock.unlock();
            }
        } catch (IllegalArgumentException ex) {
            return targetFailed(name, type, ex.getMessage());
        }
        lock.lock();
        try {
            Instant at = ctx.now();
            resolved.put(name, List.copyOf(selected));
            List<Map<String, String>> infos = new ArrayList<>();
            for (TargetResource r : selected) {
                resolvedTargets.add(new ResolvedTarget(type, name, r.targetInformation()));
                infos.add(r.targetInformation());
            }
            boolean empty = selected.isEmpty();
            String err = empty && !emptySkip ? "No resources were resolved for target '" + name + "'." : null;
            emit(LogRecords.targetResolutionDetail(id, name, type, ctx.accountId(), selected.size(), err == null,
                    err, at));
            emit(LogRecords.targetResolutionEnd(id, name, type, infos, err, at));
            if (err != null) {
                return fail("Target resolution failed for target '" + name + "': no resources were resolved.",
                        "TargetResolutionFailed", name);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean targetFailed(String name, String type, String why) {
        lock.lock();
        try {
            Instant at = ctx.now();
            emit(LogRecords.targetResolutionDetail(id, name, type, ctx.accountId(), 0, false, why, at));
            emit(LogRecords.targetResolutionEnd(id, name, type, List.of(), why, at));
            resolved.put(name, List.of());
            return fail("Target resolution failed for target '" + name + "': " + why, "TargetResolutionFailed",
                    name);
        } finally {
            lock.unlock();
        }
    }

    private void enterRunning() {
        setStatus(ExperimentStatus.RUNNING, EXPERIMENT_RUNNING, null);
        Instant now = ctx.now();
        limitTimer = ctx.schedule(startTime.plus(ctx.options.quotas().experimentDuration()), this::onTimeLimit);
        if (!monitors.isEmpty()) {
            pollTimer = ctx.schedule(now.plus(ctx.options.stopConditionPollInterval()), this::poll);
        }
        advance();
    }

    // ------------------------------------------------------------------------------------------------- actions

    /** Starts or skips every ready action, up to the parallel-actions quota; completes the experiment when done. */
    private void advance() {
        if (terminating) {
            return;
        }
        int max = ctx.options.quotas().parallelActions();
        boolean changed = true;
        while (changed && !terminating) {
            changed = false;
            int active = 0;
            for (ActionRun a : actions.values()) {
                if (a.status == ActionStatus.INITIATING || a.status == ActionStatus.RUNNING) {
                    active++;
                }
            }
            for (ActionRun a : actions.values()) {
                if (terminating) {
                    return;
                }
                if (a.status != ActionStatus.PENDING || !dependenciesDone(a)) {
                    continue;
                }
                String skip = skipReason(a);
                if (skip != null) {
                    Instant now = ctx.now();
                    a.startTime = now;
                    a.endTime = now;
                    a.set(ActionStatus.SKIPPED, skip);
                    emit(LogRecords.actionEnd(id, a.name, a.actionId(), "skipped", skip, now));
                    changed = true;
                    continue;
                }
                if (active >= max) {
                    continue;
                }
                startAction(a);
                active++;
                changed = true;
            }
        }
        if (terminating) {
            publish();
            return;
        }
        boolean allDone = true;
        for (ActionRun a : actions.values()) {
            if (a.status != ActionStatus.COMPLETED && a.status != ActionStatus.SKIPPED) {
                allDone = false;
                break;
            }
        }
        publish();
        if (allDone) {
            beginTermination(ExperimentStatus.COMPLETED, EXPERIMENT_COMPLETED, null, false);
        }
    }

    private boolean dependenciesDone(ActionRun a) {
        for (String dep : a.startAfter()) {
            ActionRun d = actions.get(dep);
            if (d == null || (d.status != ActionStatus.COMPLETED && d.status != ActionStatus.SKIPPED)) {
                return false;
            }
        }
        return true;
    }

    private String skipReason(ActionRun a) {
        if (skipAll) {
            return ACTION_SKIPPED_MODE;
        }
        if (emptySkip && a.spec.targets() != null) {
            for (Map.Entry<String, String> t : a.spec.targets().entrySet()) {
                List<TargetResource> r = resolved.get(t.getValue());
                if (r != null && r.isEmpty()) {
                    return "Action was skipped because target '" + t.getValue()
                            + "' resolved no resources (emptyTargetResolutionMode is skip).";
                }
            }
        }
        return null;
    }

    private void startAction(ActionRun a) {
        Instant now = ctx.now();
        a.startTime = now;
        a.startOrder = ++startCounter;
        a.set(ActionStatus.INITIATING, ACTION_INITIATING);
        emit(LogRecords.actionStart(id, a.name, a.actionId(), a.spec.targets(), a.spec.parameters(), now));
        if (a.provider == null) {
            failAction(a, "Action type '" + a.actionId() + "' is not available in this engine (no plugin provides"
                    + " it).");
            return;
        }
        ActionDescriptor d = a.provider.descriptor();
        if (!d.executable()) {
            failAction(a, "Action type '" + a.actionId() + "' is catalog-only: this engine validates it but cannot"
                    + " run it.");
            return;
        }
        Map<String, String> params = parametersWithDefaults(a.spec, d);
        if (d.durationParameter() != null && params.get(d.durationParameter()) != null) {
            String raw = params.get(d.durationParameter());
            try {
                a.duration = Duration.parse(raw);
            } catch (DateTimeParseException e) {
                failAction(a, "Parameter '" + d.durationParameter() + "': \"" + raw
                        + "\" is not an ISO-8601 duration.");
                return;
            }
        }
        Map<String, List<TargetResource>> targets = new LinkedHashMap<>();
        if (a.spec.targets() != null) {
            for (Map.Entry<String, String> t : a.spec.targets().entrySet()) {
                List<TargetResource> r = resolved.get(t.getValue());
                if (r == null) {
                    failAction(a, "Action refers to unknown target '" + t.getValue() + "' under '" + t.getKey()
                            + "'.");
                    return;
                }
                targets.put(t.getKey(), r);
            }
        }
        ActionContext context = new Context(a, Collections.unmodifiableMap(params),
                Collections.unmodifiableMap(targets));
        busy++;
        ctx.submit(() -> invokeStart(a, context));
    }

    private void invokeStart(ActionRun a, ActionContext context) {
        Throwable failure = null;
        boolean prev = enterCallback();
        try {
            a.provider.start(context);
        } catch (Throwable t) {
            failure = t;
        } finally {
            exitCallback(prev);
        }
        lock.lock();
        try {
            busy--;
            if (failure != null) {
                failAction(a, message(failure));
                tryFinish();
                return;
            }
            if (terminating) {
                tryFinish();
                return;
            }
            a.set(ActionStatus.RUNNING, ACTION_RUNNING);
            if (a.duration != null) {
                Instant due = a.startTime.plus(a.duration);
                if (due.isAfter(ctx.now())) {
                    a.timer = ctx.schedule(due, () -> onDurationElapsed(a));
                    publish();
                    return;
                }
            }
            completeAction(a);
        } finally {
            lock.unlock();
        }
    }

    private void onDurationElapsed(ActionRun a) {
        lock.lock();
        try {
            a.timer = null;
            if (!terminating && a.status == ActionStatus.RUNNING) {
                completeAction(a);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The action's time is up (or it had none): run its reverts (post actions), then mark it completed. */
    private void completeAction(ActionRun a) {
        List<Step> steps = a.takeReverts();
        if (steps.isEmpty()) {
            markCompleted(a);
            return;
        }
        busy++;
        ctx.submit(() -> {
            Map<ActionRun, String> failures = runSteps(steps);
            lock.lock();
            try {
                busy--;
                String f = failures.get(a);
                if (f != null && !a.status.isTerminal()) {
                    failAction(a, "Reverting the action failed: " + f);
                    tryFinish();
                } else if (terminating) {
                    tryFinish();
                } else {
                    markCompleted(a);
                }
            } finally {
                lock.unlock();
            }
        });
    }

    private void markCompleted(ActionRun a) {
        Instant now = ctx.now();
        a.endTime = now;
        a.set(ActionStatus.COMPLETED, ACTION_COMPLETED);
        emit(LogRecords.actionEnd(id, a.name, a.actionId(), "completed", ACTION_COMPLETED, now));
        advance();
    }

    private void failAction(ActionRun a, String why) {
        String r = truncate(why);
        Instant now = ctx.now();
        a.endTime = now;
        a.set(ActionStatus.FAILED, r);
        emit(LogRecords.actionError(id, a.name, a.actionId(), ctx.accountId(), r, now));
        emit(LogRecords.actionEnd(id, a.name, a.actionId(), "failed", r, now));
        beginTermination(ExperimentStatus.FAILED, "Action '" + a.name + "' failed: " + r,
                error("ActionFailed", a.name), false);
        publish();
    }

    private static Map<String, String> parametersWithDefaults(ExperimentTemplateAction spec, ActionDescriptor d) {
        Map<String, String> params = new LinkedHashMap<>();
        if (spec.parameters() != null) {
            params.putAll(spec.parameters());
        }
        for (ParameterDescriptor p : d.parameters()) {
            if (p.defaultValue() != null && !params.containsKey(p.name())) {
                params.put(p.name(), p.defaultValue());
            }
        }
        return params;
    }

    // ------------------------------------------------------------------------------------------ stop conditions

    private void poll() {
        List<Monitor> ms;
        lock.lock();
        try {
            pollTimer = null;
            if (terminating || status != ExperimentStatus.RUNNING) {
                return;
            }
            busy++;
            ms = List.copyOf(monitors);
        } finally {
            lock.unlock();
        }
        ctx.submit(() -> {
            Monitor trigger = null;
            StopConditionStatus triggerStatus = null;
            Monitor broken = null;
            Throwable brokenBy = null;
            boolean prev = enterCallback();
            try {
                for (Monitor m : ms) {
                    try {
                        StopConditionStatus s = m.monitor.check();
                        if (s != null && s.triggered()) {
                            trigger = m;
                            triggerStatus = s;
                            break;
                        }
                    } catch (Throwable t) {
                        if (broken == null) {
                            broken = m;
                            brokenBy = t;
                        }
                    }
                }
            } finally {
                exitCallback(prev);
            }
            lock.lock();
            try {
                busy--;
                if (terminating) {
                    tryFinish();
                    return;
                }
                if (trigger != null) {
                    beginTermination(ExperimentStatus.STOPPED, triggeredReason(trigger.spec, triggerStatus), null,
                            true);
                    return;
                }
                if (broken != null) {
                    checkFailures++;
                    LOG.warn("Experiment {}: stop condition {} could not be checked ({} in a row)", id,
                            describe(broken.spec), checkFailures, brokenBy);
                    if (checkFailures >= ctx.options.stopConditionMaxFailures()) {
                        beginTermination(ExperimentStatus.FAILED, "Stop condition " + describe(broken.spec)
                                + " could not be checked " + checkFailures + " times in a row: " + message(brokenBy),
                                error("StopConditionError", broken.spec.source()), false);
                        return;
                    }
                } else {
                    checkFailures = 0;
                }
                pollTimer = ctx.schedule(ctx.now().plus(ctx.options.stopConditionPollInterval()), this::poll);
            } finally {
                lock.unlock();
            }
        });
    }

    private void onTimeLimit() {
        lock.lock();
        try {
            limitTimer = null;
            beginTermination(ExperimentStatus.STOPPED, "Experiment exceeded the maximum experiment duration of "
                    + ctx.options.quotas().experimentDuration() + ".", null, true);
        } finally {
            lock.unlock();
        }
    }

    private static String triggeredReason(StopConditionSpec spec, StopConditionStatus s) {
        return "Experiment stopped by stop condition " + describe(spec) + ": " + s.reason();
    }

    private static String describe(StopConditionSpec spec) {
        return spec.value() == null ? spec.source() : spec.source() + " (" + spec.value() + ")";
    }

    // ---------------------------------------------------------------------------------------------- termination

    /** Under the lock. Returns false when the experiment is already ending. */
    private boolean beginTermination(ExperimentStatus target, String why, ExperimentError err, boolean stopping) {
        if (terminating || status.isTerminal()) {
            return false;
        }
        terminating = true;
        finalStatus = target;
        finalReason = truncate(why);
        finalError = err;
        cancel(pollTimer);
        pollTimer = null;
        cancel(limitTimer);
        limitTimer = null;
        Instant now = ctx.now();
        for (ActionRun a : actions.values()) {
            cancel(a.timer);
            a.timer = null;
            if (a.status == ActionStatus.PENDING) {
                a.set(ActionStatus.CANCELLED, ACTION_CANCELLED);
                emit(LogRecords.actionEnd(id, a.name, a.actionId(), "cancelled", ACTION_CANCELLED, now));
            } else if (a.status == ActionStatus.INITIATING || a.status == ActionStatus.RUNNING) {
                a.set(ActionStatus.STOPPING, ACTION_STOPPING);
            }
        }
        if (stopping) {
            setStatus(ExperimentStatus.STOPPING, EXPERIMENT_STOPPING, null);
        } else {
            publish();
        }
        tryFinish();
        return true;
    }

    /** Under the lock: once nothing is in flight, runs every remaining revert and closes the monitors. */
    private void tryFinish() {
        if (!terminating || finishing || busy > 0) {
            return;
        }
        finishing = true;
        List<ActionRun> byStart = new ArrayList<>(actions.values());
        byStart.sort(Comparator.comparingLong((ActionRun a) -> a.startOrder).reversed());
        List<Step> steps = new ArrayList<>();
        for (ActionRun a : byStart) {
            steps.addAll(a.takeReverts());
        }
        List<Monitor> ms = List.copyOf(monitors);
        monitors.clear();
        if (steps.isEmpty() && ms.isEmpty()) {
            finishNow(Map.of());
            return;
        }
        ctx.submit(() -> {
            Map<ActionRun, String> failures = runSteps(steps);
            boolean prev = enterCallback();
            try {
                for (Monitor m : ms) {
                    try {
                        m.monitor.close();
                    } catch (Throwable t) {
                        LOG.warn("Experiment {}: closing stop condition {} failed", id, describe(m.spec), t);
                    }
                }
            } finally {
                exitCallback(prev);
            }
            lock.lock();
            try {
                finishNow(failures);
            } finally {
                lock.unlock();
            }
        });
    }

    private void finishNow(Map<ActionRun, String> revertFailures) {
        Instant now = ctx.now();
        for (ActionRun a : actions.values()) {
            if (a.status == ActionStatus.STOPPING) {
                String f = revertFailures.get(a);
                String r = f == null ? ACTION_STOPPED : truncate("Action was stopped; reverting it failed: " + f);
                a.endTime = now;
                a.set(ActionStatus.STOPPED, r);
                emit(LogRecords.actionEnd(id, a.name, a.actionId(), "stopped", r, now));
            }
        }
        endTime = now;
        setStatus(finalStatus, finalReason, finalError);
        emit(LogRecords.experimentEnd(id, now, finalStatus.wireName(), finalReason));
        terminated.complete(snapshot);
        ctx.terminal(this);
    }

    /** Runs steps outside the lock, each once, catching everything; returns the first failure per action. */
    private Map<ActionRun, String> runSteps(List<Step> steps) {
        Map<ActionRun, String> failures = new LinkedHashMap<>();
        boolean prev = enterCallback();
        try {
            for (Step s : steps) {
                try {
                    s.step.revert();
                } catch (Throwable t) {
                    LOG.warn("Experiment {}: a revert step of action '{}' failed", id, s.action.name, t);
                    failures.putIfAbsent(s.action, message(t));
                }
            }
        } finally {
            exitCallback(prev);
        }
        return failures;
    }

    private boolean isTerminating() {
        lock.lock();
        try {
            return terminating;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock; always returns false (for early exits). */
    private boolean fail(String why, String code, String location) {
        beginTermination(ExperimentStatus.FAILED, why, error(code, location), false);
        return false;
    }

    private boolean failLocked(String why, String code, String location) {
        lock.lock();
        try {
            return fail(why, code, location);
        } finally {
            lock.unlock();
        }
    }

    private ExperimentError error(String code, String location) {
        return new ExperimentError(ctx.accountId(), code, location);
    }

    private static void cancel(ScheduledTask t) {
        if (t != null) {
            t.cancel();
        }
    }

    // ---------------------------------------------------------------------------------------- state + events

    /** Under the lock. The first change (to {@code pending}) has no old state. */
    private void setStatus(ExperimentStatus s, String why, ExperimentError err) {
        ExperimentStateChange.State old = announced ? new ExperimentStateChange.State(status.wireName(), reason)
                : null;
        announced = true;
        status = s;
        reason = truncate(why);
        error = err;
        publish();
        ExperimentStateChange change = new ExperimentStateChange(ExperimentStateChange.SOURCE,
                ExperimentStateChange.DETAIL_TYPE, ctx.now(), List.of(arn),
                new ExperimentStateChange.Detail(id, template.id(),
                        new ExperimentStateChange.State(s.wireName(), reason), old));
        boolean prev = enterCallback();
        try {
            ctx.changed(change);
        } finally {
            exitCallback(prev);
        }
    }

    /** Under the lock. */
    private void emit(ExperimentLogRecord record) {
        boolean prev = enterCallback();
        try {
            ctx.log(record);
        } finally {
            exitCallback(prev);
        }
    }

    /** Under the lock (or in the constructor). */
    private void publish() {
        Map<String, ExperimentAction> views = new LinkedHashMap<>();
        actions.forEach((n, a) -> views.put(n, a.view()));
        snapshot = new Experiment(id, arn, template.id(), template.roleArn(),
                new ExperimentState(status, reason, error),
                template.targets() == null ? Map.of() : template.targets(), views, template.stopConditions(),
                creationTime, startTime, endTime, tags, template.logConfiguration(), options, 0L,
                template.experimentReportConfiguration());
    }

    private static boolean enterCallback() {
        boolean prev = IN_CALLBACK.get();
        IN_CALLBACK.set(Boolean.TRUE);
        return prev;
    }

    private static void exitCallback(boolean prev) {
        IN_CALLBACK.set(prev);
    }

    /** Whether this thread is inside a plugin call or an event callback of some experiment. */
    public static boolean inCallback() {
        return IN_CALLBACK.get();
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getName() : m;
    }

    private static String truncate(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON - 1) + "…";
    }

    private static Map<String, String> orderedCopy(Map<String, String> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    // ------------------------------------------------------------------------------------------ nested types

    private record Monitor(StopConditionSpec spec, StopConditionMonitor monitor) {}

    private record Step(ActionRun action, RevertStep step) {}

    /** One action of the run. Guarded by the run's lock. */
    private final class ActionRun {
        final String name;
        final ExperimentTemplateAction spec;
        final ActionProvider provider;
        final List<String> startAfter;
        final List<RevertStep> reverts = new ArrayList<>();
        ActionStatus status = ActionStatus.PENDING;
        String reason = ACTION_PENDING;
        Instant startTime;
        Instant endTime;
        Duration duration;
        ScheduledTask timer;
        long startOrder;
        boolean revertsTaken;
        ExperimentAction view;

        ActionRun(String name, ExperimentTemplateAction spec, ActionProvider provider) {
            this.name = name;
            this.spec = spec;
            this.provider = provider;
            this.startAfter = spec.startAfter() == null ? List.of() : List.copyOf(new LinkedHashSet<>(spec.startAfter()));
            refresh();
        }

        String actionId() {
            return spec.actionId();
        }

        List<String> startAfter() {
            return startAfter;
        }

        void set(ActionStatus s, String why) {
            status = s;
            reason = why;
            refresh();
        }

        private void refresh() {
            view = new ExperimentAction(spec.actionId(), spec.description(),
                    spec.parameters() == null ? Map.of() : spec.parameters(), spec.targets(), spec.startAfter(),
                    new ExperimentActionState(status, reason), startTime, endTime);
        }

        ExperimentAction view() {
            return view;
        }

        /** Takes every registered revert step (latest first); later registrations run at once. */
        List<Step> takeReverts() {
            revertsTaken = true;
            List<Step> out = new ArrayList<>(reverts.size());
            for (int i = reverts.size() - 1; i >= 0; i--) {
                out.add(new Step(this, reverts.get(i)));
            }
            reverts.clear();
            return out;
        }
    }

    /** The narrow context an action's plugin sees. */
    private final class Context implements ActionContext {
        private final ActionRun action;
        private final Map<String, String> parameters;
        private final Map<String, List<TargetResource>> targets;
        private final ActionLog log;

        Context(ActionRun action, Map<String, String> parameters, Map<String, List<TargetResource>> targets) {
            this.action = action;
            this.parameters = parameters;
            this.targets = targets;
            this.log = new Log(id, action.name);
        }

        @Override
        public String experimentId() {
            return id;
        }

        @Override
        public String actionName() {
            return action.name;
        }

        @Override
        public String actionId() {
            return action.actionId();
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
        public Map<String, String> parameters() {
            return parameters;
        }

        @Override
        public Map<String, List<TargetResource>> targets() {
            return targets;
        }

        @Override
        public void onRevert(RevertStep step) {
            Objects.requireNonNull(step, "step");
            lock.lock();
            try {
                if (!action.revertsTaken) {
                    action.reverts.add(step);
                    return;
                }
            } finally {
                lock.unlock();
            }
            LOG.warn("Experiment {}: action '{}' registered a revert step after it ended; running it now", id,
                    action.name);
            runSteps(List.of(new Step(action, step)));
        }

        @Override
        public ActionLog log() {
            return log;
        }
    }

    /** An action's log: SLF4J logger {@code dev.fisengine.action} with the experiment and action in the MDC. */
    private record Log(String experimentId, String actionName) implements ActionLog {
        @Override
        public void info(String message) {
            write(false, message);
        }

        @Override
        public void warn(String message) {
            write(true, message);
        }

        private void write(boolean warn, String message) {
            MDC.put("fisExperimentId", experimentId);
            MDC.put("fisActionName", actionName);
            try {
                if (warn) {
                    ACTION_LOG.warn("[{} {}] {}", experimentId, actionName, message);
                } else {
                    ACTION_LOG.info("[{} {}] {}", experimentId, actionName, message);
                }
            } finally {
                MDC.remove("fisExperimentId");
                MDC.remove("fisActionName");
            }
        }
    }
}
