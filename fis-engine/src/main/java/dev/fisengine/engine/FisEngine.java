package dev.fisengine.engine;

import dev.fisengine.api.KillSwitch;
import dev.fisengine.api.event.ExperimentListener;
import dev.fisengine.api.event.ExperimentLogSink;
import dev.fisengine.api.exception.ConflictException;
import dev.fisengine.api.exception.ResourceNotFoundException;
import dev.fisengine.api.exception.ServiceQuotaExceededException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.Action;
import dev.fisengine.api.model.ActionParameter;
import dev.fisengine.api.model.ActionSummary;
import dev.fisengine.api.model.ActionTarget;
import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentOptions;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.ExperimentSummary;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.model.ExperimentTemplateSummary;
import dev.fisengine.api.model.ResolvedTarget;
import dev.fisengine.api.model.SafetyLever;
import dev.fisengine.api.model.SafetyLeverStatus;
import dev.fisengine.api.model.StartExperimentRequest;
import dev.fisengine.api.model.TargetResourceType;
import dev.fisengine.api.model.TargetResourceTypeParameter;
import dev.fisengine.api.model.TargetResourceTypeSummary;
import dev.fisengine.api.model.UpdateExperimentTemplateRequest;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.FaultGate;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.engine.internal.Components;
import dev.fisengine.engine.internal.DryRun;
import dev.fisengine.engine.internal.EngineContext;
import dev.fisengine.engine.internal.ExperimentRegistry;
import dev.fisengine.engine.internal.ExperimentRun;
import dev.fisengine.engine.internal.FaultGates;
import dev.fisengine.engine.internal.Ids;
import dev.fisengine.engine.internal.Paging;
import dev.fisengine.engine.internal.Persistence;
import dev.fisengine.engine.internal.SafetyLeverControl;
import dev.fisengine.engine.internal.StartHooks;
import dev.fisengine.engine.internal.TemplateStore;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.EngineClock;
import dev.fisengine.engine.time.SystemEngineClock;
import dev.fisengine.engine.validation.TemplateValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process equivalent of AWS Fault Injection Service: create templates, start, watch and stop experiments.
 * Method names, request and response shapes, states, reasons and errors follow the FIS API ({@code 2020-12-01}):
 * {@link ValidationException}, {@link ResourceNotFoundException}, {@link ConflictException} and
 * {@link ServiceQuotaExceededException} are FIS's error types.
 *
 * <pre>{@code
 * try (FisEngine engine = FisEngine.builder().build()) {
 *     ExperimentTemplate t = engine.createExperimentTemplate(json);
 *     Experiment e = engine.startExperiment(t.id());           // initiating
 *     engine.awaitRunning(e.id(), Duration.ofSeconds(10));     // running, every started fault armed
 *     e = engine.awaitExperiment(e.id(), Duration.ofMinutes(5)); // completed | stopped | failed | cancelled
 * }
 * }</pre>
 *
 * <p>Thread-safe, and fail-safe: every plugin call has a deadline ({@link Deadlines}); {@link #stopExperiment}, the
 * safety lever and {@link #close()} return within a stated bound whatever plugins and listeners do; each experiment's
 * state changes on one logical thread and its events are delivered after the fact with no lock held. See
 * {@code docs/engine.md}, "Threading". This class is the facade: templates live in {@code TemplateStore}, experiments
 * in {@code ExperimentRegistry} (slots, retention), each experiment's state machine in {@code ExperimentRun}, the
 * lever in {@code SafetyLeverControl}. Plugins see the engine only as a {@link FisRuntime} view, never this object.
 */
public final class FisEngine implements FisRuntime, AutoCloseable {
    /** System property that, set to {@code engaged}, engages the process-wide kill switch ({@link KillSwitch}). */
    public static final String SAFETY_LEVER_PROPERTY = KillSwitch.PROPERTY;
    /** Environment variable that, set to {@code engaged}, engages the process-wide kill switch. */
    public static final String SAFETY_LEVER_ENV = KillSwitch.ENV;
    /** The id of the (only) safety lever, as in FIS. */
    public static final String SAFETY_LEVER_ID = "default";
    /** What {@link #stopExperiment} and the lever wait beyond the revert deadline, for the run's own bookkeeping. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(2);
    /** How often the engine looks at the process-wide switch while it has active experiments. */
    private static final long SWITCH_POLL_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");
    private static final AtomicLong RUNTIMES = new AtomicLong();

    private final String runtimeId;
    private final EngineOptions options;
    private final Plugins plugins;
    private final EngineClock clock;
    private final SystemEngineClock ownedClock;
    private final ThreadPoolExecutor callThreads;
    private final ExecutorService ownedWorkers;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Components components;
    private final TemplateValidator validator;
    private final EngineContext ctx;
    private final Ids ids;
    private final Long seed;
    private final FisRuntime runtimeView;
    private final Thread shutdownHook;
    private final FaultGates.EngineGate gate = new FaultGates.EngineGate();
    private final SafetyLeverControl lever;
    private final TemplateStore templates;
    private final ExperimentRegistry experiments;
    private final Persistence persistence;
    /** Guards starting against closing and engaging the lever; nothing else runs under it. */
    private final Object startLock = new Object();
    private final AtomicBoolean switchWatched = new AtomicBoolean();
    private long sequence;
    private volatile boolean closed;

    private FisEngine(Builder b) {
        this.runtimeId = "fis-engine-" + RUNTIMES.incrementAndGet();
        this.options = b.options;
        this.plugins = b.plugins != null ? b.plugins : Plugins.discovered();
        if (b.clock != null) {
            this.clock = b.clock;
            this.ownedClock = null;
        } else {
            this.ownedClock = EngineClock.system();
            this.clock = ownedClock;
        }
        this.callThreads = pool(runtimeId + "-plugin-call-");
        Executor workers;
        if (b.executor != null) {
            workers = b.executor;
            this.ownedWorkers = null;
        } else {
            ThreadPoolExecutor w = pool(runtimeId + "-worker-");
            this.ownedWorkers = w;
            workers = w;
        }
        this.watchdog = new ScheduledThreadPoolExecutor(1, daemon(runtimeId + "-watchdog-"));
        watchdog.setRemoveOnCancelPolicy(true);
        this.components = new Components();
        b.components.forEach(components::register);
        this.validator = TemplateValidator.create(plugins, options.validationMode());
        this.seed = b.seed;
        this.ids = new Ids(b.seed);
        this.runtimeView = new RuntimeView();
        this.lever = new SafetyLeverControl(gate, options.safetyLeverSwitch());
        this.persistence = new Persistence(b.store);
        this.templates = new TemplateStore(validator, options.quotas(), clock, ids, this::arn, persistence);
        this.experiments = new ExperimentRegistry(clock, options.experimentRetention(),
                options.maxRetainedExperiments());
        List<ExperimentLogSink> sinks = new ArrayList<>();
        if (b.slf4jLog) {
            sinks.add(new Slf4jExperimentLogSink());
        }
        sinks.addAll(b.sinks);
        this.ctx = new EngineContext(options, plugins, clock, runtimeView, clock.track(workers), callThreads,
                watchdog, gate, sinks, b.listeners, this::ended);
        if (persistence.enabled()) {
            try {
                restore();
            } catch (RuntimeException e) {
                close(); // nothing started yet: this stops the engine's threads
                throw e;
            }
        }
        long switched = lever.followSwitch();
        if (switched >= 0) {
            lever.engaged(switched);
            LOG.warn("FIS engine {}: safety lever engaged ({}); experiments will be cancelled", runtimeId,
                    KillSwitch.reason());
        }
        if (options.shutdownHook()) {
            this.shutdownHook = new Thread(this::closeFromHook, runtimeId + "-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            this.shutdownHook = null;
        }
        // Before the engine is handed out, so that (e.g.) a crashed process's reverts complete before a new
        // experiment could touch the same resources; bounded by Deadlines.startHook, never throws.
        StartHooks.run(ctx, runtimeId, plugins.startHooks());
    }

    private static ThreadPoolExecutor pool(String prefix) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemon(prefix));
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    // ----------------------------------------------------------------------------------------------- templates

    /**
     * {@code CreateExperimentTemplate}. Validates against the plugins' descriptions (all problems at once) and stores
     * the template. A repeated {@code clientToken} returns the template it created.
     *
     * @throws ValidationException when the template is invalid (its findings list every problem)
     * @throws ServiceQuotaExceededException when the template or action/stop-condition quota is exceeded
     * @throws ConflictException when {@code clientToken} was used for a different template
     */
    public ExperimentTemplate createExperimentTemplate(CreateExperimentTemplateRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        return templates.create(request);
    }

    /** {@code CreateExperimentTemplate} from the JSON that {@code aws fis create-experiment-template} takes. */
    public ExperimentTemplate createExperimentTemplate(String json) {
        Objects.requireNonNull(json, "json");
        ensureOpen();
        return templates.create(json);
    }

    /**
     * {@code CreateExperimentTemplate} from a template read by {@link dev.fisengine.engine.source.TemplateSources}
     * (create-experiment-template YAML, CloudFormation, CDK output, Terraform). Values known only at deploy time are
     * placeholders and never make it invalid.
     *
     * @throws ValidationException when the template is invalid; each finding names the file, line and resource
     */
    public ExperimentTemplate createExperimentTemplate(dev.fisengine.engine.source.SourceTemplate source) {
        Objects.requireNonNull(source, "source");
        ensureOpen();
        dev.fisengine.engine.source.SourceValidation v = source.validate(validator);
        boolean invalid = v.errors().stream().anyMatch(f -> !f.code().equals(
                dev.fisengine.engine.validation.ValidationCode.QUOTA_ACTIONS.code())
                && !f.code().equals(dev.fisengine.engine.validation.ValidationCode.QUOTA_STOP_CONDITIONS.code()));
        if (invalid || v.template() == null) {
            throw v.toException();
        }
        return templates.create(v.template(), v.result());
    }

    /** {@code GetExperimentTemplate}. */
    public ExperimentTemplate getExperimentTemplate(String id) {
        return templates.get(id);
    }

    /** {@code ListExperimentTemplates}, oldest first. {@code maxResults} 1–100 (default 100), {@code nextToken}. */
    public Page<ExperimentTemplateSummary> listExperimentTemplates(Integer maxResults, String nextToken) {
        return templates.list(maxResults, nextToken);
    }

    /** The first page (up to 100) of {@link #listExperimentTemplates(Integer, String)}. */
    public Page<ExperimentTemplateSummary> listExperimentTemplates() {
        return listExperimentTemplates(null, null);
    }

    /**
     * {@code UpdateExperimentTemplate}: each member present in the request replaces the stored one; the result is
     * validated like a new template. Running experiments keep the template they started with.
     */
    public ExperimentTemplate updateExperimentTemplate(String id, UpdateExperimentTemplateRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        return templates.update(id, request);
    }

    /** {@code DeleteExperimentTemplate}; returns the deleted template. Experiments started from it are unaffected. */
    public ExperimentTemplate deleteExperimentTemplate(String id) {
        return templates.delete(id);
    }

    // --------------------------------------------------------------------------------------------- experiments

    /** {@code StartExperiment} with no client token, {@code run-all} and no tags. */
    public Experiment startExperiment(String experimentTemplateId) {
        return startExperiment(StartExperimentRequest.of(experimentTemplateId));
    }

    /**
     * {@code StartExperiment}: snapshots the template and starts the experiment; returns it in state
     * {@code initiating} (or {@code cancelled} while the safety lever is engaged). Initiation (stop-condition check,
     * target resolution) and the actions continue on the engine's threads: call {@link #awaitRunning} to wait until
     * the experiment runs with every started fault armed.
     *
     * @throws ResourceNotFoundException when the template does not exist
     * @throws ServiceQuotaExceededException when the active-experiments quota is reached
     * @throws ConflictException when {@code clientToken} was already used with different parameters
     * @throws ValidationException for a bad {@code actionsMode} or tags
     */
    public Experiment startExperiment(StartExperimentRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        validateStart(request);
        checkTargetAccounts(request);
        followKillSwitch();
        experiments.purgeExpired();
        ExperimentRun run;
        String leverReason;
        synchronized (startLock) {
            ensureOpen();
            String token = request.clientToken();
            if (token != null) {
                ExperimentRun used = experiments.byToken(token);
                if (used != null) {
                    if (!sameStart(used.request(), request)) {
                        throw new ConflictException("clientToken '" + token + "' was already used to start "
                                + "experiment " + used.id() + " with different parameters.");
                    }
                    return used.snapshot();
                }
            }
            ExperimentTemplate template = templates.get(request.experimentTemplateId());
            leverReason = lever.engagedReason();
            ExperimentOptions to = template.experimentOptions();
            String mode = request.experimentOptions() == null || request.experimentOptions().actionsMode() == null
                    ? ExperimentOptions.RUN_ALL : request.experimentOptions().actionsMode();
            ExperimentOptions effective = new ExperimentOptions(
                    to == null || to.accountTargeting() == null ? ExperimentOptions.SINGLE_ACCOUNT
                            : to.accountTargeting(),
                    to == null || to.emptyTargetResolutionMode() == null ? ExperimentOptions.EMPTY_FAIL
                            : to.emptyTargetResolutionMode(),
                    mode);
            long seq = ++sequence;
            String id = ids.experimentId();
            while (experiments.contains(id)) {
                id = ids.experimentId();
            }
            long randomSeed = seed == null ? java.util.concurrent.ThreadLocalRandom.current().nextLong()
                    : mix(seed, seq);
            run = new ExperimentRun(ctx, seq, id, arn("experiment", id), template, effective, request, randomSeed);
            experiments.register(run, leverReason == null ? options.quotas().activeExperiments() : -1);
        }
        if (persistence.enabled()) { // outside every lock: the lever and close never wait for the store
            try {
                persistence.experiment(run);
            } catch (EngineStoreException e) {
                run.beginFailed("The experiment could not be recorded in the engine store, so it did not start: "
                        + e.getMessage());
                throw e;
            }
        }
        watchKillSwitch();
        Experiment started = run.begin(leverReason); // outside every lock: the run's own thread of control from here
        if (persistence.enabled()) { // and once it runs (what a restart after a crash reports), off its thread
            try {
                run.when(ExperimentRun::settledRunning).thenRunAsync(() -> record(run), callThreads);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing: the end of the experiment is recorded when close() stops it
            }
        }
        return started;
    }

    /**
     * A dry run of a template ({@code fis run --dry-run}): resolves its targets as a run would (the resolvers' calls,
     * bounded by the target-resolution deadline; filters and selection modes applied, seeded like a run) and asks
     * each action's provider what it would call ({@link dev.fisengine.api.spi.ActionProvider#plan}), without
     * starting anything: no experiment is created, nothing is armed, stop conditions are not opened. Plugin calls
     * see the experiment id {@value DryRun#EXPERIMENT_ID}.
     *
     * @throws ResourceNotFoundException when the template does not exist
     */
    public ExperimentPlan planExperiment(String experimentTemplateId) {
        Objects.requireNonNull(experimentTemplateId, "experimentTemplateId");
        ensureOpen();
        ExperimentTemplate template = templates.get(experimentTemplateId);
        long s = seed == null ? java.util.concurrent.ThreadLocalRandom.current().nextLong() : mix(seed, 0);
        return DryRun.plan(ctx, template, new java.util.Random(s));
    }

    /** {@code GetExperiment}: the experiment's latest state. */
    public Experiment getExperiment(String id) {
        return run(id).snapshot();
    }

    /**
     * {@code ListExperiments}, oldest first, optionally only those of one template. Ended experiments are kept up to
     * {@link EngineOptions#maxRetainedExperiments()} and {@link EngineOptions#experimentRetention()}.
     *
     * @param experimentTemplateId only experiments of this template, or {@code null} for all
     */
    public Page<ExperimentSummary> listExperiments(Integer maxResults, String nextToken,
            String experimentTemplateId) {
        experiments.purgeExpired();
        return experiments.page(maxResults, nextToken, experimentTemplateId, ExperimentRun::summary);
    }

    /** The first page (up to 100) of {@link #listExperiments(Integer, String, String)}. */
    public Page<ExperimentSummary> listExperiments() {
        return listExperiments(null, null, null);
    }

    /**
     * {@code StopExperiment}. The experiment's API faults stop before this call does anything else (its fault gate
     * closes on the calling thread); then it goes to {@code stopping}, runs every revert step and ends
     * {@code stopped}. Returns when it has ended — at most {@link #stopBound()} later, whatever its plugins do
     * (a revert step past its deadline is abandoned and recorded as failed). Returns the state FIS returns:
     * {@code stopping}, "Stopping Experiment.". Called from one of the experiment's own plugin calls, it does not wait.
     *
     * @throws ValidationException when the experiment has already ended (as FIS declares for StopExperiment)
     * @throws ResourceNotFoundException when there is no such experiment
     */
    public Experiment stopExperiment(String id) {
        ExperimentRun r = run(id);
        Experiment now = r.snapshot();
        if (now.state().status().isTerminal()) {
            throw alreadyEnded(r.id(), now.state().status());
        }
        CompletableFuture<Experiment> accepted = r.requestStop("Experiment stopped.");
        Experiment last = r.await(stopBound());
        Experiment a = accepted.getNow(null);
        if (a == null) {
            return last; // called from its own plugin call: the stop is taken after this call returns
        }
        if (a.state().status().isTerminal()) {
            throw alreadyEnded(r.id(), a.state().status()); // it ended on its own just before the stop was taken
        }
        return a;
    }

    private static ValidationException alreadyEnded(String id, ExperimentStatus status) {
        String msg = "Experiment " + id + " is already " + status.wireName() + " and cannot be stopped.";
        return new ValidationException(msg, List.of(Finding.error("experiment.ended", "/id", msg)));
    }

    /**
     * The longest {@link #stopExperiment} and the safety lever wait for an experiment to end: the action-start
     * deadline (an action whose {@code start} is in flight is interrupted, and its reverts run once it has returned or
     * its deadline has passed) plus the revert deadline plus a small margin. Reverts of different actions run in
     * parallel; an action's own steps run in order, each with the revert deadline (so an action that registered
     * {@code n} steps that all hang can take {@code n} deadlines). Its API faults are off from the first instant,
     * whatever its plugins do.
     */
    public Duration stopBound() {
        return options.deadlines().actionStart().plus(options.deadlines().revert()).plus(STOP_MARGIN);
    }

    /**
     * Waits (real time) until the experiment reaches a terminal state or {@code timeout} passes, and returns its
     * latest state either way (check {@code state().status().isTerminal()}). With a {@code ManualClock}, advance the
     * clock instead.
     */
    public Experiment awaitExperiment(String id, Duration timeout) {
        return run(id).await(timeout);
    }

    /**
     * Waits (real time, at most {@code timeout}) until the experiment is {@code running} and no action's start is
     * still in flight — every fault of the actions started so far is armed — and returns it. Call it after
     * {@link #startExperiment} before exercising the code under test.
     *
     * @throws IllegalStateException when the experiment ended without running to completion (failed, stopped,
     *     cancelled: the message says why) or is not running after {@code timeout}
     */
    public Experiment awaitRunning(String id, Duration timeout) {
        ExperimentRun r = run(id);
        Experiment e = await(r.when(ExperimentRun::settledRunning), timeout, r);
        if (ExperimentRun.settledRunning(e) || e.state().status() == ExperimentStatus.COMPLETED) {
            return e;
        }
        throw new IllegalStateException("Experiment " + id + " is not running after " + timeout + ": "
                + e.state().status().wireName() + " (" + e.state().reason() + ")");
    }

    /**
     * Waits (real time, at most {@code timeout}) until the named action has left {@code pending} and
     * {@code initiating} (it is running, or done), or the experiment has ended; returns the experiment either way.
     */
    public Experiment awaitAction(String id, String actionName, Duration timeout) {
        ExperimentRun r = run(id);
        if (r.snapshot().actions().get(actionName) == null) {
            throw new ResourceNotFoundException("Experiment " + id + " has no action '" + actionName + "'.");
        }
        return await(r.when(e -> {
            dev.fisengine.api.model.ActionStatus s = e.actions().get(actionName).state().status();
            return s != dev.fisengine.api.model.ActionStatus.PENDING
                    && s != dev.fisengine.api.model.ActionStatus.INITIATING;
        }), timeout, r);
    }

    private static Experiment await(CompletableFuture<Experiment> f, Duration timeout, ExperimentRun r) {
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            // falls through
        }
        return r.snapshot();
    }

    /** {@code ListExperimentResolvedTargets}, optionally only for {@code targetName}. */
    public Page<ResolvedTarget> listExperimentResolvedTargets(String experimentId, Integer maxResults,
            String nextToken, String targetName) {
        List<ResolvedTarget> all = new ArrayList<>();
        for (ResolvedTarget t : run(experimentId).resolvedTargets()) {
            if (targetName == null || targetName.equals(t.targetName())) {
                all.add(t);
            }
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            idx.add(i);
        }
        return Paging.page(idx, i -> key(i), all::get, maxResults, nextToken);
    }

    // ------------------------------------------------------------------------------------------------- catalog

    /** {@code ListActions}: the action types the plugins provide, sorted by id. */
    public Page<ActionSummary> listActions(Integer maxResults, String nextToken) {
        List<ActionDescriptor> all = new ArrayList<>();
        plugins.actions().forEach(p -> all.add(p.descriptor()));
        return Paging.page(all, ActionDescriptor::id, d -> new ActionSummary(d.id(), arn("action", d.id()),
                d.description(), actionTargets(d), Map.of()), maxResults, nextToken);
    }

    /** {@code GetAction}, e.g. {@code aws:fis:wait}. */
    public Action getAction(String id) {
        ActionDescriptor d = plugins.actionDescriptor(Objects.requireNonNull(id, "id")).orElseThrow(() ->
                new ResourceNotFoundException("Action '" + id + "' not found."));
        Map<String, ActionParameter> params = new LinkedHashMap<>();
        for (ParameterDescriptor p : d.parameters()) {
            params.put(p.name(), new ActionParameter(p.description(), p.required()));
        }
        return new Action(d.id(), arn("action", d.id()), d.description(), params.isEmpty() ? null : params,
                actionTargets(d), Map.of());
    }

    /** {@code ListTargetResourceTypes}: the resource types the plugins resolve, sorted. */
    public Page<TargetResourceTypeSummary> listTargetResourceTypes(Integer maxResults, String nextToken) {
        List<TargetTypeDescriptor> all = new ArrayList<>();
        plugins.resolvers().forEach(p -> all.add(p.descriptor()));
        return Paging.page(all, TargetTypeDescriptor::resourceType,
                d -> new TargetResourceTypeSummary(d.resourceType(), d.description()), maxResults, nextToken);
    }

    /** {@code GetTargetResourceType}, e.g. {@code aws:ec2:instance}. */
    public TargetResourceType getTargetResourceType(String resourceType) {
        TargetTypeDescriptor d = plugins.targetType(Objects.requireNonNull(resourceType, "resourceType"))
                .orElseThrow(() -> new ResourceNotFoundException("Target resource type '" + resourceType
                        + "' not found."));
        Map<String, TargetResourceTypeParameter> params = new LinkedHashMap<>();
        for (ParameterDescriptor p : d.parameters()) {
            params.put(p.name(), new TargetResourceTypeParameter(p.description(), p.required()));
        }
        return new TargetResourceType(d.resourceType(), d.description(), params.isEmpty() ? null : params);
    }

    private static Map<String, ActionTarget> actionTargets(ActionDescriptor d) {
        if (d.targets().isEmpty()) {
            return null;
        }
        Map<String, ActionTarget> out = new LinkedHashMap<>();
        for (TargetKeyDescriptor k : d.targets()) {
            out.put(k.key(), new ActionTarget(new TreeSet<>(k.resourceTypes()).stream().findFirst().orElse(null)));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------- tags

    /** {@code TagResource}: adds or replaces tags on an experiment template or experiment (by ARN). */
    public void tagResource(String resourceArn, Map<String, String> tags) {
        Objects.requireNonNull(tags, "tags");
        retag(resourceArn, current -> {
            Map<String, String> m = new LinkedHashMap<>(current);
            m.putAll(tags);
            return m;
        });
    }

    /** {@code UntagResource}: removes the given tag keys (absent keys are ignored). */
    public void untagResource(String resourceArn, Collection<String> tagKeys) {
        Objects.requireNonNull(tagKeys, "tagKeys");
        retag(resourceArn, current -> {
            Map<String, String> m = new LinkedHashMap<>(current);
            tagKeys.forEach(m::remove);
            return m;
        });
    }

    /** {@code ListTagsForResource}. */
    public Map<String, String> listTagsForResource(String resourceArn) {
        Object r = resource(resourceArn);
        return r instanceof ExperimentRun run ? run.tags() : templates.tags((String) r);
    }

    /** Tags change atomically per resource; no lock of the engine is held and no run is called into. */
    private void retag(String resourceArn, UnaryOperator<Map<String, String>> change) {
        UnaryOperator<Map<String, String>> checked = current -> {
            Map<String, String> next = change.apply(current == null ? Map.of() : current);
            validateTags(next, "/tags");
            return next;
        };
        Object r = resource(resourceArn);
        if (r instanceof ExperimentRun run) {
            persistence.retagExperiment(run, checked);
        } else {
            templates.retag((String) r, checked);
        }
    }

    /** The experiment run, or the template id, that {@code resourceArn} names. */
    private Object resource(String resourceArn) {
        Objects.requireNonNull(resourceArn, "resourceArn");
        String templatePrefix = arn("experiment-template", "");
        String experimentPrefix = arn("experiment", "");
        if (resourceArn.startsWith(templatePrefix)) {
            String id = resourceArn.substring(templatePrefix.length());
            if (templates.contains(id)) {
                return id;
            }
        } else if (resourceArn.startsWith(experimentPrefix)) {
            ExperimentRun r = experiments.get(resourceArn.substring(experimentPrefix.length()));
            if (r != null) {
                return r;
            }
        }
        throw new ResourceNotFoundException("Resource '" + resourceArn + "' not found.");
    }

    // -------------------------------------------------------------------------------------------- safety lever

    /** {@code GetSafetyLever}; the only id is {@value #SAFETY_LEVER_ID}. */
    public SafetyLever getSafetyLever(String id) {
        checkLeverId(id);
        followKillSwitch();
        SafetyLeverControl.Reading r = lever.read();
        return new SafetyLever(SAFETY_LEVER_ID, arn("safety-lever", SAFETY_LEVER_ID),
                new SafetyLever.State(r.status(), r.reason()));
    }

    /**
     * {@code UpdateSafetyLeverState}. Engaging stops the engine's API faults at once (its fault gate closes before
     * anything else), stops every running experiment (they end {@code stopped}) and makes new ones end
     * {@code cancelled}; the lever is {@code engaging} until the running ones have ended — at most
     * {@link #stopBound()} — and this call returns after that. Disengaging lets experiments start again.
     *
     * @throws ConflictException while the lever is {@code engaging}, or when disengaging a lever that the
     *     process-wide switch holds
     * @throws ValidationException for a missing reason or a status other than engaged / disengaged
     */
    public SafetyLever updateSafetyLeverState(String id, SafetyLeverStatus status, String reason) {
        checkLeverId(id);
        if (status == null || status == SafetyLeverStatus.ENGAGING) {
            throw ValidationException.of(List.of(Finding.error("request.invalid-value", "/state/status",
                    "status must be engaged or disengaged, not " + (status == null ? "null" : status.wireName()))));
        }
        if (reason == null || reason.isBlank()) {
            throw ValidationException.of(List.of(Finding.error("request.missing-member", "/state/reason",
                    "a reason is required")));
        }
        if (status == SafetyLeverStatus.DISENGAGED) {
            lever.disengage(reason);
            return getSafetyLever(id);
        }
        long gen;
        List<ExperimentRun> toStop;
        synchronized (startLock) { // no experiment can start unseen between engaging and collecting
            gen = lever.engage(reason);
            toStop = experiments.active();
        }
        CompletableFuture<Void> all = stopAll(toStop, "Experiment stopped because the safety lever was engaged: "
                + reason, gen);
        waitQuietly(all, stopBound());
        return getSafetyLever(id);
    }

    /** Stops {@code runs}; the lever becomes engaged when they have ended or the stop bound has passed. */
    private CompletableFuture<Void> stopAll(List<ExperimentRun> runs, String why, long leverGeneration) {
        List<CompletableFuture<Experiment>> ends = new ArrayList<>();
        for (ExperimentRun r : runs) {
            r.requestStop(why);
            ends.add(r.terminated());
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(ends.toArray(new CompletableFuture<?>[0]));
        all.orTimeout(stopBound().toNanos(), TimeUnit.NANOSECONDS).whenComplete((v, t) -> {
            if (t != null) {
                LOG.warn("FIS engine {}: experiments still stopping after {}: {}", runtimeId, stopBound(),
                        runs.stream().filter(r -> !r.terminated().isDone()).map(ExperimentRun::id).toList());
            }
            lever.engaged(leverGeneration);
        });
        return all;
    }

    /** If the process-wide switch is on and the lever does not show it yet: engage it and stop everything. */
    private void followKillSwitch() {
        long gen;
        List<ExperimentRun> toStop;
        synchronized (startLock) {
            gen = lever.followSwitch();
            if (gen < 0) {
                return;
            }
            toStop = experiments.active();
        }
        LOG.warn("FIS engine {}: safety lever engaged by the process-wide switch ({})", runtimeId,
                KillSwitch.reason());
        stopAll(toStop, "Experiment stopped because the safety lever was engaged: " + KillSwitch.reason(), gen);
    }

    /** While experiments are active, looks at the process-wide switch every {@value #SWITCH_POLL_MILLIS} ms. */
    private void watchKillSwitch() {
        if (switchWatched.compareAndSet(false, true)) {
            scheduleSwitchWatch();
        }
    }

    private void scheduleSwitchWatch() {
        try {
            watchdog.schedule(() -> {
                followKillSwitch();
                if (!closed && experiments.activeCount() > 0) {
                    scheduleSwitchWatch();
                    return;
                }
                switchWatched.set(false);
                if (!closed && experiments.activeCount() > 0 && switchWatched.compareAndSet(false, true)) {
                    scheduleSwitchWatch();
                }
            }, SWITCH_POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            switchWatched.set(false); // closed
        }
    }

    private static void checkLeverId(String id) {
        if (!SAFETY_LEVER_ID.equals(id)) {
            throw new ResourceNotFoundException("Safety lever '" + id + "' not found.");
        }
    }

    // ---------------------------------------------------------------------------------------- runtime + close

    /** The plugins this engine uses. */
    public Plugins plugins() {
        return plugins;
    }

    public EngineOptions options() {
        return options;
    }

    /** The validator create/update use (same plugins and mode), e.g. to lint templates without storing them. */
    public TemplateValidator validator() {
        return validator;
    }

    @Override
    public String runtimeId() {
        return runtimeId;
    }

    /** The engine's clock ({@link dev.fisengine.engine.time.ManualClock} in deterministic tests). */
    @Override
    public EngineClock clock() {
        return clock;
    }

    @Override
    public <T> T component(Class<T> type, Function<? super FisRuntime, ? extends T> factory) {
        Objects.requireNonNull(factory, "factory");
        return components.get(type, () -> factory.apply(runtimeView));
    }

    /** This engine's fault gate: closed while its lever or the kill switch is engaged, and once it is closed. */
    @Override
    public FaultGate faultGate() {
        return gate;
    }

    /** Experiments kept in memory (active and ended, within the retention limits). */
    public int retainedExperiments() {
        return experiments.size();
    }

    /** Experiments not yet in a terminal state (the slots the active-experiments quota counts). */
    public int activeExperiments() {
        return experiments.activeCount();
    }

    /** Plugin calls this engine abandoned because they passed their deadline or the experiment was stopping. */
    public long abandonedPluginCalls() {
        return ctx.abandonedCalls();
    }

    /**
     * Closes the engine: its fault gate closes at once (nothing it armed is injected from then on, and zero-code
     * clients bound to it are unbound when its components close), every experiment that has not ended is stopped
     * ("Experiment stopped because the engine was closed."), and this waits for them up to
     * {@link EngineOptions#closeTimeout()}; then {@link AutoCloseable} components are closed, the engine's threads
     * are stopped (interrupted: a plugin call still running is abandoned) and the shutdown hook is removed.
     * Idempotent.
     */
    @Override
    public void close() {
        close("Experiment stopped because the engine was closed.", true);
    }

    private void closeFromHook() {
        close("Experiment stopped because the JVM is shutting down.", false);
    }

    private void close(String reason, boolean removeHook) {
        List<ExperimentRun> toStop;
        synchronized (startLock) {
            if (closed) {
                return;
            }
            closed = true;
            gate.close("the engine " + runtimeId + " is closed");
            toStop = experiments.active();
        }
        List<CompletableFuture<Experiment>> ends = new ArrayList<>();
        for (ExperimentRun r : toStop) {
            r.requestStop(reason);
            ends.add(r.terminated());
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(ends.toArray(new CompletableFuture<?>[0]));
        if (!waitQuietly(all, options.closeTimeout())) {
            LOG.error("FIS engine {}: experiments still stopping after {}: {}", runtimeId, options.closeTimeout(),
                    experiments.active().stream().map(ExperimentRun::id).toList());
        }
        components.closeAll();
        watchdog.shutdownNow();
        callThreads.shutdownNow();
        if (ownedWorkers != null) {
            ownedWorkers.shutdownNow();
        }
        if (ownedClock != null) {
            ownedClock.close();
        }
        if (removeHook && shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    /** Waits for {@code f} up to {@code timeout}; {@code true} when it completed. Never throws. */
    private static boolean waitQuietly(CompletableFuture<?> f, Duration timeout) {
        try {
            f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            // not done in time, or failed: the caller reports it
        }
        return f.isDone();
    }

    /** The registered JVM shutdown hook, or {@code null} (for tests). */
    Thread shutdownHookThread() {
        return shutdownHook;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /**
     * A {@code multi-account} template needs at least one target account configuration to start (FIS: "A target
     * account configuration is required when accountTargeting of experimentOptions is set to multi-account").
     */
    private void checkTargetAccounts(StartExperimentRequest request) {
        ExperimentTemplate t = templates.find(request.experimentTemplateId());
        if (t == null || t.experimentOptions() == null
                || !ExperimentOptions.MULTI_ACCOUNT.equals(t.experimentOptions().accountTargeting())) {
            return; // a missing template is reported under the start lock, as before
        }
        if (request.clientToken() != null && experiments.byToken(request.clientToken()) != null) {
            return; // a repeated start returns what it started
        }
        if (targetAccounts().count(t.id()) == 0) {
            String msg = "Experiment template " + t.id() + " has accountTargeting multi-account and no target account "
                    + "configurations; create one with CreateTargetAccountConfiguration before starting it.";
            throw new ValidationException(msg, List.of(Finding.error("experiment.no-target-accounts",
                    "/experimentTemplateId", msg)));
        }
    }

    /** A run reached a terminal state (on its mailbox thread, no lock held): free its slot, then record it. */
    private void ended(ExperimentRun run) {
        experiments.ended(run);
        record(run);
    }

    /** Records the experiment as it is now; a failure is logged (it is not a change that anyone asked for). */
    private void record(ExperimentRun run) {
        if (persistence.enabled()) {
            try {
                persistence.experiment(run);
            } catch (RuntimeException e) {
                LOG.error("FIS engine {}: experiment {} ({}) could not be recorded in the engine store ({}); after "
                        + "a restart it may show as failed because the engine stopped", runtimeId, run.id(),
                        run.snapshot().state().status().wireName(), e.getMessage());
            }
        }
    }

    /** Reads back what the engine's store kept: templates, target account configurations, experiments. */
    private void restore() {
        int templateCount = 0;
        for (Persistence.TemplateRecord t : persistence.loadTemplates()) {
            templates.restore(t.seq(), t.template(), t.request());
            templateCount++;
        }
        persistence.loadTargetAccounts().forEach((id, r) -> targetAccounts().restore(id, r));
        List<ExperimentRun> restored = new ArrayList<>();
        int interrupted = 0;
        for (Persistence.ExperimentRecord r : persistence.loadExperiments()) {
            Experiment e = r.experiment();
            if (!e.state().status().isTerminal()) {
                e = Persistence.interrupted(e, clock.instant(), options.accountId());
                interrupted++;
            }
            ExperimentRun run = ExperimentRun.restored(ctx, r.seq(), e, r.resolvedTargets(), r.request());
            if (e != r.experiment()) {
                persistence.experiment(run);
                LOG.warn("FIS engine {}: experiment {} was {} when the previous engine stopped; it is now failed ({})",
                        runtimeId, e.id(), r.experiment().state().status().wireName(), e.state().reason());
            }
            experiments.restore(run);
            restored.add(run);
            sequence = Math.max(sequence, r.seq());
        }
        for (ExperimentRun run : restored) {
            if (!experiments.contains(run.id())) {
                persistence.experimentForgotten(run.id()); // past the retention limits
            }
        }
        LOG.info("FIS engine {}: restored {} template(s) and {} experiment(s) from the engine store ({} had not "
                + "ended)", runtimeId, templateCount, experiments.size(), interrupted);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("FIS engine " + runtimeId + " is closed.");
        }
    }

    private ExperimentRun run(String id) {
        if (id == null) {
            throw ValidationException.of(List.of(Finding.error("request.missing-member", "/id",
                    "an experiment id is required")));
        }
        ExperimentRun r = experiments.get(id);
        if (r == null) {
            throw new ResourceNotFoundException("Experiment '" + id + "' not found.");
        }
        return r;
    }

    private String arn(String type, String id) {
        return "arn:" + options.partition() + ":fis:" + options.region() + ":" + options.accountId() + ":" + type
                + "/" + id;
    }

    private static boolean sameStart(StartExperimentRequest a, StartExperimentRequest b) {
        return Objects.equals(a.experimentTemplateId(), b.experimentTemplateId())
                && Objects.equals(mode(a), mode(b))
                && Objects.equals(tagsOf(a), tagsOf(b));
    }

    private static String mode(StartExperimentRequest r) {
        return r.experimentOptions() == null || r.experimentOptions().actionsMode() == null
                ? ExperimentOptions.RUN_ALL : r.experimentOptions().actionsMode();
    }

    private static Map<String, String> tagsOf(StartExperimentRequest r) {
        return r.tags() == null ? Map.of() : new HashMap<>(r.tags());
    }

    private static void validateStart(StartExperimentRequest r) {
        List<Finding> f = new ArrayList<>();
        if (r.experimentTemplateId() == null || r.experimentTemplateId().isBlank()) {
            f.add(Finding.error("request.missing-member", "/experimentTemplateId",
                    "experimentTemplateId is required"));
        }
        if (r.clientToken() != null && (r.clientToken().isEmpty() || r.clientToken().length() > 1024)) {
            f.add(Finding.error("request.length", "/clientToken", "clientToken must be 1 to 1024 characters long"));
        }
        ExperimentOptions o = r.experimentOptions();
        if (o != null) {
            if (o.actionsMode() != null && !o.actionsMode().equals(ExperimentOptions.RUN_ALL)
                    && !o.actionsMode().equals(ExperimentOptions.SKIP_ALL)) {
                f.add(Finding.error("request.invalid-value", "/experimentOptions/actionsMode", "\""
                        + o.actionsMode() + "\" is not run-all or skip-all"));
            }
            if (o.accountTargeting() != null || o.emptyTargetResolutionMode() != null) {
                f.add(Finding.error("template.unknown-member", "/experimentOptions",
                        "StartExperiment accepts only actionsMode in experimentOptions"));
            }
        }
        f.addAll(tagFindings(r.tags(), "/tags"));
        if (!f.isEmpty()) {
            throw ValidationException.of(f);
        }
    }

    private static void validateTags(Map<String, String> tags, String path) {
        List<Finding> f = tagFindings(tags, path);
        if (!f.isEmpty()) {
            throw ValidationException.of(f);
        }
    }

    private static List<Finding> tagFindings(Map<String, String> tags, String path) {
        List<Finding> f = new ArrayList<>();
        if (tags == null) {
            return f;
        }
        if (tags.size() > 50) {
            f.add(Finding.error("request.too-many", path, tags.size() + " tags; at most 50 are allowed"));
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String k = e.getKey();
            if (k == null || k.isEmpty() || k.length() > 128) {
                f.add(Finding.error("request.length", path, "tag key \"" + k + "\" must be 1 to 128 characters"));
            } else if (e.getValue() == null || e.getValue().length() > 256) {
                f.add(Finding.error("request.length", path + "/" + k,
                        "tag value must be present and at most 256 characters"));
            }
        }
        return f;
    }

    private static String key(long n) {
        return String.format("%019d", n);
    }

    private static long mix(long seed, long n) {
        long z = seed + n * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** What plugins see of the engine: its id, clock, component store and fault gate; never the engine itself. */
    private final class RuntimeView implements FisRuntime {
        @Override
        public String runtimeId() {
            return runtimeId;
        }

        @Override
        public java.time.Clock clock() {
            return clock;
        }

        @Override
        public <T> T component(Class<T> type, Function<? super FisRuntime, ? extends T> factory) {
            return FisEngine.this.component(type, factory);
        }

        @Override
        public FaultGate faultGate() {
            return gate;
        }

        @Override
        public String toString() {
            return "FisRuntime[" + runtimeId + "]";
        }
    }

    /**
     * Builder for {@link FisEngine}. Defaults: system clock, plugins found by {@link java.util.ServiceLoader},
     * {@link EngineOptions#defaults()}, the SLF4J log sink, no listeners, an unseeded random source.
     */
    public static final class Builder {
        private EngineClock clock;
        private Plugins plugins;
        private EngineOptions options = EngineOptions.defaults();
        private Executor executor;
        private Long seed;
        private boolean slf4jLog = true;
        private final List<ExperimentLogSink> sinks = new ArrayList<>();
        private final List<ExperimentListener> listeners = new ArrayList<>();
        private final Map<Class<?>, Object> components = new LinkedHashMap<>();
        private EngineStore store;

        private Builder() {}

        /**
         * Keeps templates (ids, times, tags), experiment history and target account configurations in {@code store}
         * across restarts: read back when the engine is built, every change written through before it is made
         * (a change the store cannot record is refused with {@link EngineStoreException}). Experiments that had not
         * ended when the previous engine stopped come back {@code failed} (see {@code docs/server.md}). The engine
         * does not close the store. Default: none, memory only.
         */
        public Builder store(EngineStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The engine's clock; a {@link dev.fisengine.engine.time.ManualClock} for deterministic tests. */
        public Builder clock(EngineClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The plugins (default: {@link Plugins#discovered()}). */
        public Builder plugins(Plugins plugins) {
            this.plugins = Objects.requireNonNull(plugins, "plugins");
            return this;
        }

        public Builder options(EngineOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Seeds target selection (COUNT / PERCENT) and ids, for reproducible runs. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Adds a sink for every experiment log record (FIS log schema v2). */
        public Builder logSink(ExperimentLogSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /** Whether the default sink ({@link Slf4jExperimentLogSink}) is used (default {@code true}). */
        public Builder slf4jLog(boolean enabled) {
            this.slf4jLog = enabled;
            return this;
        }

        /** Adds a listener for "FIS Experiment State Change" events. */
        public Builder listener(ExperimentListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Pre-registers a component that plugins get from {@link FisRuntime#component}. */
        public <T> Builder component(Class<T> type, T value) {
            Objects.requireNonNull(type, "type");
            if (!type.isInstance(Objects.requireNonNull(value, "value"))) {
                throw new IllegalArgumentException(value.getClass().getName() + " is not a " + type.getName());
            }
            if (components.putIfAbsent(type, value) != null) {
                throw new IllegalArgumentException("A component of type " + type.getName() + " is already set");
            }
            return this;
        }

        /**
         * Runs plugin calls on {@code executor} instead of the engine's own pool (which the engine then does not
         * shut down). Plugins may block, so it must not be a small bounded pool.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public FisEngine build() {
            return new FisEngine(this);
        }
    }

    // ----------------------------------------------- target account configurations (issue 11; see the class)

    private TargetAccountConfigurations targetAccounts() {
        return components.get(TargetAccountConfigurations.class,
                () -> new TargetAccountConfigurations(this, persistence));
    }

    /**
     * {@code CreateTargetAccountConfiguration}: only on {@code multi-account} templates; account ids unique per
     * template; at most 10 per template. A repeated {@code clientToken} (may be {@code null}) returns what it created.
     */
    public dev.fisengine.api.model.TargetAccountConfiguration createTargetAccountConfiguration(String templateId,
            String accountId, String roleArn, String description, String clientToken) {
        ensureOpen();
        return targetAccounts().create(templateId, accountId, roleArn, description, clientToken);
    }

    /** {@code GetTargetAccountConfiguration}. */
    public dev.fisengine.api.model.TargetAccountConfiguration getTargetAccountConfiguration(String templateId,
            String accountId) {
        return targetAccounts().get(templateId, accountId);
    }

    /** {@code UpdateTargetAccountConfiguration}: {@code roleArn} and {@code description} replace when not null. */
    public dev.fisengine.api.model.TargetAccountConfiguration updateTargetAccountConfiguration(String templateId,
            String accountId, String roleArn, String description) {
        return targetAccounts().update(templateId, accountId, roleArn, description);
    }

    /** {@code DeleteTargetAccountConfiguration}; returns the deleted configuration. */
    public dev.fisengine.api.model.TargetAccountConfiguration deleteTargetAccountConfiguration(String templateId,
            String accountId) {
        return targetAccounts().delete(templateId, accountId);
    }

    /** {@code ListTargetAccountConfigurations}, in creation order. */
    public Page<dev.fisengine.api.model.TargetAccountConfiguration> listTargetAccountConfigurations(
            String templateId, Integer maxResults, String nextToken) {
        return targetAccounts().list(templateId, maxResults, nextToken);
    }

    /** {@code GetExperimentTargetAccountConfiguration}: as the template had it when the experiment was created. */
    public dev.fisengine.api.model.TargetAccountConfiguration getExperimentTargetAccountConfiguration(
            String experimentId, String accountId) {
        return targetAccounts().getForExperiment(experimentId, accountId);
    }

    /** {@code ListExperimentTargetAccountConfigurations} (FIS has no {@code maxResults} here). */
    public Page<dev.fisengine.api.model.TargetAccountConfiguration> listExperimentTargetAccountConfigurations(
            String experimentId, String nextToken) {
        return targetAccounts().listForExperiment(experimentId, nextToken);
    }

    /** {@code targetAccountConfigurationsCount} of a template now, or of an experiment when it was created. */
    public long targetAccountConfigurationsCount(String templateId) {
        return targetAccounts().count(templateId);
    }

    /** {@code targetAccountConfigurationsCount} of an experiment: its template's count when it was created. */
    public long targetAccountConfigurationsCount(Experiment experiment) {
        return targetAccounts().countForExperiment(experiment);
    }
}
