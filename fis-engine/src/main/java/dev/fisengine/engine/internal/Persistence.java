package dev.fisengine.engine.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentAction;
import dev.fisengine.api.model.ExperimentActionState;
import dev.fisengine.api.model.ExperimentError;
import dev.fisengine.api.model.ExperimentState;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.model.ResolvedTarget;
import dev.fisengine.api.model.StartExperimentRequest;
import dev.fisengine.api.model.TargetAccountConfiguration;
import dev.fisengine.engine.EngineStore;
import dev.fisengine.engine.EngineStoreException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The engine's side of an {@link EngineStore}: the records' JSON format, write-through of every change (a failed
 * write throws {@link EngineStoreException} before the change is made in memory) and reading everything back when the
 * engine is built. With no store every method does nothing.
 *
 * <p>Experiment records are written with their latest snapshot read under this object's monitor, so the last record
 * written for an experiment is never older than its terminal state (a tag change racing with the end cannot leave a
 * {@code running} record behind). Template and target-account writes run under those stores' own locks (so a change
 * and its record are one step); none of the locks that a stop, the safety lever or {@code close()} take is ever held
 * while the store is called.
 */
public final class Persistence {
    /** The records' format; a record of another format is refused at load. */
    static final int FORMAT = 1;
    /** {@link #FORMAT}, for records built outside this package. */
    public static final int FORMAT_VERSION = FORMAT;
    static final String INTERRUPTED_CODE = "EngineStopped";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .addModule(new SimpleModule("fis-engine-store")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantText()))
            .build();

    private final EngineStore store;

    /** @param store the store, or {@code null} for memory only */
    public Persistence(EngineStore store) {
        this.store = store;
    }

    public boolean enabled() {
        return store != null;
    }

    // --------------------------------------------------------------------------------------------------- writes

    /** Records a template as it is now (created, updated or retagged); throws when it could not. */
    public void template(long seq, ExperimentTemplate template, CreateExperimentTemplateRequest request) {
        if (store != null) {
            put(EngineStore.TEMPLATES, template.id(), new TemplateRecord(FORMAT, seq, template, request),
                    "experiment template " + template.id());
        }
    }

    public void templateDeleted(String id) {
        if (store != null) {
            try {
                store.delete(EngineStore.TEMPLATES, id);
            } catch (RuntimeException e) {
                throw failed("delete experiment template " + id, e);
            }
        }
    }

    /** Records the experiment as it is now; throws when it could not. */
    public synchronized void experiment(ExperimentRun run) {
        if (store != null) {
            writeExperiment(run, run.snapshot());
        }
    }

    /**
     * TagResource / UntagResource on an experiment: records the experiment with the new tags, then changes them in
     * memory; when the record cannot be written the tags stay as they were.
     */
    public synchronized void retagExperiment(ExperimentRun run, UnaryOperator<Map<String, String>> change) {
        if (store == null) {
            run.retag(change);
            return;
        }
        Experiment now = run.snapshot();
        Map<String, String> next = change.apply(now.tags());
        writeExperiment(run, ExperimentRun.withTags(now, next));
        run.retag(current -> next);
    }

    /** Records a template's target account configurations (every version) and client tokens. */
    public void targetAccounts(String templateId, TargetAccountsRecord record) {
        if (store != null) {
            put(EngineStore.TARGET_ACCOUNTS, templateId, record,
                    "target account configurations of experiment template " + templateId);
        }
    }

    /** An experiment forgotten by retention: its record goes too. Failures are the caller's to log. */
    public void experimentForgotten(String id) {
        if (store != null) {
            store.delete(EngineStore.EXPERIMENTS, id);
        }
    }

    private void writeExperiment(ExperimentRun run, Experiment e) {
        put(EngineStore.EXPERIMENTS, run.id(), new ExperimentRecord(FORMAT, run.sequence(), e, run.resolvedTargets(),
                run.request()), "experiment " + run.id());
    }

    private void put(String collection, String key, Object record, String what) {
        String json;
        try {
            json = JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw failed("write " + what, e);
        }
        try {
            store.put(collection, key, json);
        } catch (RuntimeException e) {
            throw failed("record " + what, e);
        }
    }

    private static EngineStoreException failed(String what, Exception e) {
        return new EngineStoreException("The engine store could not " + what + ", so the change was not made: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }

    // ---------------------------------------------------------------------------------------------------- reads

    /** Every template record, oldest first. */
    public List<TemplateRecord> loadTemplates() {
        List<TemplateRecord> out = load(EngineStore.TEMPLATES, TemplateRecord.class);
        out.sort(Comparator.comparingLong(TemplateRecord::seq));
        return out;
    }

    /** Every experiment record, oldest first. */
    public List<ExperimentRecord> loadExperiments() {
        List<ExperimentRecord> out = load(EngineStore.EXPERIMENTS, ExperimentRecord.class);
        out.sort(Comparator.comparingLong(ExperimentRecord::seq));
        return out;
    }

    /** Target account configurations by template id. */
    public Map<String, TargetAccountsRecord> loadTargetAccounts() {
        Map<String, TargetAccountsRecord> out = new LinkedHashMap<>();
        if (store == null) {
            return out;
        }
        read(EngineStore.TARGET_ACCOUNTS).forEach((k, v) -> out.put(k, parse(EngineStore.TARGET_ACCOUNTS, k, v,
                TargetAccountsRecord.class)));
        return out;
    }

    private <T> List<T> load(String collection, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (store != null) {
            read(collection).forEach((k, v) -> out.add(parse(collection, k, v, type)));
        }
        return out;
    }

    private Map<String, String> read(String collection) {
        try {
            Map<String, String> m = store.load(collection);
            return m == null ? Map.of() : m;
        } catch (RuntimeException e) {
            throw new EngineStoreException("The engine store could not read its " + collection + ": "
                    + e.getMessage(), e);
        }
    }

    private static <T> T parse(String collection, String key, String json, Class<T> type) {
        try {
            T t = JSON.readValue(json, type);
            int format = t instanceof Versioned v ? v.format() : FORMAT;
            if (format != FORMAT) {
                throw new IOException("record format " + format + ", this engine reads format " + FORMAT);
            }
            return t;
        } catch (IOException e) {
            throw new EngineStoreException("Record " + collection + "/" + key + " of the engine store cannot be read: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * An experiment that had not ended when the process that ran it stopped: FIS would have finished it; this engine
     * cannot (its API faults ended with that process), so it becomes {@code failed}, its unfinished actions
     * {@code cancelled} (never started) or {@code stopped}, all at {@code now}.
     */
    public static Experiment interrupted(Experiment e, Instant now, String accountId) {
        Map<String, ExperimentAction> actions = new LinkedHashMap<>();
        e.actions().forEach((name, a) -> {
            ActionStatus s = a.state() == null ? ActionStatus.PENDING : a.state().status();
            ExperimentAction out = a;
            if (s == ActionStatus.PENDING) {
                out = withState(a, new ExperimentActionState(ActionStatus.CANCELLED, ActionRun.CANCELLED), a.endTime());
            } else if (s == ActionStatus.INITIATING || s == ActionStatus.RUNNING || s == ActionStatus.STOPPING) {
                out = withState(a, new ExperimentActionState(ActionStatus.STOPPED, "Action was stopped because the "
                        + "engine running it stopped; its in-process faults ended with that process."), now);
            }
            actions.put(name, out);
        });
        String reason = "The engine stopped before the experiment ended (the process running it ended); the "
                + "experiment was not resumed.";
        return new Experiment(e.id(), e.arn(), e.experimentTemplateId(), e.roleArn(),
                new ExperimentState(ExperimentStatus.FAILED, reason, new ExperimentError(accountId, INTERRUPTED_CODE,
                        null)),
                e.targets(), actions, e.stopConditions(), e.creationTime(), e.startTime(), now, e.tags(),
                e.logConfiguration(), e.experimentOptions(), e.targetAccountConfigurationsCount(),
                e.experimentReportConfiguration());
    }

    private static ExperimentAction withState(ExperimentAction a, ExperimentActionState s, Instant end) {
        return new ExperimentAction(a.actionId(), a.description(), a.parameters(), a.targets(), a.startAfter(), s,
                a.startTime(), end);
    }

    // ---------------------------------------------------------------------------------------------------- records

    interface Versioned {
        int format();
    }

    /** {@code templates/<id>}: the template as returned, and the create request (for client-token idempotency). */
    public record TemplateRecord(int format, long seq, ExperimentTemplate template,
            CreateExperimentTemplateRequest request) implements Versioned {}

    /** {@code experiments/<id>}: the experiment as returned, its resolved targets and its start request. */
    public record ExperimentRecord(int format, long seq, Experiment experiment, List<ResolvedTarget> resolvedTargets,
            StartExperimentRequest request) implements Versioned {}

    /** {@code target-accounts/<template id>}: every version (experiments read the one of their creation time). */
    public record TargetAccountsRecord(int format, List<Version> versions,
            Map<String, TargetAccountConfiguration> tokens) implements Versioned {
        public TargetAccountsRecord {
            versions = versions == null ? List.of() : List.copyOf(versions);
            tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
        }
    }

    /** One version of a template's configurations, in order, from {@code at} on. */
    public record Version(Instant at, List<TargetAccountConfiguration> configs) {
        public Version {
            configs = configs == null ? List.of() : List.copyOf(configs);
        }
    }

    private static final class InstantText extends StdDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantText() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return Instant.parse(p.getValueAsString());
            } catch (java.time.format.DateTimeParseException e) {
                throw ctxt.weirdStringException(p.getText(), Instant.class, "not an ISO-8601 instant");
            }
        }
    }
}
