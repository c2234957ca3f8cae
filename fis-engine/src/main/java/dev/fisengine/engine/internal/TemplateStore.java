package dev.fisengine.engine.internal;

import dev.fisengine.api.exception.ConflictException;
import dev.fisengine.api.exception.ResourceNotFoundException;
import dev.fisengine.api.exception.ServiceQuotaExceededException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.model.ExperimentOptions;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.model.ExperimentTemplateSummary;
import dev.fisengine.api.model.LogConfiguration;
import dev.fisengine.api.model.UpdateExperimentTemplateRequest;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.engine.Page;
import dev.fisengine.engine.Quotas;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationCode;
import dev.fisengine.engine.validation.ValidationResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's experiment templates: create (validated, quota-checked, idempotent by client token), get, list in
 * creation order, update, delete, tag. Reads are lock-free; writes take the store's own lock, under which nothing but
 * these maps is touched.
 */
public final class TemplateStore {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fisengine.engine");

    private final TemplateValidator validator;
    private final Quotas quotas;
    private final Clock clock;
    private final Ids ids;
    private final BiFunction<String, String, String> arn;
    private final Persistence persistence;
    private final Map<String, Stored> templates = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, String> order = new ConcurrentSkipListMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private long sequence;

    /**
     * @param arn makes an ARN from a resource type ({@code experiment-template}) and an id
     */
    public TemplateStore(TemplateValidator validator, Quotas quotas, Clock clock, Ids ids,
            BiFunction<String, String, String> arn) {
        this(validator, quotas, clock, ids, arn, new Persistence(null));
    }

    /**
     * @param persistence records every change before it is made in memory (a failed write refuses the change)
     */
    public TemplateStore(TemplateValidator validator, Quotas quotas, Clock clock, Ids ids,
            BiFunction<String, String, String> arn, Persistence persistence) {
        this.persistence = persistence;
        this.validator = validator;
        this.quotas = quotas;
        this.clock = clock;
        this.ids = ids;
        this.arn = arn;
    }

    /** CreateExperimentTemplate from a request. */
    public ExperimentTemplate create(CreateExperimentTemplateRequest request) {
        return store(request, validator.validate(request));
    }

    /** CreateExperimentTemplate from the create-experiment-template JSON. */
    public ExperimentTemplate create(String json) {
        ValidationResult result = validator.validateJson(json);
        throwIfInvalid(result);
        if (result.template() == null) {
            throw new ValidationException("The template could not be read.");
        }
        return store(result.template(), result);
    }

    /** CreateExperimentTemplate from a request already validated into {@code result} (a template source). */
    public ExperimentTemplate create(CreateExperimentTemplateRequest request, ValidationResult result) {
        return store(request, result);
    }

    private ExperimentTemplate store(CreateExperimentTemplateRequest request, ValidationResult result) {
        throwIfInvalid(result);
        checkTemplateQuotas(request.actionsOrEmpty().size(), request.stopConditionsOrEmpty().size());
        synchronized (this) {
            String token = request.clientToken();
            if (token != null) {
                String existingId = tokens.get(token);
                Stored existing = existingId == null ? null : templates.get(existingId);
                if (existing != null) {
                    if (!Objects.equals(withoutToken(existing.request), withoutToken(request))) {
                        throw new ConflictException("clientToken '" + token + "' was already used to create "
                                + "experiment template " + existing.template.id() + " with different parameters.");
                    }
                    return existing.template;
                }
            }
            if (templates.size() >= quotas.experimentTemplates()) {
                throw new ServiceQuotaExceededException("You have reached the maximum number of experiment "
                        + "templates (" + quotas.experimentTemplates() + ").");
            }
            String id = ids.templateId();
            while (templates.containsKey(id)) {
                id = ids.templateId();
            }
            Instant now = clock.instant();
            ExperimentTemplate t = toTemplate(id, request, now, now,
                    request.tags() == null ? Map.of() : request.tags());
            long seq = sequence + 1;
            persistence.template(seq, t, request);
            sequence = seq;
            templates.put(id, new Stored(seq, t, request));
            order.put(seq, id);
            if (token != null) {
                tokens.put(token, id);
            }
            return t;
        }
    }

    /** GetExperimentTemplate. */
    public ExperimentTemplate get(String id) {
        return stored(id).template;
    }

    /** The template with this id, or {@code null}. */
    public ExperimentTemplate find(String id) {
        Stored s = templates.get(id);
        return s == null ? null : s.template;
    }

    /** ListExperimentTemplates, oldest first. */
    public Page<ExperimentTemplateSummary> list(Integer maxResults, String nextToken) {
        List<Stored> all = new ArrayList<>();
        for (String id : order.values()) {
            Stored s = templates.get(id);
            if (s != null) {
                all.add(s);
            }
        }
        return Paging.page(all, s -> String.format("%019d", s.seq), s -> summary(s.template), maxResults,
                nextToken);
    }

    /** UpdateExperimentTemplate: members present replace the stored ones; validated like a new template. */
    public ExperimentTemplate update(String id, UpdateExperimentTemplateRequest request) {
        ExperimentOptions o = request.experimentOptions();
        if (o != null && (o.accountTargeting() != null || o.actionsMode() != null)) {
            String member = o.accountTargeting() != null ? "accountTargeting" : "actionsMode";
            throw ValidationException.of(List.of(Finding.error("template.unknown-member",
                    "/experimentOptions/" + member, "UpdateExperimentTemplate accepts only emptyTargetResolutionMode "
                            + "in experimentOptions, not " + member)));
        }
        synchronized (this) {
            Stored old = stored(id);
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
            persistence.template(old.seq, updated, old.request);
            templates.put(id, new Stored(old.seq, updated, old.request));
            return updated;
        }
    }

    /** DeleteExperimentTemplate; returns the deleted template. */
    public synchronized ExperimentTemplate delete(String id) {
        Stored s = stored(id);
        persistence.templateDeleted(id);
        templates.remove(id);
        order.remove(s.seq);
        tokens.values().removeIf(id::equals);
        return s.template;
    }

    /** Whether a template with this id exists (for resource ARNs). */
    public boolean contains(String id) {
        return templates.containsKey(id);
    }

    public Map<String, String> tags(String id) {
        Map<String, String> t = stored(id).template.tags();
        return t == null ? Map.of() : t;
    }

    /** Replaces the template's tags with {@code change} of the current ones, validated by {@code validate}. */
    public synchronized void retag(String id, UnaryOperator<Map<String, String>> change) {
        Stored s = stored(id);
        ExperimentTemplate t = s.template;
        Map<String, String> next = change.apply(t.tags() == null ? Map.of() : t.tags());
        ExperimentTemplate retagged = new ExperimentTemplate(t.id(), t.arn(), t.description(), t.targets(),
                t.actions(), t.stopConditions(), t.creationTime(), t.lastUpdateTime(), t.roleArn(), next,
                t.logConfiguration(), t.experimentOptions(), t.targetAccountConfigurationsCount(),
                t.experimentReportConfiguration());
        persistence.template(s.seq, retagged, s.request);
        templates.put(t.id(), new Stored(s.seq, retagged, s.request));
    }

    /** Adds a template read back from the engine's store, with its id, times, tags and creation order. */
    public synchronized void restore(long seq, ExperimentTemplate template, CreateExperimentTemplateRequest request) {
        templates.put(template.id(), new Stored(seq, template, request));
        order.put(seq, template.id());
        if (request != null && request.clientToken() != null) {
            tokens.put(request.clientToken(), template.id());
        }
        sequence = Math.max(sequence, seq);
    }

    private Stored stored(String id) {
        if (id == null) {
            throw ValidationException.of(List.of(Finding.error("request.missing-member", "/id",
                    "an experiment template id is required")));
        }
        Stored s = templates.get(id);
        if (s == null) {
            throw new ResourceNotFoundException("Experiment template '" + id + "' not found.");
        }
        return s;
    }

    private ExperimentTemplate toTemplate(String id, CreateExperimentTemplateRequest r, Instant created,
            Instant updated, Map<String, String> tags) {
        ExperimentOptions o = r.experimentOptions();
        ExperimentOptions withDefaults = new ExperimentOptions(
                o == null || o.accountTargeting() == null ? ExperimentOptions.SINGLE_ACCOUNT : o.accountTargeting(),
                o == null || o.emptyTargetResolutionMode() == null ? ExperimentOptions.EMPTY_FAIL
                        : o.emptyTargetResolutionMode(),
                null);
        return new ExperimentTemplate(id, arn.apply("experiment-template", id), r.description(),
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
    private static void throwIfInvalid(ValidationResult result) {
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
        if (actions > quotas.actionsPerTemplate()) {
            throw new ServiceQuotaExceededException("The template has " + actions + " actions; the quota is "
                    + quotas.actionsPerTemplate() + " actions per experiment template.");
        }
        if (stopConditions > quotas.stopConditionsPerTemplate()) {
            throw new ServiceQuotaExceededException("The template has " + stopConditions + " stop conditions; the "
                    + "quota is " + quotas.stopConditionsPerTemplate() + " stop conditions per experiment template.");
        }
    }

    private static CreateExperimentTemplateRequest withoutToken(CreateExperimentTemplateRequest r) {
        return new CreateExperimentTemplateRequest(null, r.description(), r.targets(), r.actions(),
                r.stopConditions(), r.roleArn(), r.tags(), r.logConfiguration(), r.experimentOptions(),
                r.experimentReportConfiguration());
    }

    private record Stored(long seq, ExperimentTemplate template, CreateExperimentTemplateRequest request) {}
}
