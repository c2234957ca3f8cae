package dev.fisengine.engine.internal;

import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentStateChange;
import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentAction;
import dev.fisengine.api.model.ExperimentError;
import dev.fisengine.api.model.ExperimentOptions;
import dev.fisengine.api.model.ExperimentState;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.ExperimentSummary;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.api.model.ExperimentTemplateTarget;
import dev.fisengine.api.model.ResolvedTarget;
import dev.fisengine.api.model.StartExperimentRequest;
import dev.fisengine.api.model.StopConditionSpec;
import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionMonitor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.FaultGate;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.RevertStep;
import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.StopConditionStatus;
import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.engine.builtin.NoneStopConditionProvider;
import dev.fisengine.engine.time.ScheduledTask;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One experiment: its state machine. See {@code docs/engine.md}, "Threading".
 *
 * <p><b>One writer.</b> Every field under "mailbox-confined" is read and written only by messages of this run's
 * {@link Mailbox}, one at a time: no lock guards them because no second thread touches them. Other threads post
 * messages ({@link #requestStop}, timer callbacks, plugin-call outcomes) and read {@link #snapshot()}, an immutable
 * {@link Experiment} republished after every change.
 *
 * <p><b>Bounded plugin calls.</b> Messages never call a plugin: target resolvers, stop-condition monitors, action
 * starts and revert steps run through {@link BoundedCalls} with the engine's {@link dev.fisengine.engine.Deadlines},
 * and their outcome comes back as a message.
 *
 * <p><b>Events after the fact.</b> Log records and state changes go to the run's {@link EventOutbox} after the change
 * is published, and are delivered on another thread with no lock held.
 *
 * <p><b>Stop always wins.</b> Ending (completion, stop, failure, stop condition, time limit, safety lever, close)
 * goes through {@link #beginTermination}: the experiment's {@link FaultGate} closes first (so its API faults stop at
 * once), timers are cancelled, pending actions cancelled, plugin calls in flight abandoned; then every remaining
 * revert step runs (each action's in order, the actions in parallel, each step bounded) and every monitor is closed;
 * then the terminal state is set, once, for good.
 */
public final class ExperimentRun {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");

    static final String EXPERIMENT_PENDING = "Experiment is pending.";
    static final String EXPERIMENT_INITIATING = "Experiment is initiating.";
    static final String EXPERIMENT_RUNNING = "Experiment is running.";
    static final String EXPERIMENT_COMPLETED = "Experiment completed.";
    static final String EXPERIMENT_STOPPING = "Stopping Experiment.";

    private final EngineContext ctx;
    private final long sequence;
    private final String id;
    private final String arn;
    private final String clientToken;
    private final StartExperimentRequest request;
    private final ExperimentTemplate template;
    private final ExperimentOptions options;
    private final boolean skipAll;
    private final boolean emptySkip;
    private final Instant creationTime;
    private final Random random;
    private final Mailbox mailbox;
    private final EventOutbox events;
    private final FaultGates.ExperimentGate gate;
    private final RevertLedger ledger = new RevertLedger();
    /** Completes when the state is terminal (slots, the lever and close go by this). */
    private final CompletableFuture<Experiment> stateTerminal = new CompletableFuture<>();
    /** Completes when, in addition, every log record and event up to {@code experiment-end} has been delivered. */
    private final CompletableFuture<Experiment> terminated = new CompletableFuture<>();
    private final AtomicReference<Experiment> snapshot = new AtomicReference<>();
    private volatile List<ResolvedTarget> resolvedTargets = List.of();

    // Mailbox-confined.
    private final ActionGraph graph = new ActionGraph();
    private final StopConditionWatch watch;
    private final Map<String, List<TargetResource>> resolved = new LinkedHashMap<>();
    private final Set<BoundedCalls.Call> abandonable = new HashSet<>();
    private final Map<ActionRun, String> revertFailures = new LinkedHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private ExperimentStatus status = ExperimentStatus.PENDING;
    private String reason = EXPERIMENT_PENDING;
    private ExperimentError error;
    private Instant startTime;
    private Instant endTime;
    private ScheduledTask pollTimer;
    private ScheduledTask limitTimer;
    private boolean announced;
    private boolean terminating;
    private boolean finished;
    private int outstanding;
    private Experiment stoppingSnapshot;
    private ExperimentStatus finalStatus;
    private String finalReason;
    private ExperimentError finalError;

    /**
     * Creates the run with its mailbox held by the calling thread, which must call {@link #begin} next.
     *
     * @param template the template as it is now: the run keeps this snapshot
     * @param options the effective options (template's accountTargeting and emptyTargetResolutionMode, the start
     *     request's actionsMode)
     * @param randomSeed seeds this experiment's target selection
     */
    public ExperimentRun(EngineContext ctx, long sequence, String id, String arn, ExperimentTemplate template,
            ExperimentOptions options, StartExperimentRequest request, long randomSeed) {
        this.ctx = ctx;
        this.sequence = sequence;
        this.id = id;
        this.arn = arn;
        this.request = request;
        this.clientToken = request.clientToken();
        this.template = template;
        this.options = options;
        this.skipAll = ExperimentOptions.SKIP_ALL.equals(options.actionsMode());
        this.emptySkip = ExperimentOptions.EMPTY_SKIP.equals(options.emptyTargetResolutionMode());
        this.random = new Random(randomSeed);
        this.creationTime = ctx.now();
        this.mailbox = Mailbox.held("experiment " + id);
        this.events = new EventOutbox(id, ctx.workers, ctx.watchdog, ctx.options.deadlines().listener(),
                LogDestinationSink.withDestinations(ctx, id, template), ctx.listeners);
        this.gate = new FaultGates.ExperimentGate(ctx.gate);
        this.watch = new StopConditionWatch(id);
        Map<String, ExperimentTemplateAction> specs = template.actions() == null ? Map.of() : template.actions();
        specs.forEach((name, spec) -> {
            ActionProvider provider = spec.actionId() == null ? null
                    : ctx.plugins.action(spec.actionId()).orElse(null);
            graph.add(new ActionRun(name, spec, provider));
        });
        snapshot.set(build(orderedCopy(request.tags())));
    }

    /**
     * An experiment read back from an {@code EngineStore}: terminal, nothing of it runs; it is listed, read, tagged
     * and paged like one that ended in this process.
     */
    public static ExperimentRun restored(EngineContext ctx, long sequence, Experiment e, List<ResolvedTarget> targets,
            StartExperimentRequest request) {
        ExperimentOptions o = e.experimentOptions() == null ? new ExperimentOptions(null, null, null)
                : e.experimentOptions();
        ExperimentTemplate shell = new ExperimentTemplate(e.experimentTemplateId(), null, null, Map.of(), Map.of(),
                List.of(), null, null, e.roleArn(), Map.of(), null, o, 0L, null);
        ExperimentRun r = new ExperimentRun(ctx, sequence, e.id(), e.arn(), shell, o,
                request != null ? request : StartExperimentRequest.of(e.experimentTemplateId()), 0L);
        r.gate.close("the experiment ended before this engine started");
        r.status = e.state().status();
        r.terminating = true;
        r.finished = true;
        r.resolvedTargets = targets == null ? List.of() : List.copyOf(targets);
        r.snapshot.set(e);
        r.stateTerminal.complete(e);
        r.terminated.complete(e);
        r.mailbox.release();
        return r;
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

    /** The StartExperiment request it was started with. */
    public StartExperimentRequest request() {
        return request;
    }

    /** The StartExperiment client token it was started with, or {@code null}. */
    public String clientToken() {
        return clientToken;
    }

    /** The experiment as of its latest change. */
    public Experiment snapshot() {
        return snapshot.get();
    }

    public ExperimentSummary summary() {
        Experiment e = snapshot();
        return new ExperimentSummary(e.id(), e.arn(), e.experimentTemplateId(), e.state(), e.creationTime(), e.tags(),
                e.experimentOptions());
    }

    /**
     * Completes with the final snapshot once the experiment is terminal (every revert has run or timed out); the
     * log records and events may still be on their way to sinks and listeners (see {@link #await}).
     */
    public CompletableFuture<Experiment> terminated() {
        return stateTerminal;
    }

    public boolean isTerminal() {
        return snapshot().state().status().isTerminal();
    }

    /** The resolved targets, in resolution order. */
    public List<ResolvedTarget> resolvedTargets() {
        return resolvedTargets;
    }

    public Map<String, String> tags() {
        return snapshot().tags();
    }

    /** Changes the tags (TagResource / UntagResource) atomically; no state change, no event. */
    public void retag(UnaryOperator<Map<String, String>> change) {
        snapshot.updateAndGet(e -> withTags(e, orderedCopy(change.apply(e.tags()))));
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /**
     * Starts the run, on the creator's thread, which holds the mailbox: {@code pending}, then {@code initiating} and
     * the initiation; or, when {@code safetyLeverReason} is not null, straight to {@code cancelled}. Releases the
     * mailbox, so that a stop posted meanwhile runs next.
     *
     * @return the experiment as StartExperiment returns it ({@code initiating}, or {@code cancelled})
     */
    public Experiment begin(String safetyLeverReason) {
        try {
            setStatus(ExperimentStatus.PENDING, EXPERIMENT_PENDING, null);
            if (safetyLeverReason != null) {
                cancelForLever(safetyLeverReason);
                return snapshot();
            }
            startTime = ctx.now();
            setStatus(ExperimentStatus.INITIATING, EXPERIMENT_INITIATING, null);
            emit(LogRecords.experimentStart(id, template.id(), startTime));
            Experiment started = snapshot();
            initiate();
            return started;
        } finally {
            mailbox.release();
        }
    }

    /**
     * Ends the run before it starts, on the creator's thread (instead of {@link #begin}): {@code failed} with
     * {@code why} (code {@code InitiationFailed}), every action {@code cancelled}, nothing resolved or armed.
     */
    public Experiment beginFailed(String why) {
        try {
            setStatus(ExperimentStatus.PENDING, EXPERIMENT_PENDING, null);
            terminating = true;
            finished = true;
            gate.close(why);
            endTime = ctx.now();
            for (ActionRun a : graph.all()) {
                a.set(ActionStatus.CANCELLED, ActionRun.CANCELLED);
                emit(LogRecords.actionEnd(id, a.name, a.actionId(), "cancelled", ActionRun.CANCELLED, endTime));
            }
            String reason = Text.truncate(why);
            setStatus(ExperimentStatus.FAILED, reason, error("InitiationFailed", null));
            emit(LogRecords.experimentEnd(id, endTime, "failed", reason));
            ended();
            return snapshot();
        } finally {
            mailbox.release();
        }
    }

    /**
     * Asks the experiment to stop (StopExperiment, safety lever, engine close). The experiment's faults stop at once:
     * its gate closes on this thread, before anything else happens. Then the run goes to {@code stopping} and, once
     * every revert ran, {@code stopped}. Idempotent; does nothing to an experiment that has ended or is ending.
     *
     * @return completes with the experiment as the stop left it ({@code stopping}, or its state then if it was
     *     already ending); {@link #terminated()} completes when it has ended
     */
    public CompletableFuture<Experiment> requestStop(String stopReason) {
        gate.close(stopReason);
        CompletableFuture<Experiment> accepted = new CompletableFuture<>();
        mailbox.post(() -> {
            boolean took = beginTermination(ExperimentStatus.STOPPED, stopReason, null, true);
            accepted.complete(took ? stoppingSnapshot : snapshot());
        });
        return accepted;
    }

    /**
     * Waits for the experiment to end, up to {@code timeout} (real time), and for its log records and events up to
     * {@code experiment-end} to have been delivered; returns the final state, or the latest one when it did not end in
     * time. Returns at once when called from one of this experiment's own plugin calls (which the ending may be
     * waiting for); from one of its own listeners or sinks it waits for the state only.
     */
    public Experiment await(Duration timeout) {
        if (id.equals(BoundedCalls.callingExperiment())) {
            return snapshot();
        }
        // From one of this experiment's listeners, wait for the state only: its own delivery is what is running.
        CompletableFuture<Experiment> until = EventOutbox.isDelivering(id) ? stateTerminal : terminated;
        try {
            return until.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            // falls through
        }
        return snapshot();
    }

    /**
     * Completes when {@code condition} holds for the experiment (checked after every change), or when it has ended.
     * Used for {@code awaitRunning}.
     */
    public CompletableFuture<Experiment> when(Predicate<Experiment> condition) {
        CompletableFuture<Experiment> f = new CompletableFuture<>();
        Experiment now = snapshot();
        if (now.state().status().isTerminal() || condition.test(now)) {
            f.complete(now);
            return f;
        }
        mailbox.post(() -> {
            Experiment e = snapshot();
            if (finished || condition.test(e)) {
                f.complete(e);
            } else {
                waiters.add(new Waiter(condition, f));
            }
        });
        return f;
    }

    /** Whether the experiment is running and no action's start call is still in flight (every started fault armed). */
    public static boolean settledRunning(Experiment e) {
        if (e.state().status() != ExperimentStatus.RUNNING) {
            return false;
        }
        for (ExperimentAction a : e.actions().values()) {
            if (a.state().status() == ActionStatus.INITIATING) {
                return false;
            }
        }
        return true;
    }

    private void cancelForLever(String leverReason) {
        terminating = true;
        finished = true;
        gate.close("the safety lever is engaged");
        endTime = ctx.now();
        for (ActionRun a : graph.all()) {
            a.set(ActionStatus.CANCELLED, ActionRun.CANCELLED_LEVER);
            emit(LogRecords.actionEnd(id, a.name, a.actionId(), "cancelled", ActionRun.CANCELLED_LEVER, endTime));
        }
        String why = Text.truncate("Experiment was cancelled because the safety lever is engaged: " + leverReason);
        setStatus(ExperimentStatus.CANCELLED, why, null);
        emit(LogRecords.experimentEnd(id, endTime, "cancelled", why));
        ended();
    }

    // ----------------------------------------------------------------------------------------------- initiation

    private void initiate() {
        String[] problem = graph.problem();
        if (problem != null) {
            fail(problem[0], "InvalidTemplate", problem[1]);
            return;
        }
        openStopCondition(0);
    }

    private List<StopConditionSpec> stopConditionSpecs() {
        return template.stopConditions() == null ? List.of() : template.stopConditions();
    }

    /** Opens stop condition {@code i} and checks it once (one bounded call), then the next; then targets. */
    private void openStopCondition(int i) {
        if (terminating) {
            return;
        }
        List<StopConditionSpec> specs = stopConditionSpecs();
        if (i == specs.size()) {
            Map<String, ExperimentTemplateTarget> targets = template.targets() == null ? Map.of()
                    : template.targets();
            resolveNext(new ArrayList<>(targets.entrySet()).iterator());
            return;
        }
        StopConditionSpec spec = specs.get(i);
        Optional<StopConditionProvider> provider = ctx.plugins.stopCondition(spec.source());
        if (provider.isEmpty()) {
            fail("No stop-condition provider for source '" + spec.source() + "' (stopConditions[" + i + "]).",
                    "StopConditionError", "stopConditions/" + i);
            return;
        }
        if (provider.get() instanceof NoneStopConditionProvider) {
            openStopCondition(i + 1); // the engine's own "none": nothing to open, check or close
            return;
        }
        StopConditionWatch.Slot slot = watch.add(spec);
        StopConditionContext context = new StopConditionContext(id, spec.source(), spec.value(), ctx.runtime);
        call("stop condition " + StopConditionWatch.describe(spec) + " (open and first check)",
                ctx.options.deadlines().stopConditionOpen(), () -> {
                    StopConditionMonitor m = provider.get().open(context);
                    StopConditionMonitor monitor = m == null ? StatusOk.INSTANCE : m;
                    slot.opened(monitor);
                    return monitor.check();
                }, outcome -> {
                    if (!outcome.succeeded()) {
                        fail("Stop condition " + StopConditionWatch.describe(spec) + " could not be opened and checked "
                                + "before start: " + outcome.problem(), "StopConditionError", "stopConditions/" + i);
                    } else if (outcome.value() != null && outcome.value().triggered()) {
                        beginTermination(ExperimentStatus.STOPPED, triggeredReason(spec, outcome.value()), null,
                                true);
                    } else {
                        openStopCondition(i + 1);
                    }
                });
    }

    private void resolveNext(Iterator<Map.Entry<String, ExperimentTemplateTarget>> targets) {
        if (terminating) {
            return;
        }
        if (!targets.hasNext()) {
            enterRunning();
            return;
        }
        Map.Entry<String, ExperimentTemplateTarget> e = targets.next();
        String name = e.getKey();
        ExperimentTemplateTarget target = e.getValue();
        String type = target.resourceType();
        emit(LogRecords.targetResolutionStart(id, name, ctx.now()));
        Optional<TargetResolverProvider> resolver = ctx.plugins.resolver(type);
        if (resolver.isEmpty()) {
            targetFailed(name, type, "no target resolver is registered for resource type '" + type + "'");
            return;
        }
        TargetQuery query = new TargetQuery(name, type, target.resourceArns(), target.resourceTags(),
                target.parameters(), ctx.runtime, id, template.roleArn());
        call("target '" + name + "' resolution", ctx.options.deadlines().targetResolution(),
                () -> resolver.get().resolve(query), outcome -> {
                    if (!outcome.succeeded()) {
                        targetFailed(name, type, outcome.problem());
                        return;
                    }
                    TargetResolution.Result r = TargetResolution.apply(target, outcome.value(), random);
                    if (r.error() != null) {
                        targetFailed(name, type, r.error());
                    } else if (resolvedTarget(name, type, r.selected())) {
                        resolveNext(targets);
                    }
                });
    }

    private boolean resolvedTarget(String name, String type, List<TargetResource> selected) {
        Instant at = ctx.now();
        resolved.put(name, List.copyOf(selected));
        List<ResolvedTarget> all = new ArrayList<>(resolvedTargets);
        List<Map<String, String>> infos = new ArrayList<>();
        for (TargetResource r : selected) {
            all.add(new ResolvedTarget(type, name, r.targetInformation()));
            infos.add(r.targetInformation());
        }
        resolvedTargets = List.copyOf(all);
        String err = selected.isEmpty() && !emptySkip ? "No resources were resolved for target '" + name + "'." : null;
        emit(LogRecords.targetResolutionDetail(id, name, type, ctx.accountId(), selected.size(), err == null, err,
                at));
        emit(LogRecords.targetResolutionEnd(id, name, type, infos, err, at));
        if (err != null) {
            fail("Target resolution failed for target '" + name + "': no resources were resolved.",
                    "TargetResolutionFailed", name);
            return false;
        }
        return true;
    }

    private void targetFailed(String name, String type, String why) {
        Instant at = ctx.now();
        emit(LogRecords.targetResolutionDetail(id, name, type, ctx.accountId(), 0, false, why, at));
        emit(LogRecords.targetResolutionEnd(id, name, type, List.of(), why, at));
        resolved.put(name, List.of());
        fail("Target resolution failed for target '" + name + "': " + why, "TargetResolutionFailed", name);
    }

    private void enterRunning() {
        setStatus(ExperimentStatus.RUNNING, EXPERIMENT_RUNNING, null);
        Instant now = ctx.now();
        limitTimer = ctx.schedule(startTime.plus(ctx.options.quotas().experimentDuration()),
                () -> mailbox.post(this::onTimeLimit));
        schedulePoll(now);
        advance();
    }

    // ------------------------------------------------------------------------------------------------- actions

    /** Starts or skips every ready action, up to the parallel-actions quota; completes the experiment when done. */
    private void advance() {
        int max = ctx.options.quotas().parallelActions();
        boolean changed = true;
        while (changed && !terminating) {
            changed = false;
            int active = graph.activeCount();
            for (ActionRun a : graph.ready()) {
                if (terminating) {
                    return;
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
            return;
        }
        publish();
        if (graph.allDone()) {
            beginTermination(ExperimentStatus.COMPLETED, EXPERIMENT_COMPLETED, null, false);
        }
    }

    private String skipReason(ActionRun a) {
        if (skipAll) {
            return ActionRun.SKIPPED_MODE;
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
        a.startOrder = graph.nextStartOrder();
        a.set(ActionStatus.INITIATING, ActionRun.INITIATING);
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
        ActionContext context = new RunActionContext(ctx, id, a, Collections.unmodifiableMap(params),
                Collections.unmodifiableMap(targets), gate, ledger, template.roleArn());
        a.startCall = ctx.calls.submit(id, "action '" + a.name + "' (" + a.actionId() + ") start",
                ctx.options.deadlines().actionStart(), () -> {
                    a.provider.start(context);
                    return null;
                }, outcome -> mailbox.post(() -> onStarted(a, outcome)));
    }

    private void onStarted(ActionRun a, BoundedCalls.Outcome<Object> outcome) {
        a.startCall = null;
        if (terminating) {
            // The experiment began ending while this start was in flight; it was interrupted and waited for.
            if (!outcome.succeeded()) {
                LOG.warn("Experiment {}: action '{}' start ended while stopping: {}", id, a.name, outcome.problem());
            }
            revertAfterStart(a);
            return;
        }
        if (!outcome.succeeded()) {
            failAction(a, outcome.problem());
            return;
        }
        a.set(ActionStatus.RUNNING, ActionRun.RUNNING);
        boolean monitored = startMonitor(a);
        if (a.duration != null) {
            Instant due = a.startTime.plus(a.duration);
            if (due.isAfter(ctx.now())) {
                a.timer = ctx.schedule(due, () -> mailbox.post(() -> onDurationElapsed(a)));
                publish();
                return;
            }
        } else if (monitored) {
            publish(); // no duration: it runs until its monitor says it is done
            return;
        }
        completeAction(a);
    }

    /** Takes the monitor the action's start registered (ActionContext.monitor), if any, and schedules its check. */
    private boolean startMonitor(ActionRun a) {
        a.monitor = a.requestedMonitor;
        if (a.monitor == null) {
            return false;
        }
        a.monitorInterval = a.requestedMonitorInterval;
        scheduleMonitorCheck(a);
        return true;
    }

    private void scheduleMonitorCheck(ActionRun a) {
        a.monitorTimer = ctx.schedule(ctx.now().plus(a.monitorInterval),
                () -> mailbox.post(() -> checkMonitor(a)));
    }

    /** One bounded check of the action's monitor: it keeps running, or completes, or fails, as the monitor says. */
    private void checkMonitor(ActionRun a) {
        a.monitorTimer = null;
        ActionMonitor m = a.monitor;
        if (terminating || m == null || a.status != ActionStatus.RUNNING) {
            return;
        }
        call("action '" + a.name + "' (" + a.actionId() + ") monitor check", ctx.options.deadlines().actionStart(),
                m::check, outcome -> {
                    if (a.monitor != m || a.status != ActionStatus.RUNNING) {
                        return; // it ended meanwhile (its duration elapsed)
                    }
                    ActionMonitor.Result r = outcome.value();
                    if (outcome.succeeded() && (r == null || r.outcome() == ActionMonitor.Outcome.RUNNING)) {
                        scheduleMonitorCheck(a);
                        return;
                    }
                    stopMonitor(a);
                    cancel(a.timer);
                    a.timer = null;
                    if (!outcome.succeeded()) {
                        failAction(a, "Following the action's state failed: " + outcome.problem());
                    } else if (r.outcome() == ActionMonitor.Outcome.FAILED) {
                        failAction(a, r.reason() == null ? "Action failed." : r.reason());
                    } else {
                        if (r.reason() != null) {
                            LOG.info("Experiment {}: action '{}' is done: {}", id, a.name, r.reason());
                        }
                        completeAction(a);
                    }
                });
    }

    private void stopMonitor(ActionRun a) {
        a.monitor = null;
        cancel(a.monitorTimer);
        a.monitorTimer = null;
    }

    private void onDurationElapsed(ActionRun a) {
        a.timer = null;
        if (!terminating && a.status == ActionStatus.RUNNING) {
            completeAction(a);
        }
    }

    /** The action's time is up (or it had none): run its reverts (post actions), then mark it completed. */
    private void completeAction(ActionRun a) {
        stopMonitor(a);
        List<RevertStep> steps = ledger.take(a);
        if (steps.isEmpty()) {
            markCompleted(a);
            return;
        }
        publish();
        outstanding++;
        runReverts(a, steps, 0, null, failure -> {
            outstanding--;
            if (terminating) {
                if (failure != null) {
                    revertFailures.putIfAbsent(a, failure);
                }
                maybeFinish();
            } else if (failure != null) {
                failAction(a, "Reverting the action failed: " + failure);
            } else {
                markCompleted(a);
            }
        });
    }

    private void markCompleted(ActionRun a) {
        Instant now = ctx.now();
        a.endTime = now;
        a.set(ActionStatus.COMPLETED, ActionRun.COMPLETED);
        emit(LogRecords.actionEnd(id, a.name, a.actionId(), "completed", ActionRun.COMPLETED, now,
                Map.copyOf(a.details)));
        advance();
    }

    private void failAction(ActionRun a, String why) {
        String r = Text.truncate(why);
        Instant now = ctx.now();
        a.endTime = now;
        a.set(ActionStatus.FAILED, r);
        emit(LogRecords.actionError(id, a.name, a.actionId(), ctx.accountId(), r, now));
        emit(LogRecords.actionEnd(id, a.name, a.actionId(), "failed", r, now, Map.copyOf(a.details)));
        beginTermination(ExperimentStatus.FAILED, "Action '" + a.name + "' failed: " + r,
                error("ActionFailed", a.name), false);
    }

    /**
     * Runs {@code steps} of {@code a} one after the other, each a bounded call; then {@code done} gets the first
     * failure (or {@code null}). A step that fails or times out does not keep the next from running.
     */
    private void runReverts(ActionRun a, List<RevertStep> steps, int i, String firstFailure,
            java.util.function.Consumer<String> done) {
        if (i == steps.size()) {
            done.accept(firstFailure);
            return;
        }
        RevertStep step = steps.get(i);
        String what = "revert step " + (i + 1) + " of " + steps.size() + " of action '" + a.name + "'";
        ctx.calls.submit(id, what, ctx.options.deadlines().revert(), () -> {
            step.revert();
            return null;
        }, outcome -> mailbox.post(() -> {
            String failure = firstFailure;
            if (!outcome.succeeded()) {
                LOG.warn("Experiment {}: {} failed: {}", id, what, outcome.problem(), outcome.failure());
                if (failure == null) {
                    failure = outcome.problem();
                }
            }
            runReverts(a, steps, i + 1, failure, done);
        }));
    }

    static Map<String, String> parametersWithDefaults(ExperimentTemplateAction spec, ActionDescriptor d) {
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

    private void schedulePoll(Instant from) {
        if (!watch.isEmpty() && !terminating) {
            pollTimer = ctx.schedule(from.plus(ctx.options.stopConditionPollInterval()),
                    () -> mailbox.post(this::poll));
        }
    }

    private void poll() {
        pollTimer = null;
        if (terminating || status != ExperimentStatus.RUNNING) {
            return;
        }
        List<StopConditionWatch.Slot> slots = watch.slots();
        call("stop-condition check", ctx.options.stopConditionCheckDeadline(),
                () -> StopConditionWatch.check(slots), outcome -> {
                    if (terminating) {
                        return;
                    }
                    StopConditionWatch.Round round = outcome.value();
                    if (round != null && round.trigger() != null) {
                        beginTermination(ExperimentStatus.STOPPED,
                                triggeredReason(round.trigger().spec, round.status()), null, true);
                        return;
                    }
                    String which = !outcome.succeeded() ? "Stop conditions"
                            : round.broken() == null ? null
                                    : "Stop condition " + StopConditionWatch.describe(round.broken().spec);
                    if (which != null) {
                        String why = !outcome.succeeded() ? "the check " + outcome.problem()
                                : Text.message(round.brokenBy());
                        int n = watch.failed();
                        LOG.warn("Experiment {}: {} could not be checked ({} in a row): {}", id, which, n, why);
                        if (n >= ctx.options.stopConditionMaxFailures()) {
                            String where = round != null && round.broken() != null ? round.broken().spec.source()
                                    : "stopConditions";
                            beginTermination(ExperimentStatus.FAILED, which + " could not be checked " + n
                                    + " times in a row: " + why, error("StopConditionError", where), false);
                            return;
                        }
                    } else {
                        watch.succeeded();
                    }
                    schedulePoll(ctx.now());
                });
    }

    private void onTimeLimit() {
        limitTimer = null;
        beginTermination(ExperimentStatus.STOPPED, "Experiment exceeded the maximum experiment duration of "
                + ctx.options.quotas().experimentDuration() + ".", null, true);
    }

    private static String triggeredReason(StopConditionSpec spec, StopConditionStatus s) {
        return "Experiment stopped by stop condition " + StopConditionWatch.describe(spec) + ": " + s.reason();
    }

    // ---------------------------------------------------------------------------------------------- termination

    /** The one way to end. Returns false when the experiment is already ending or ended. */
    private boolean beginTermination(ExperimentStatus target, String why, ExperimentError err, boolean stopping) {
        if (terminating || status.isTerminal()) {
            return false;
        }
        terminating = true;
        finalStatus = target;
        finalReason = Text.truncate(why);
        finalError = err;
        gate.close(finalReason);
        cancel(pollTimer);
        pollTimer = null;
        cancel(limitTimer);
        limitTimer = null;
        Instant now = ctx.now();
        for (ActionRun a : graph.all()) {
            cancel(a.timer);
            a.timer = null;
            stopMonitor(a);
            if (a.status == ActionStatus.PENDING) {
                a.set(ActionStatus.CANCELLED, ActionRun.CANCELLED);
                emit(LogRecords.actionEnd(id, a.name, a.actionId(), "cancelled", ActionRun.CANCELLED, now));
            } else if (a.isActive()) {
                a.set(ActionStatus.STOPPING, ActionRun.STOPPING);
            }
        }
        for (BoundedCalls.Call c : List.copyOf(abandonable)) {
            c.abandon("the experiment is ending: " + finalReason);
        }
        abandonable.clear();
        for (ActionRun a : graph.all()) {
            if (a.startCall != null) { // told to give up; its reverts run when it returns or its deadline passes
                a.startCall.interrupt();
                outstanding++;
            }
        }
        if (stopping) {
            setStatus(ExperimentStatus.STOPPING, EXPERIMENT_STOPPING, null);
        } else {
            publish();
        }
        stoppingSnapshot = snapshot(); // what StopExperiment answers, even when the end follows at once
        // Every action's remaining revert steps (the actions in parallel) and every monitor's close, each bounded.
        for (ActionRun a : graph.latestStartedFirst()) {
            if (a.startCall != null) {
                continue;
            }
            List<RevertStep> steps = ledger.take(a);
            if (!steps.isEmpty()) {
                outstanding++;
                runReverts(a, steps, 0, null, failure -> {
                    outstanding--;
                    if (failure != null) {
                        revertFailures.putIfAbsent(a, failure);
                    }
                    maybeFinish();
                });
            }
        }
        for (StopConditionWatch.Slot slot : watch.slots()) {
            StopConditionMonitor m = slot.takeForClose();
            if (m != null) {
                outstanding++;
                ctx.calls.submit(id, "stop condition " + StopConditionWatch.describe(slot.spec) + " close",
                        ctx.options.deadlines().revert(), () -> {
                            slot.closeQuietly(m);
                            return null;
                        }, outcome -> mailbox.post(() -> {
                            outstanding--;
                            maybeFinish();
                        }));
            }
        }
        maybeFinish();
        return true;
    }

    /** An action whose start was in flight when the experiment began ending: revert it now that start is over. */
    private void revertAfterStart(ActionRun a) {
        List<RevertStep> steps = ledger.take(a);
        if (steps.isEmpty()) {
            outstanding--;
            maybeFinish();
            return;
        }
        runReverts(a, steps, 0, null, failure -> {
            outstanding--;
            if (failure != null) {
                revertFailures.putIfAbsent(a, failure);
            }
            maybeFinish();
        });
    }

    private void maybeFinish() {
        if (!terminating || finished || outstanding > 0) {
            return;
        }
        finished = true;
        Instant now = ctx.now();
        for (ActionRun a : graph.all()) {
            if (a.status == ActionStatus.STOPPING) {
                String f = revertFailures.get(a);
                String r = f == null ? ActionRun.STOPPED : Text.truncate("Action was stopped; reverting it failed: "
                        + f);
                a.endTime = now;
                a.set(ActionStatus.STOPPED, r);
                emit(LogRecords.actionEnd(id, a.name, a.actionId(), "stopped", r, now, Map.copyOf(a.details)));
            }
        }
        endTime = now;
        setStatus(finalStatus, finalReason, finalError);
        emit(LogRecords.experimentEnd(id, now, finalStatus.wireName(), finalReason));
        ended();
    }

    /** Terminal: free the slot, then wake everyone waiting (who may count the slots). */
    private void ended() {
        Experiment last = snapshot();
        ctx.terminal(this);
        for (Waiter w : waiters) {
            w.future.complete(last);
        }
        waiters.clear();
        stateTerminal.complete(last);
        events.postMarker(() -> terminated.complete(last));
    }

    private void fail(String why, String code, String location) {
        beginTermination(ExperimentStatus.FAILED, why, error(code, location), false);
    }

    private ExperimentError error(String code, String location) {
        return new ExperimentError(ctx.accountId(), code, location);
    }

    private static void cancel(ScheduledTask t) {
        if (t != null) {
            t.cancel();
        }
    }

    /**
     * A bounded plugin call whose outcome comes back as a message; abandoned at once if the experiment starts
     * ending (revert steps and closes do not go through here: those are waited for).
     */
    private <T> BoundedCalls.Call call(String what, Duration deadline, java.util.concurrent.Callable<T> body,
            java.util.function.Consumer<BoundedCalls.Outcome<T>> onOutcome) {
        AtomicReference<BoundedCalls.Call> self = new AtomicReference<>();
        BoundedCalls.Call c = ctx.calls.submit(id, what, deadline, body, outcome -> mailbox.post(() -> {
            abandonable.remove(self.get());
            if (!terminating) {
                onOutcome.accept(outcome);
            }
        }));
        self.set(c);
        abandonable.add(c);
        return c;
    }

    // ---------------------------------------------------------------------------------------- state + events

    /** Mailbox-confined. The first change (to {@code pending}) has no old state. Terminal states are final. */
    private void setStatus(ExperimentStatus s, String why, ExperimentError err) {
        if (status.isTerminal() && announced) {
            LOG.error("Experiment {}: refused a change from terminal state {} to {}", id, status, s);
            return;
        }
        ExperimentStateChange.State old = announced ? new ExperimentStateChange.State(status.wireName(), reason)
                : null;
        announced = true;
        status = s;
        reason = Text.truncate(why);
        error = err;
        publish();
        events.post(ExperimentStateChange.of(ctx.accountId(), ctx.options.region(), ctx.now(), arn,
                new ExperimentStateChange.Detail(id, template.id(),
                        new ExperimentStateChange.State(s.wireName(), reason), old)));
    }

    private void emit(ExperimentLogRecord record) {
        events.post(record);
    }

    /** Mailbox-confined: republishes the snapshot (keeping the tags as they are now) and wakes satisfied waiters. */
    private void publish() {
        Experiment e = snapshot.updateAndGet(old -> build(old == null ? Map.of() : old.tags()));
        if (!waiters.isEmpty()) {
            waiters.removeIf(w -> {
                if (w.condition.test(e)) {
                    w.future.complete(e);
                    return true;
                }
                return false;
            });
        }
    }

    private Experiment build(Map<String, String> tags) {
        Map<String, ExperimentAction> views = new LinkedHashMap<>();
        for (ActionRun a : graph.all()) {
            views.put(a.name, a.view());
        }
        return new Experiment(id, arn, template.id(), template.roleArn(), new ExperimentState(status, reason, error),
                template.targets() == null ? Map.of() : template.targets(), views, template.stopConditions(),
                creationTime, startTime, endTime, tags, template.logConfiguration(), options, 0L,
                template.experimentReportConfiguration());
    }

    static Experiment withTags(Experiment e, Map<String, String> tags) {
        return new Experiment(e.id(), e.arn(), e.experimentTemplateId(), e.roleArn(), e.state(), e.targets(),
                e.actions(), e.stopConditions(), e.creationTime(), e.startTime(), e.endTime(), tags,
                e.logConfiguration(), e.experimentOptions(), e.targetAccountConfigurationsCount(),
                e.experimentReportConfiguration());
    }

    private static Map<String, String> orderedCopy(Map<String, String> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    // ------------------------------------------------------------------------------------------ nested types

    private record Waiter(Predicate<Experiment> condition, CompletableFuture<Experiment> future) {}

    /** A stop-condition provider that returned no monitor: never triggers. */
    private enum StatusOk implements StopConditionMonitor {
        INSTANCE;

        @Override
        public StopConditionStatus check() {
            return StopConditionStatus.ok();
        }
    }
}
