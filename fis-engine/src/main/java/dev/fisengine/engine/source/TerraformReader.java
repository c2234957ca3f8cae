package dev.fisengine.engine.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisengine.api.validation.JsonPointer;
import dev.fisengine.engine.source.Shape.Kind;
import dev.fisengine.engine.source.SourceFinding.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps every {@code aws_fis_experiment_template} of {@code terraform show -json} output (a plan's
 * {@code planned_values} with {@code resource_changes}, or a state's {@code values}, child modules included) to a
 * create-experiment-template document, following the Terraform AWS provider's blocks and attributes. Values a plan
 * knows only after apply become placeholders of the kind the attribute holds ({@code source.unresolved} info).
 */
final class TerraformReader {
    static final String FIS_TYPE = "aws_fis_experiment_template";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final String file;
    private final SourceFormat format;
    private final Locations locations;
    private final Map<String, JsonNode> afterUnknown = new HashMap<>();
    private final Map<String, JsonNode> expressions = new HashMap<>();
    private Mapping mapping;
    private String address;

    TerraformReader(JsonNode root, String file, SourceFormat format, Locations locations) {
        this.root = root;
        this.file = file;
        this.format = format;
        this.locations = locations;
    }

    static boolean isTerraform(JsonNode root) {
        return root.isObject() && root.has("format_version") && (root.has("terraform_version")
                || root.has("planned_values") || root.has("resource_changes") || root.has("values"));
    }

    static boolean isPlan(JsonNode root) {
        return root.has("planned_values") || root.has("resource_changes");
    }

    List<SourceTemplate> templates() {
        List<SourceTemplate> out = new ArrayList<>();
        JsonNode changes = root.path("resource_changes");
        for (int i = 0; i < changes.size(); i++) {
            JsonNode c = changes.get(i);
            if (FIS_TYPE.equals(c.path("type").asText()) && c.has("address")) {
                afterUnknown.put(c.get("address").asText(), c.path("change").path("after_unknown"));
            }
        }
        configuration(root.path("configuration").path("root_module"), "");
        List<String[]> found = new ArrayList<>(); // {address, pointer to the values}
        if (root.has("planned_values")) {
            module(root.path("planned_values").path("root_module"), "/planned_values/root_module", found);
        } else if (root.has("values")) {
            module(root.path("values").path("root_module"), "/values/root_module", found);
        }
        if (found.isEmpty()) {
            for (int i = 0; i < changes.size(); i++) {
                JsonNode c = changes.get(i);
                JsonNode after = c.path("change").path("after");
                if (FIS_TYPE.equals(c.path("type").asText()) && "managed".equals(c.path("mode").asText("managed"))
                        && after.isObject()) {
                    found.add(new String[] {c.path("address").asText(), "/resource_changes/" + i + "/change/after"});
                }
            }
        }
        for (String[] f : found) {
            out.add(template(f[0], f[1]));
        }
        return out;
    }

    private void module(JsonNode module, String pointer, List<String[]> found) {
        JsonNode resources = module.path("resources");
        for (int i = 0; i < resources.size(); i++) {
            JsonNode r = resources.get(i);
            if (FIS_TYPE.equals(r.path("type").asText()) && "managed".equals(r.path("mode").asText("managed"))
                    && r.path("values").isObject()) {
                found.add(new String[] {r.path("address").asText(), pointer + "/resources/" + i + "/values"});
            }
        }
        JsonNode children = module.path("child_modules");
        for (int i = 0; i < children.size(); i++) {
            module(children.get(i), pointer + "/child_modules/" + i, found);
        }
    }

    /** The configuration's expressions of each FIS resource, by address, to name what an unknown value comes from. */
    private void configuration(JsonNode module, String prefix) {
        for (JsonNode r : module.path("resources")) {
            if (FIS_TYPE.equals(r.path("type").asText(FIS_TYPE)) && r.has("address")) {
                expressions.put(prefix + r.get("address").asText(), r.path("expressions"));
            }
        }
        module.path("module_calls").properties().forEach(e ->
                configuration(e.getValue().path("module"), prefix + "module." + e.getKey() + "."));
    }

    /** {@code " (aws_iam_role.example.arn)"} when the configuration says where the value comes from. */
    private String from(String attr) {
        JsonNode refs = expressions.getOrDefault(address, NODES.objectNode()).path(attr).path("references");
        return refs.isArray() && !refs.isEmpty() ? " (" + refs.get(0).asText() + ")" : "";
    }

    private JsonNode at(String pointer) {
        return root.at(pointer);
    }

    private SourceTemplate template(String address, String valuesPointer) {
        this.address = address;
        mapping = new Mapping();
        mapping.map("", valuesPointer);
        JsonNode v = at(valuesPointer);
        JsonNode unknown = afterUnknown.getOrDefault(address, NODES.objectNode());
        ObjectNode t = mapping.template;
        string(v, unknown, valuesPointer, "description", t, "", "description", Kind.TEXT, true);
        string(v, unknown, valuesPointer, "role_arn", t, "", "roleArn", Kind.ROLE_ARN, true);
        stringMap(v.get("tags"), valuesPointer + "/tags", t, "", "tags");

        ObjectNode targets = NODES.objectNode();
        JsonNode targetBlocks = v.path("target");
        for (int i = 0; i < targetBlocks.size(); i++) {
            JsonNode b = targetBlocks.get(i);
            String src = valuesPointer + "/target/" + i;
            JsonNode u = unknown.path("target").path(i);
            String name = b.path("name").asText("");
            String fis = JsonPointer.append("/targets", name);
            if (targets.has(name)) {
                duplicate("target", name, src, fis);
                continue;
            }
            mapping.map(fis, src);
            ObjectNode o = targets.putObject(name);
            string(b, u, src, "resource_type", o, fis, "resourceType", Kind.TEXT, true);
            String rt = b.path("resource_type").asText(null);
            stringList(b, u, src, "resource_arns", o, fis, "resourceArns", Kind.RESOURCE_ARN, rt);
            keyValues(b.path("resource_tag"), src + "/resource_tag", o, fis, "resourceTags");
            JsonNode filters = b.path("filter");
            if (filters.size() > 0) {
                ArrayNode fa = o.putArray("filters");
                mapping.map(fis + "/filters", src + "/filter");
                for (int j = 0; j < filters.size(); j++) {
                    String fsrc = src + "/filter/" + j;
                    String ffis = fis + "/filters/" + j;
                    mapping.map(ffis, fsrc);
                    ObjectNode fo = fa.addObject();
                    string(filters.get(j), NODES.objectNode(), fsrc, "path", fo, ffis, "path", Kind.TEXT, true);
                    stringList(filters.get(j), NODES.objectNode(), fsrc, "values", fo, ffis, "values", Kind.TEXT,
                            null);
                }
            }
            string(b, u, src, "selection_mode", o, fis, "selectionMode", Kind.TEXT, false);
            stringMap(b.get("parameters"), src + "/parameters", o, fis, "parameters");
        }
        if (targets.size() > 0) {
            t.set("targets", targets);
            mapping.map("/targets", valuesPointer + "/target");
        }

        ObjectNode actions = NODES.objectNode();
        JsonNode actionBlocks = v.path("action");
        for (int i = 0; i < actionBlocks.size(); i++) {
            JsonNode b = actionBlocks.get(i);
            String src = valuesPointer + "/action/" + i;
            JsonNode u = unknown.path("action").path(i);
            String name = b.path("name").asText("");
            String fis = JsonPointer.append("/actions", name);
            if (actions.has(name)) {
                duplicate("action", name, src, fis);
                continue;
            }
            mapping.map(fis, src);
            ObjectNode o = actions.putObject(name);
            string(b, u, src, "action_id", o, fis, "actionId", Kind.TEXT, true);
            string(b, u, src, "description", o, fis, "description", Kind.TEXT, false);
            keyValues(b.path("parameter"), src + "/parameter", o, fis, "parameters");
            keyValues(b.path("target"), src + "/target", o, fis, "targets");
            stringList(b, u, src, "start_after", o, fis, "startAfter", Kind.TEXT, null);
        }
        if (actions.size() > 0) {
            t.set("actions", actions);
            mapping.map("/actions", valuesPointer + "/action");
        }

        JsonNode stops = v.path("stop_condition");
        if (stops.size() > 0) {
            ArrayNode sa = t.putArray("stopConditions");
            mapping.map("/stopConditions", valuesPointer + "/stop_condition");
            for (int i = 0; i < stops.size(); i++) {
                String src = valuesPointer + "/stop_condition/" + i;
                String fis = "/stopConditions/" + i;
                mapping.map(fis, src);
                ObjectNode o = sa.addObject();
                JsonNode u = unknown.path("stop_condition").path(i);
                string(stops.get(i), u, src, "source", o, fis, "source", Kind.TEXT, true);
                string(stops.get(i), u, src, "value", o, fis, "value", Kind.ALARM_ARN, false);
            }
        }

        JsonNode log = first(v, "log_configuration");
        if (log != null) {
            String src = valuesPointer + "/log_configuration/0";
            JsonNode u = unknown.path("log_configuration").path(0);
            ObjectNode o = t.putObject("logConfiguration");
            mapping.map("/logConfiguration", src);
            JsonNode version = log.get("log_schema_version");
            if (version != null && !version.isNull()) {
                o.set("logSchemaVersion", version);
                mapping.map("/logConfiguration/logSchemaVersion", src + "/log_schema_version");
            }
            JsonNode cw = first(log, "cloudwatch_logs_configuration");
            if (cw != null) {
                ObjectNode co = o.putObject("cloudWatchLogsConfiguration");
                String csrc = src + "/cloudwatch_logs_configuration/0";
                mapping.map("/logConfiguration/cloudWatchLogsConfiguration", csrc);
                string(cw, u.path("cloudwatch_logs_configuration").path(0), csrc, "log_group_arn", co,
                        "/logConfiguration/cloudWatchLogsConfiguration", "logGroupArn", Kind.LOG_GROUP_ARN, true);
            }
            JsonNode s3 = first(log, "s3_configuration");
            if (s3 != null) {
                s3(s3, u.path("s3_configuration").path(0), src + "/s3_configuration/0", o,
                        "/logConfiguration/s3Configuration");
            }
        }

        JsonNode options = first(v, "experiment_options");
        if (options != null) {
            String src = valuesPointer + "/experiment_options/0";
            ObjectNode o = t.putObject("experimentOptions");
            mapping.map("/experimentOptions", src);
            JsonNode u = unknown.path("experiment_options").path(0);
            string(options, u, src, "account_targeting", o, "/experimentOptions", "accountTargeting", Kind.TEXT,
                    false);
            string(options, u, src, "empty_target_resolution_mode", o, "/experimentOptions",
                    "emptyTargetResolutionMode", Kind.TEXT, false);
        }

        JsonNode report = first(v, "experiment_report_configuration");
        if (report != null) {
            String src = valuesPointer + "/experiment_report_configuration/0";
            String fis = "/experimentReportConfiguration";
            JsonNode u = unknown.path("experiment_report_configuration").path(0);
            ObjectNode o = t.putObject("experimentReportConfiguration");
            mapping.map(fis, src);
            JsonNode outputs = first(report, "outputs");
            if (outputs != null) {
                ObjectNode oo = o.putObject("outputs");
                mapping.map(fis + "/outputs", src + "/outputs/0");
                JsonNode s3 = first(outputs, "s3_configuration");
                if (s3 != null) {
                    s3(s3, u.path("outputs").path(0).path("s3_configuration").path(0),
                            src + "/outputs/0/s3_configuration/0", oo, fis + "/outputs/s3Configuration");
                }
            }
            JsonNode sources = first(report, "data_sources");
            if (sources != null) {
                ObjectNode so = o.putObject("dataSources");
                mapping.map(fis + "/dataSources", src + "/data_sources/0");
                JsonNode dashboards = sources.path("cloudwatch_dashboard");
                ArrayNode da = so.putArray("cloudWatchDashboards");
                mapping.map(fis + "/dataSources/cloudWatchDashboards", src + "/data_sources/0/cloudwatch_dashboard");
                for (int i = 0; i < dashboards.size(); i++) {
                    String dsrc = src + "/data_sources/0/cloudwatch_dashboard/" + i;
                    String dfis = fis + "/dataSources/cloudWatchDashboards/" + i;
                    mapping.map(dfis, dsrc);
                    string(dashboards.get(i), u.path("data_sources").path(0).path("cloudwatch_dashboard").path(i),
                            dsrc, "dashboard_arn", da.addObject(), dfis, "dashboardIdentifier", Kind.DASHBOARD_ARN,
                            true);
                }
            }
            string(report, u, src, "pre_experiment_duration", o, fis, "preExperimentDuration", Kind.TEXT, false);
            string(report, u, src, "post_experiment_duration", o, fis, "postExperimentDuration", Kind.TEXT, false);
        }

        String json;
        try {
            json = JSON.writeValueAsString(t);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new SourceTemplate(file, format, address, valuesPointer, json, null, mapping, locations,
                TerraformReader::tfName);
    }

    private void s3(JsonNode s3, JsonNode u, String src, ObjectNode parent, String fis) {
        ObjectNode o = parent.putObject("s3Configuration");
        mapping.map(fis, src);
        string(s3, u, src, "bucket_name", o, fis, "bucketName", Kind.BUCKET, true);
        string(s3, u, src, "prefix", o, fis, "prefix", Kind.TEXT, false);
    }

    private static JsonNode first(JsonNode block, String name) {
        JsonNode list = block.path(name);
        return list.isArray() && list.size() > 0 && list.get(0).isObject() ? list.get(0) : null;
    }

    private void duplicate(String block, String name, String src, String fis) {
        mapping.note(Level.ERROR, "terraform.duplicate-name", src + "/name", fis, "Two " + block + " blocks are named "
                + CloudFormationReader.quote(name) + "; FIS keys " + block + "s by name, so one would be lost");
    }

    /**
     * Copies a string attribute: unknown after apply becomes a placeholder; null, or empty when optional, is left out
     * (the provider sends neither).
     */
    private void string(JsonNode block, JsonNode unknown, String src, String attr, ObjectNode out, String fis,
            String member, Kind kind, boolean required) {
        String childSrc = src + "/" + attr;
        String childFis = JsonPointer.append(fis, member);
        JsonNode value = block.get(attr);
        if (unknown.path(attr).asBoolean(false)) {
            String p = kind.placeholder(null);
            mapping.placeholder(childFis, childSrc, attr + " of " + address + " is known only after apply"
                    + from(attr) + "; checked as "
                    + kind.description + " (" + CloudFormationReader.quote(p) + ")");
            out.put(member, p);
            return;
        }
        if (value == null || value.isNull() || (!required && value.isTextual() && value.asText().isEmpty())) {
            return;
        }
        mapping.map(childFis, childSrc);
        out.set(member, value);
    }

    private void stringList(JsonNode block, JsonNode unknown, String src, String attr, ObjectNode out, String fis,
            String member, Kind kind, String resourceType) {
        String childSrc = src + "/" + attr;
        String childFis = JsonPointer.append(fis, member);
        JsonNode value = block.get(attr);
        if (unknown.path(attr).asBoolean(false)) {
            String p = kind.placeholder(resourceType);
            mapping.placeholder(childFis, childSrc, attr + " of " + address + " is known only after apply; checked as a"
                    + " list of " + kind.description + " (" + CloudFormationReader.quote(p) + ")");
            out.putArray(member).add(p);
            return;
        }
        if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
            return;
        }
        mapping.map(childFis, childSrc);
        if (value.isArray()) {
            ArrayNode a = out.putArray(member);
            for (int i = 0; i < value.size(); i++) {
                String isrc = childSrc + "/" + i;
                String ifis = childFis + "/" + i;
                if (unknown.path(attr).path(i).asBoolean(false)) {
                    String p = kind.placeholder(resourceType);
                    mapping.placeholder(ifis, isrc, attr + "[" + i + "] of " + address + " is known only after apply;"
                            + " checked as " + kind.description + " (" + CloudFormationReader.quote(p) + ")");
                    a.add(p);
                } else {
                    mapping.map(ifis, isrc);
                    a.add(value.get(i));
                }
            }
        } else {
            out.set(member, value);
        }
    }

    private void stringMap(JsonNode value, String src, ObjectNode out, String fis, String member) {
        if (value == null || value.isNull() || (value.isObject() && value.isEmpty())) {
            return;
        }
        String childFis = JsonPointer.append(fis, member);
        mapping.map(childFis, src);
        value.fieldNames().forEachRemaining(k -> mapping.map(JsonPointer.append(childFis, k),
                JsonPointer.append(src, k)));
        out.set(member, value);
    }

    /** {@code parameter { key = "duration" value = "PT1M" }} blocks to {@code {"duration": "PT1M"}}. */
    private void keyValues(JsonNode blocks, String src, ObjectNode out, String fis, String member) {
        if (!blocks.isArray() || blocks.isEmpty()) {
            return;
        }
        String childFis = JsonPointer.append(fis, member);
        mapping.map(childFis, src);
        ObjectNode o = out.putObject(member);
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode b = blocks.get(i);
            String key = b.path("key").asText("");
            String bsrc = src + "/" + i;
            String kfis = JsonPointer.append(childFis, key);
            if (o.has(key)) {
                mapping.note(Level.ERROR, "terraform.duplicate-name", bsrc + "/key", kfis, "Two blocks have the key "
                        + CloudFormationReader.quote(key) + "; FIS keeps one value per key, so one would be lost");
                continue;
            }
            mapping.map(kfis, bsrc + "/value");
            o.set(key, b.has("value") ? b.get("value") : NODES.nullNode());
        }
    }

    /** The Terraform spelling of a FIS member name: {@code actionId} is {@code action_id}. */
    static String tfName(String fis) {
        StringBuilder b = new StringBuilder();
        for (char c : fis.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
