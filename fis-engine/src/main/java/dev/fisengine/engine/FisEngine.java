package dev.fisengine.engine;

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
import dev.fisengine.api.model.ExperimentSummary;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.model.ExperimentTemplateSummary;
import dev.fisengine.api.model.LogConfiguration;
import dev.fisengine.api.model.ResolvedTarget;
import dev.fisengine.api.model.SafetyLever;
import dev.fisengine.api.model.SafetyLeverStatus;
import dev.fisengine.api.model.StartExperimentRequest;
import dev.fisengine.api.model.TargetResourceType;
import dev.fisengine.api.model.TargetResourceTypeParameter;
import dev.fisengine.api.model.TargetResourceTypeSummary;
import dev.fisengine.api.model.UpdateExperimentTemplateRequest;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.engine.internal.Components;
import dev.fisengine.engine.internal.EngineContext;
import dev.fisengine.engine.internal.ExperimentRun;
import dev.fisengine.engine.internal.Ids;
import dev.fisengine.engine.internal.Paging;
import dev.fisengine.engine.internal.SafetySwitch;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.EngineClock;
import dev.fisengine.engine.time.SystemEngineClock;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationCode;
import dev.fisengine.engine.validation.ValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
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
 *     e = engine.awaitExperiment(e.id(), Duration.ofMinutes(5)); // completed | stopped | failed | cancelled
 * }
 * }</pre>
 *
 * <p>Thread-safe. Experiments run on the engine's worker threads and its clock's timer; see {@code docs/engine.md}
 * for the lifecycle, threading and the choices made where FIS's behaviour is not documented. Plugins see the engine
 * only as a {@link FisRuntime} view, never this object.
 */
public final class FisEngine implements FisRuntime, AutoCloseable {
    /** System property that, set to {@code engaged}, engages the safety lever of every engine at start-up. */
    public static final String SAFETY_LEVER_PROPERTY = SafetySwitch.PROPERTY;
    /** Environment variable that, set to {@code engaged}, engages the safety lever of every engine at start-up. */
    public static final String SAFETY_LEVER_ENV = SafetySwitch.ENV;
    /** The id of the (only) safety lever, as in FIS. */
    public static final String SAFETY_LEVER_ID = "default";

    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");
    private static final AtomicLong RUNTIMES = new AtomicLong();

    private final String runtimeId;
    private final EngineOptions options;
    private final Plugins plugins;
    private final EngineClock clock;
    private final SystemEngineClock ownedClock;
    private final ExecutorService ownedExecutor;
    private final Components components;
    private final TemplateValidator validator;
    private final EngineContext ctx;
    private final Ids ids;
    private final Long seed;
    private final FisRuntime runtimeView;
    private final Thread shutdownHook;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, StoredTemplate> templates = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, String> templateOrder = new ConcurrentSkipListMap<>();
    private final Map<String, String> templateTokens = new ConcurrentHashMap<>();
    private final Map<String, ExperimentRun> runs = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, ExperimentRun> runOrder = new ConcurrentSkipListMap<>();
    private final Map<String, TokenUse> experimentTokens = new ConcurrentHashMap<>();
    private final Set<ExperimentRun> active = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<ExperimentRun> ended = new ConcurrentLinkedQueue<>();
    private final AtomicInteger activeCount = new AtomicInteger();
    private long sequence;
    private SafetyLeverStatus leverStatus = SafetyLeverStatus.DISENGAGED;
    private String leverReason = "The safety lever is disengaged.";
    private boolean leverLockedBySwitch;
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
        Executor base;
        if (b.executor != null) {
            base = b.executor;
            this.ownedExecutor = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), r -> {
                        Thread t = new Thread(r, runtimeId + "-worker-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            this.ownedExecutor = pool;
            base = pool;
        }
        this.components = new Components();
        b.components.forEach(components::register);
        this.validator = TemplateValidator.create(plugins, options.validationMode());
        this.seed = b.seed;
        this.ids = new Ids(b.seed);
        this.runtimeView = new RuntimeView();
        List<ExperimentLogSink> sinks = new ArrayList<>();
        if (b.slf4jLog) {
            sinks.add(new Slf4jExperimentLogSink());
        }
        sinks.addAll(b.sinks);
        this.ctx = new EngineContext(options, plugins, clock, runtimeView, clock.track(base), sinks, b.listeners,
                this::onTerminal);
        if (options.safetyLeverSwitch()) {
            String reason = SafetySwitch.engagedReason();
            if (reason != null) {
                leverStatus = SafetyLeverStatus.ENGAGED;
                leverReason = reason;
                leverLockedBySwitch = true;
                LOG.warn("FIS engine {}: safety lever engaged ({}); experiments will be cancelled", runtimeId,
                        reason);
            }
        }
        if (options.shutdownHook()) {
            this.shutdownHook = new Thread(this::closeFromHook, runtimeId + "-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            this.shutdownHook = null;
        }
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
        return storeTemplate(request, validator.validate(request));
    }

    /** {@code CreateExperimentTemplate} from the JSON that {@code aws fis create-experiment-template} takes. */
    public ExperimentTemplate createExperimentTemplate(String json) {
        Objects.requireNonNull(json, "json");
        ensureOpen();
        ValidationResult result = validator.validateJson(json);
        throwIfInvalid(result);
        if (result.template() == null) {
            throw new ValidationException("The template could not be read.");
        }
        return storeTemplate(result.template(), result);
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
        boolean invalid = v.errors().stream().anyMatch(f -> !f.code().equals(ValidationCode.QUOTA_ACTIONS.code())
                && !f.code().equals(ValidationCode.QUOTA_STOP_CONDITIONS.code())); // quotas: as options set them
        if (invalid || v.template() == null) {
            throw v.toException();
        }
        return storeTemplate(v.template(), v.result());
    }

    private ExperimentTemplate storeTemplate(CreateExperimentTemplateRequest request, ValidationResult result) {
        throwIfInvalid(result);
        checkTemplateQuotas(request.actionsOrEmpty().size(), request.stopConditionsOrEmpty().size());
        lock.lock();
        try {
            String token = request.clientToken();
            if (token != null) {
                String existingId = templateTokens.get(token);
                StoredTemplate existing = existingId == null ? null : templates.get(existingId);
                if (existing != null) {
                    if (!sameTemplateRequest(existing.request, request)) {
                        throw new ConflictException("clientToken '" + token + "' was already used to create "
                                + "experiment template " + existing.template.id() + " with different parameters.");
                    }
                    return existing.template;
                }
            }
            if (templates.size() >= options.quotas().experimentTemplates()) {
                throw new ServiceQuotaExceededException("You have reached the maximum number of experiment "
                        + "templates (" + options.quotas().experimentTemplates() + ").");
            }
            String id = uniqueId(true);
            Instant now = clock.instant();
            ExperimentTemplate t = toTemplate(id, request, now, now,
                    request.tags() == null ? Map.of() : request.tags());
            long seq = ++sequence;
            templates.put(id, new StoredTemplate(seq, t, request));
            templateOrder.put(seq, id);
            if (token != null) {
                templateTokens.put(token, id);
            }
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** {@code GetExperimentTemplate}. */
    public ExperimentTemplate getExperimentTemplate(String id) {
        return stored(id).template;
    }

    /** {@code ListExperimentTemplates}, oldest first. {@code maxResults} 1–100 (default 100), {@code nextToken}. */
    public Page<ExperimentTemplateSummary> listExperimentTemplates(Integer maxResults, String nextToken) {
        List<StoredTemplate> all = new ArrayList<>();
        for (String id : templateOrder.values()) {
            StoredTemplate s = templates.get(id);
            if (s != null) {
                all.add(s);
            }
        }
        return Paging.page(all, s -> key(s.seq), s -> summary(s.template), maxResults, nextToken);
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
        ExperimentOptions o = request.experimentOptions();
        if (o != null && (o.accountTargeting() != null || o.actionsMode() != null)) {
            String member = o.accountTargeting() != null ? "accountTargeting" : "actionsMode";
            throw ValidationException.of(List.of(Finding.error("template.unknown-member",
                    "/experimentOptions/" + member, "UpdateExperimentTemplate accepts only emptyTargetResolutionMode "
                            + "in experimentOptions, not " + member)));
        }
        lock.lock();
        try {
            StoredTemplate old = stored(id);
            ExperimentTemplate t = old.template;
            CreateExperimentTemplateRequest merged = new CreateExperimentTemplateRequest(null,
                    request.description() != null ? request.description() : t.description(),
                    request.targets() != null ? request.targets() : t.targets(),
                    request.actions() != null ? request.actions() : t.actions(),
                    request.stopConditions() != null ? request.stopConditions() : t.stopConditions(),
                    request.roleArn() != null ? request.roleArn() : t.roleArn(),
                    null,
                    mergeLog(request.logConfiguration(), t.logConfiguration()),
                    mergeOptions(o, t.experimentOptions()),
                    request.experimentReportConfiguration() != null ? request.experimentReportConfiguration()
                            : t.experimentReportConfiguration());
            throwIfInvalid(validator.validate(merged));
            checkTemplateQuotas(merged.actionsOrEmpty().size(), merged.stopConditionsOrEmpty().size());
            ExperimentTemplate updated = toTemplate(id, merged, t.creationTime(), clock.instant(), t.tags());
            templates.put(id, new StoredTemplate(old.seq, updated, old.request));
            return updated;
        } finally {
            lock.unlock();
        }
    }

    /** {@code DeleteExperimentTemplate}; returns the deleted template. Experiments started from it are unaffected. */
    public ExperimentTemplate deleteExperimentTemplate(String id) {
        lock.lock();
        try {
            StoredTemplate s = stored(id);
            templates.remove(id);
            templateOrder.remove(s.seq);
            templateTokens.values().removeIf(id::equals);
            return s.template;
        } finally {
            lock.unlock();
        }
    }

    // --------------------------------------------------------------------------------------------- experiments

    /** {@code StartExperiment} with no client token, {@code run-all} and no tags. */
    public Experiment startExperiment(String experimentTemplateId) {
        return startExperiment(StartExperimentRequest.of(experimentTemplateId));
    }

    /**
     * {@code StartExperiment}: snapshots the template and starts the experiment; returns it in state
     * {@code initiating} (or {@code cancelled} while the safety lever is engaged). Initiation (stop-condition check,
     * target resolution) and the actions continue on the engine's threads.
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
        purgeExpired();
        ExperimentRun run;
        lock.lock();
        try {
            ensureOpen();
            String token = request.clientToken();
            if (token != null) {
                TokenUse used = experimentTokens.get(token);
                if (used != null) {
                    if (!used.sameAs(request)) {
                        throw new ConflictException("clientToken '" + token + "' was already used to start "
                                + "experiment " + used.run.id() + " with different parameters.");
                    }
                    return used.run.snapshot();
                }
            }
            ExperimentTemplate template = stored(request.experimentTemplateId()).template;
            String lever = leverStatus == SafetyLeverStatus.DISENGAGED ? null : leverReason;
            if (lever == null && activeCount.get() >= options.quotas().activeExperiments()) {
                throw new ServiceQuotaExceededException("You have reached the maximum number of active experiments ("
                        + options.quotas().activeExperiments() + ").");
            }
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
            String id = uniqueId(false);
            long randomSeed = seed == null ? java.util.concurrent.ThreadLocalRandom.current().nextLong()
                    : mix(seed, seq);
            run = new ExperimentRun(ctx, seq, id, arn("experiment", id), template, effective, request.tags(),
                    randomSeed);
            runs.put(id, run);
            runOrder.put(seq, run);
            if (token != null) {
                experimentTokens.put(token, new TokenUse(run, request));
            }
            if (lever == null) {
                active.add(run);
                activeCount.incrementAndGet();
            }
            return run.begin(lever);
        } finally {
            lock.unlock();
        }
    }

    /** {@code GetExperiment}: the experiment's latest state. */
    public Experiment getExperiment(String id) {
        return run(id).snapshot();
    }

    /**
     * {@code ListExperiments}, oldest first, optionally only those of one template.
     *
     * @param experimentTemplateId only experiments of this template, or {@code null} for all
     */
    public Page<ExperimentSummary> listExperiments(Integer maxResults, String nextToken,
            String experimentTemplateId) {
        purgeExpired();
        List<ExperimentRun> all = new ArrayList<>();
        for (ExperimentRun r : runOrder.values()) {
            if (experimentTemplateId == null || experimentTemplateId.equals(r.templateId())) {
                all.add(r);
            }
        }
        return Paging.page(all, r -> key(r.sequence()), ExperimentRun::summary, maxResults, nextToken);
    }

    /** The first page (up to 100) of {@link #listExperiments(Integer, String, String)}. */
    public Page<ExperimentSummary> listExperiments() {
        return listExperiments(null, null, null);
    }

    /**
     * {@code StopExperiment}. Synchronous with respect to reverts: when this returns, every revert step and pending
     * post-action of the experiment has run and no fault of it can fire; {@link #getExperiment} then shows a
     * terminal state. The returned experiment is the state FIS returns: {@code stopping}, "Stopping Experiment."
     * (When called from a plugin or a listener of this engine it does not wait, to avoid deadlock.)
     *
     * @throws ConflictException when the experiment has already ended
     */
    public Experiment stopExperiment(String id) {
        return run(id).stop("Experiment stopped.", true, true);
    }

    /**
     * Waits (real time) until the experiment reaches a terminal state or {@code timeout} passes, and returns its
     * latest state either way (check {@code state().status().isTerminal()}). With a {@code ManualClock}, advance the
     * clock instead.
     */
    public Experiment awaitExperiment(String id, Duration timeout) {
        return run(id).await(timeout);
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
        if (r instanceof ExperimentRun run) {
            return run.tags();
        }
        Map<String, String> t = ((StoredTemplate) r).template.tags();
        return t == null ? Map.of() : t;
    }

    private void retag(String resourceArn, Function<Map<String, String>, Map<String, String>> change) {
        lock.lock();
        try {
            Object r = resource(resourceArn);
            Map<String, String> current = r instanceof ExperimentRun run ? run.tags()
                    : ((StoredTemplate) r).template.tags();
            Map<String, String> next = change.apply(current == null ? Map.of() : current);
            validateTags(next, "/tags");
            if (r instanceof ExperimentRun run) {
                run.setTags(next);
            } else {
                StoredTemplate s = (StoredTemplate) r;
                ExperimentTemplate t = s.template;
                templates.put(t.id(), new StoredTemplate(s.seq, new ExperimentTemplate(t.id(), t.arn(),
                        t.description(), t.targets(), t.actions(), t.stopConditions(), t.creationTime(),
                        t.lastUpdateTime(), t.roleArn(), next, t.logConfiguration(), t.experimentOptions(),
                        t.targetAccountConfigurationsCount(), t.experimentReportConfiguration()), s.request));
            }
        } finally {
            lock.unlock();
        }
    }

    private Object resource(String resourceArn) {
        Objects.requireNonNull(resourceArn, "resourceArn");
        String templatePrefix = arn("experiment-template", "");
        String experimentPrefix = arn("experiment", "");
        if (resourceArn.startsWith(templatePrefix)) {
            StoredTemplate s = templates.get(resourceArn.substring(templatePrefix.length()));
            if (s != null) {
                return s;
            }
        } else if (resourceArn.startsWith(experimentPrefix)) {
            ExperimentRun r = runs.get(resourceArn.substring(experimentPrefix.length()));
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
        lock.lock();
        try {
            return lever();
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code UpdateSafetyLeverState}. Engaging stops every running experiment (they end {@code stopped}) and makes
     * new ones end {@code cancelled}; the lever is {@code engaging} until the running ones have stopped, and this
     * call returns after that (unless called from a listener). Disengaging lets experiments start again.
     *
     * @throws ConflictException while the lever is {@code engaging}, or when disengaging a lever that the
     *     process-wide switch engaged
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
        List<ExperimentRun> toStop;
        lock.lock();
        try {
            if (leverStatus == SafetyLeverStatus.ENGAGING) {
                throw new ConflictException("The safety lever is engaging; try again when it is engaged.");
            }
            if (status == SafetyLeverStatus.DISENGAGED) {
                if (leverLockedBySwitch) {
                    throw new ConflictException("The safety lever was engaged by the process-wide switch ("
                            + SAFETY_LEVER_PROPERTY + " / " + SAFETY_LEVER_ENV + ") and cannot be disengaged.");
                }
                leverStatus = SafetyLeverStatus.DISENGAGED;
                leverReason = reason;
                return lever();
            }
            leverStatus = SafetyLeverStatus.ENGAGING;
            leverReason = reason;
            toStop = new ArrayList<>(active);
        } finally {
            lock.unlock();
        }
        List<CompletableFuture<Experiment>> ends = new ArrayList<>();
        for (ExperimentRun r : toStop) {
            r.stop("Experiment stopped because the safety lever was engaged: " + reason, false, false);
            ends.add(r.terminated());
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(ends.toArray(new CompletableFuture<?>[0]));
        all.whenComplete((v, t) -> {
            lock.lock();
            try {
                if (leverStatus == SafetyLeverStatus.ENGAGING) {
                    leverStatus = SafetyLeverStatus.ENGAGED;
                }
            } finally {
                lock.unlock();
            }
        });
        if (!ExperimentRun.inCallback()) {
            all.join();
        }
        return getSafetyLever(id);
    }

    private SafetyLever lever() {
        return new SafetyLever(SAFETY_LEVER_ID, arn("safety-lever", SAFETY_LEVER_ID),
                new SafetyLever.State(leverStatus, leverReason));
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

    /**
     * Stops every experiment that has not ended (reason "Experiment stopped because the engine was closed."), waits
     * up to {@link EngineOptions#closeTimeout()} for their reverts, closes {@link AutoCloseable} components, stops the
     * engine's own threads and removes the shutdown hook. Idempotent.
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
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            toStop = new ArrayList<>(active);
        } finally {
            lock.unlock();
        }
        List<CompletableFuture<Experiment>> ends = new ArrayList<>();
        for (ExperimentRun r : toStop) {
            r.stop(reason, false, false);
            ends.add(r.terminated());
        }
        try {
            if (!ExperimentRun.inCallback()) { // from a plugin or listener, waiting could only time out
                CompletableFuture.allOf(ends.toArray(new CompletableFuture<?>[0]))
                        .get(options.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            LOG.error("FIS engine {}: experiments still stopping after {}: {}", runtimeId, options.closeTimeout(),
                    active.stream().map(ExperimentRun::id).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.error("FIS engine {}: an experiment ended abnormally while closing", runtimeId, e);
        }
        components.closeAll();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
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

    /** The registered JVM shutdown hook, or {@code null} (for tests). */
    Thread shutdownHookThread() {
        return shutdownHook;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private void onTerminal(ExperimentRun run) {
        if (active.remove(run)) {
            activeCount.decrementAndGet();
        }
        ended.add(run);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("FIS engine " + runtimeId + " is closed.");
        }
    }

    private StoredTemplate stored(String id) {
        if (id == null) {
            throw ValidationException.of(List.of(Finding.error("request.missing-member", "/id",
                    "an experiment template id is required")));
        }
        StoredTemplate s = templates.get(id);
        if (s == null) {
            throw new ResourceNotFoundException("Experiment template '" + id + "' not found.");
        }
        return s;
    }

    private ExperimentRun run(String id) {
        if (id == null) {
            throw ValidationException.of(List.of(Finding.error("request.missing-member", "/id",
                    "an experiment id is required")));
        }
        ExperimentRun r = runs.get(id);
        if (r == null) {
            throw new ResourceNotFoundException("Experiment '" + id + "' not found.");
        }
        return r;
    }

    private String uniqueId(boolean template) {
        while (true) {
            String id = template ? ids.templateId() : ids.experimentId();
            if (template ? !templates.containsKey(id) : !runs.containsKey(id)) {
                return id;
            }
        }
    }

    private String arn(String type, String id) {
        return "arn:" + options.partition() + ":fis:" + options.region() + ":" + options.accountId() + ":" + type
                + "/" + id;
    }

    private ExperimentTemplate toTemplate(String id, CreateExperimentTemplateRequest r, Instant created,
            Instant updated, Map<String, String> tags) {
        ExperimentOptions o = r.experimentOptions();
        ExperimentOptions withDefaults = new ExperimentOptions(
                o == null || o.accountTargeting() == null ? ExperimentOptions.SINGLE_ACCOUNT : o.accountTargeting(),
                o == null || o.emptyTargetResolutionMode() == null ? ExperimentOptions.EMPTY_FAIL
                        : o.emptyTargetResolutionMode(),
                null);
        return new ExperimentTemplate(id, arn("experiment-template", id), r.description(),
                r.targets() == null ? Map.of() : r.targets(), r.actions() == null ? Map.of() : r.actions(),
                r.stopConditions() == null ? List.of() : r.stopConditions(), created, updated, r.roleArn(), tags,
                r.logConfiguration(), withDefaults, 0L, r.experimentReportConfiguration());
    }

    private static ExperimentTemplateSummary summary(ExperimentTemplate t) {
        return new ExperimentTemplateSummary(t.id(), t.arn(), t.description(), t.creationTime(), t.lastUpdateTime(),
                t.tags());
    }

    private static LogConfiguration mergeLog(LogConfiguration update, LogConfiguration current) {
        if (update == null) {
            return current;
        }
        boolean empty = update.cloudWatchLogsConfiguration() == null && update.s3Configuration() == null
                && update.logSchemaVersion() == null;
        return empty ? null : update; // an empty logConfiguration turns logging off, as in FIS
    }

    private static ExperimentOptions mergeOptions(ExperimentOptions update, ExperimentOptions current) {
        if (update == null || update.emptyTargetResolutionMode() == null) {
            return current;
        }
        return new ExperimentOptions(current == null ? null : current.accountTargeting(),
                update.emptyTargetResolutionMode(), null);
    }

    /** Throws for errors; the validator's fixed action / stop-condition quota findings give way to the engine's. */
    private void throwIfInvalid(ValidationResult result) {
        List<Finding> errors = new ArrayList<>();
        for (Finding f : result.errors()) {
            if (!f.code().equals(ValidationCode.QUOTA_ACTIONS.code())
                    && !f.code().equals(ValidationCode.QUOTA_STOP_CONDITIONS.code())) {
                errors.add(f);
            }
        }
        if (!errors.isEmpty()) {
            throw ValidationException.of(errors);
        }
        for (Finding w : result.warnings()) {
            LOG.warn("Experiment template: {}", w);
        }
    }

    private void checkTemplateQuotas(int actions, int stopConditions) {
        Quotas q = options.quotas();
        if (actions > q.actionsPerTemplate()) {
            throw new ServiceQuotaExceededException("The template has " + actions + " actions; the quota is "
                    + q.actionsPerTemplate() + " actions per experiment template.");
        }
        if (stopConditions > q.stopConditionsPerTemplate()) {
            throw new ServiceQuotaExceededException("The template has " + stopConditions + " stop conditions; the "
                    + "quota is " + q.stopConditionsPerTemplate() + " stop conditions per experiment template.");
        }
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

    private static boolean sameTemplateRequest(CreateExperimentTemplateRequest a, CreateExperimentTemplateRequest b) {
        return Objects.equals(withoutToken(a), withoutToken(b));
    }

    private static CreateExperimentTemplateRequest withoutToken(CreateExperimentTemplateRequest r) {
        return new CreateExperimentTemplateRequest(null, r.description(), r.targets(), r.actions(),
                r.stopConditions(), r.roleArn(), r.tags(), r.logConfiguration(), r.experimentOptions(),
                r.experimentReportConfiguration());
    }

    /**
     * Drops ended experiments older than the retention period (FIS keeps them 120 days). Runs end in clock order,
     * so only the head of {@link #ended} needs looking at.
     */
    private void purgeExpired() {
        Instant cutoff = clock.instant().minus(options.experimentRetention());
        ExperimentRun r;
        while ((r = ended.peek()) != null) {
            Instant end = r.snapshot().endTime();
            if (end != null && !end.isBefore(cutoff)) {
                return;
            }
            if (ended.remove(r)) {
                ExperimentRun gone = r;
                runOrder.remove(gone.sequence());
                runs.remove(gone.id());
                experimentTokens.values().removeIf(u -> u.run == gone);
            }
        }
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

    private record StoredTemplate(long seq, ExperimentTemplate template, CreateExperimentTemplateRequest request) {}

    /** What a StartExperiment clientToken was used for. */
    private record TokenUse(ExperimentRun run, StartExperimentRequest request) {
        boolean sameAs(StartExperimentRequest other) {
            return Objects.equals(request.experimentTemplateId(), other.experimentTemplateId())
                    && Objects.equals(mode(request), mode(other))
                    && Objects.equals(tagsOf(request), tagsOf(other));
        }

        private static String mode(StartExperimentRequest r) {
            return r.experimentOptions() == null || r.experimentOptions().actionsMode() == null
                    ? ExperimentOptions.RUN_ALL : r.experimentOptions().actionsMode();
        }

        private static Map<String, String> tagsOf(StartExperimentRequest r) {
            return r.tags() == null ? Map.of() : new HashMap<>(r.tags());
        }
    }

    /** What plugins see of the engine: its id, clock and component store; never the engine itself. */
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

        private Builder() {}

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
}
