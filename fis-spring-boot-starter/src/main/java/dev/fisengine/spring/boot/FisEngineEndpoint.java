package dev.fisengine.spring.boot;

import dev.fisengine.api.exception.FisException;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentAction;
import dev.fisengine.api.model.ExperimentSummary;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.model.SafetyLever;
import dev.fisengine.api.model.SafetyLeverStatus;
import dev.fisengine.engine.FisEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code fisengine} Actuator endpoint: {@code GET /actuator/fisengine} lists the templates, the experiments and
 * the safety lever; {@code GET /actuator/fisengine/{experimentId}} shows one experiment; {@code POST
 * /actuator/fisengine} with a JSON body {@code {"action": "start", "template": NAME}}, {@code {"action": "stop",
 * "experiment": ID}}, {@code {"action": "engage-lever", "reason": ...}} or {@code {"action": "disengage-lever"}} does
 * it. While the lever is engaged, a started experiment is cancelled at once with the lever's reason, as in AWS FIS. Errors
 * answer with the FIS error's status: 400 (bad request), 404 (no such template or experiment), 409 (a conflict, e.g.
 * the lever is engaging), with
 * {@code {"error", "message"}}. Not exposed over HTTP unless {@code management.endpoints.web.exposure.include} names
 * it; it starts experiments, so protect it as you protect other write endpoints.
 */
@Endpoint(id = "fisengine")
public class FisEngineEndpoint {
    private final FisEngine engine;
    private final FisTemplates templates;

    public FisEngineEndpoint(FisEngine engine, FisTemplates templates) {
        this.engine = engine;
        this.templates = templates;
    }

    @ReadOperation
    public Map<String, Object> overview() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> ts = new ArrayList<>();
        templates.ids().forEach((name, id) -> {
            ExperimentTemplate t = engine.getExperimentTemplate(id);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("id", id);
            m.put("description", t.description());
            ts.add(m);
        });
        out.put("templates", ts);
        List<Map<String, Object>> es = new ArrayList<>();
        for (ExperimentSummary s : engine.listExperiments().items()) {
            es.add(summary(engine.getExperiment(s.id())));
        }
        out.put("experiments", es);
        out.put("safetyLever", lever(engine.getSafetyLever(FisEngine.SAFETY_LEVER_ID)));
        return out;
    }

    @ReadOperation
    public WebEndpointResponse<Map<String, Object>> experiment(@Selector String experimentId) {
        try {
            Experiment e = engine.getExperiment(experimentId);
            Map<String, Object> m = summary(e);
            Map<String, Object> actions = new LinkedHashMap<>();
            if (e.actions() != null) {
                for (Map.Entry<String, ExperimentAction> a : e.actions().entrySet()) {
                    Map<String, Object> am = new LinkedHashMap<>();
                    am.put("actionId", a.getValue().actionId());
                    if (a.getValue().state() != null) {
                        am.put("status", a.getValue().state().status().wireName());
                        am.put("reason", a.getValue().state().reason());
                    }
                    actions.put(a.getKey(), am);
                }
            }
            m.put("actions", actions);
            return new WebEndpointResponse<>(m);
        } catch (FisException ex) {
            return error(ex);
        }
    }

    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> operate(String action, @Nullable String template,
            @Nullable String experiment, @Nullable String reason) {
        try {
            switch (action) {
                case "start": {
                    if (template == null) {
                        return badRequest("\"start\" needs \"template\": one of " + templates.ids().keySet()
                                + " or a template id");
                    }
                    return new WebEndpointResponse<>(summary(templates.start(template)));
                }
                case "stop": {
                    if (experiment == null) {
                        return badRequest("\"stop\" needs \"experiment\": an experiment id");
                    }
                    return new WebEndpointResponse<>(summary(engine.stopExperiment(experiment)));
                }
                case "engage-lever":
                    return new WebEndpointResponse<>(lever(engine.updateSafetyLeverState(FisEngine.SAFETY_LEVER_ID,
                            SafetyLeverStatus.ENGAGED, reason == null ? "engaged from the Actuator endpoint" : reason)));
                case "disengage-lever":
                    return new WebEndpointResponse<>(lever(engine.updateSafetyLeverState(FisEngine.SAFETY_LEVER_ID,
                            SafetyLeverStatus.DISENGAGED,
                            reason == null ? "disengaged from the Actuator endpoint" : reason)));
                default:
                    return badRequest("Unknown action \"" + action
                            + "\"; one of start, stop, engage-lever, disengage-lever");
            }
        } catch (FisException e) {
            return error(e);
        }
    }

    private static Map<String, Object> summary(Experiment e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("templateId", e.experimentTemplateId());
        m.put("status", e.state().status().wireName());
        m.put("reason", e.state().reason());
        m.put("startTime", e.startTime() == null ? null : e.startTime().toString());
        m.put("endTime", e.endTime() == null ? null : e.endTime().toString());
        return m;
    }

    private static Map<String, Object> lever(SafetyLever l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("status", l.state().status().wireName());
        m.put("reason", l.state().reason());
        return m;
    }

    private static WebEndpointResponse<Map<String, Object>> badRequest(String message) {
        return new WebEndpointResponse<>(Map.of("error", "BadRequest", "message", message), 400);
    }

    private static WebEndpointResponse<Map<String, Object>> error(FisException e) {
        return new WebEndpointResponse<>(Map.of("error", e.errorCode(), "message", String.valueOf(e.getMessage())),
                e.httpStatus());
    }
}
