package dev.fisengine.spring.boot;

import dev.fisengine.api.exception.ResourceNotFoundException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentAction;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.source.SourceDocument;
import dev.fisengine.engine.source.SourceFinding;
import dev.fisengine.engine.source.SourceTemplate;
import dev.fisengine.engine.source.TemplateSources;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The experiment templates created from {@code fisengine.templates}, by name, and starting experiments from them.
 * Names are the CloudFormation logical id, the Terraform address, or the file name without its extension.
 */
public final class FisTemplates {
    private final FisEngine engine;
    private final Duration startTimeout;
    private final Map<String, String> idsByName;

    FisTemplates(FisEngine engine, Duration startTimeout, Map<String, String> idsByName) {
        this.engine = engine;
        this.startTimeout = startTimeout;
        this.idsByName = Collections.unmodifiableMap(new LinkedHashMap<>(idsByName));
    }

    /** Reads every location with {@link TemplateSources} and creates its templates; fails with the findings. */
    static FisTemplates load(FisEngine engine, ResourceLoader loader, List<String> locations, Duration startTimeout) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String location : locations) {
            Resource resource = loader.getResource(location);
            byte[] bytes;
            try (InputStream in = resource.getInputStream()) {
                bytes = in.readNBytes(TemplateSources.MAX_SOURCE_BYTES + 1);
            } catch (IOException e) {
                throw new IllegalStateException("fisengine.templates: cannot read " + location + ": " + e.getMessage(),
                        e);
            }
            String file = resource.getFilename() == null ? location : resource.getFilename();
            SourceDocument doc = TemplateSources.read(location, bytes);
            if (doc.failed()) {
                throw new IllegalStateException("fisengine.templates: " + doc.findings().stream()
                        .filter(f -> f.level() == SourceFinding.Level.ERROR).map(SourceFinding::toString)
                        .collect(Collectors.joining("; ")));
            }
            for (SourceTemplate t : doc.templates()) {
                ExperimentTemplate created;
                try {
                    created = engine.createExperimentTemplate(t);
                } catch (ValidationException e) {
                    throw new IllegalStateException("fisengine.templates: invalid template: " + e.getMessage(), e);
                }
                String name = t.name() != null ? t.name() : stripExtension(file);
                if (ids.putIfAbsent(name, created.id()) != null) {
                    throw new IllegalStateException("fisengine.templates: two templates are named " + name
                            + " (the second in " + location + ")");
                }
            }
        }
        return new FisTemplates(engine, startTimeout, ids);
    }

    private static String stripExtension(String file) {
        int dot = file.indexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** Template name to template id, in the order they were created. */
    public Map<String, String> ids() {
        return idsByName;
    }

    /** The id of the template of this name, or the argument itself when it is a template id of the engine. */
    public String templateId(String nameOrId) {
        Objects.requireNonNull(nameOrId, "nameOrId");
        String id = idsByName.get(nameOrId);
        if (id != null) {
            return id;
        }
        engine.getExperimentTemplate(nameOrId); // throws ResourceNotFoundException naming it
        return nameOrId;
    }

    /**
     * Starts an experiment from the named template and returns when its first actions have started (their faults
     * armed), or it ended, or {@code fisengine.start-timeout} passed.
     *
     * @throws ResourceNotFoundException when there is no such template
     */
    public Experiment start(String nameOrId) {
        Experiment e = engine.startExperiment(templateId(nameOrId));
        return awaitStarted(e.id());
    }

    /** Waits, bounded by {@code fisengine.start-timeout}, until the experiment's first actions run or it ended. */
    public Experiment awaitStarted(String experimentId) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        Experiment e = engine.getExperiment(experimentId);
        while (!started(e) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000L);
            e = engine.getExperiment(experimentId);
        }
        return e;
    }

    private static boolean started(Experiment e) {
        ExperimentStatus status = e.state().status();
        if (status.isTerminal()) {
            return true;
        }
        if (status != ExperimentStatus.RUNNING) {
            return false;
        }
        for (ExperimentAction a : e.actions() == null ? List.<ExperimentAction>of() : e.actions().values()) {
            ActionStatus as = a.state() == null ? null : a.state().status();
            boolean first = a.startAfter() == null || a.startAfter().isEmpty();
            if (as == ActionStatus.INITIATING || first && as == ActionStatus.PENDING) {
                return false;
            }
        }
        return true;
    }
}
