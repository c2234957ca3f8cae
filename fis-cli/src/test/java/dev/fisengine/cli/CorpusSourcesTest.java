package dev.fisengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.source.SourceDocument;
import dev.fisengine.engine.source.SourceFinding;
import dev.fisengine.engine.source.SourceFormat;
import dev.fisengine.engine.source.SourceValidation;
import dev.fisengine.engine.source.TemplateSources;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every corpus template is converted by this test to YAML, to a CloudFormation resource (JSON and YAML) and to
 * {@code terraform show -json} (state and plan) and must give the same findings (code, FIS path, message) as its JSON
 * form, in both validation modes. Documents a format cannot express are left out of that format, each for a reason
 * stated here, and counted.
 */
class CorpusSourcesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> CFN_RENAMES = Map.of("s3Configuration@outputs",
            "ExperimentReportS3Configuration");
    /** FIS members whose values are maps with user keys (kept as they are). */
    private static final Set<String> USER_MAPS = Set.of("targets", "actions", "tags", "parameters", "resourceTags");

    @Test
    void everyCorpusTemplateGivesTheSameFindingsInEveryFormat() throws IOException {
        Map<String, Integer> compared = new TreeMap<>();
        Map<String, Integer> leftOut = new TreeMap<>();
        for (ValidationMode mode : ValidationMode.values()) {
            TemplateValidator validator = TemplateValidator.create(Plugins.discovered(), mode);
            for (Path p : Corpus.templates()) {
                String json = Files.readString(p);
                List<String> expected = keys(validator.validateJson(json).findings());
                JsonNode tree = JSON.readTree(json);
                if (!tree.isObject() || expected.stream().anyMatch(k -> k.startsWith("json."))) {
                    leftOut.merge("all formats: not one JSON object without duplicate members", 1, Integer::sum);
                    continue;
                }
                check(validator, p, "yaml", YAML.writeValueAsString(tree), SourceFormat.FIS_YAML, expected,
                        compared);
                boolean coercible = expected.stream().anyMatch(k -> k.startsWith("template.wrong-type"));
                if (coercible || tree.has("experimentTemplate") || tree.has("clientToken")) {
                    leftOut.merge("CloudFormation: a wrong-typed scalar (CloudFormation turns it into a string), "
                            + "or a member CloudFormation has no property for", 1, Integer::sum);
                } else {
                    JsonNode cfn = cloudFormation(tree);
                    check(validator, p, "template.json", JSON.writeValueAsString(cfn),
                            SourceFormat.CLOUDFORMATION_JSON, expected, compared);
                    check(validator, p, "template.yaml", YAML.writeValueAsString(cfn),
                            SourceFormat.CLOUDFORMATION_YAML, expected, compared);
                }
                String why = terraformCannotExpress(tree, expected);
                if (why != null) {
                    leftOut.merge("Terraform: " + why, 1, Integer::sum);
                } else {
                    check(validator, p, "state.json", JSON.writeValueAsString(terraform(tree, false)),
                            SourceFormat.TERRAFORM_STATE, expected, compared);
                    check(validator, p, "plan.json", JSON.writeValueAsString(terraform(tree, true)),
                            SourceFormat.TERRAFORM_PLAN, expected, compared);
                }
            }
        }
        System.out.println("compared: " + compared + "\nleft out: " + leftOut);
        int corpus = Corpus.templates().size();
        assertThat(compared.get("FIS_YAML")).isEqualTo(2 * corpus);
        assertThat(compared.get("CLOUDFORMATION_JSON")).isGreaterThanOrEqualTo(2 * corpus * 3 / 4);
        assertThat(compared.get("TERRAFORM_STATE")).isGreaterThanOrEqualTo(2 * corpus * 3 / 4);
    }

    private static void check(TemplateValidator validator, Path p, String ext, String text, SourceFormat format,
            List<String> expected, Map<String, Integer> compared) {
        SourceDocument doc = TemplateSources.read(p.getFileName() + "." + ext, text);
        assertThat(doc.format()).as(p + " as " + format).isEqualTo(format);
        assertThat(doc.findings()).as(p + " as " + format).isEmpty();
        SourceValidation v = doc.template(null).validate(validator);
        List<String> actual = new ArrayList<>();
        for (SourceFinding f : v.findings()) {
            assertThat(f.level()).as(p + " as " + format + ": " + f).isNotEqualTo(SourceFinding.Level.INFO);
            actual.add(f.code() + " " + f.templatePath() + " " + f.message());
            assertThat(f.line()).as(p + " as " + format + ": the line of " + f).isPositive();
        }
        assertThat(actual).as(p + " as " + format + "\n" + text).containsExactlyInAnyOrderElementsOf(expected);
        compared.merge(format.name(), 1, Integer::sum);
    }

    private static List<String> keys(List<Finding> findings) {
        return findings.stream().map(f -> f.code() + " " + f.path() + " " + f.message()).toList();
    }

    // ------------------------------------------------------------------ CloudFormation

    static JsonNode cloudFormation(JsonNode template) {
        ObjectNode root = NODES.objectNode();
        root.put("AWSTemplateFormatVersion", "2010-09-09");
        ObjectNode r = root.putObject("Resources").putObject("Experiment");
        r.put("Type", "AWS::FIS::ExperimentTemplate");
        r.set("Properties", pascal(template, ""));
        return root;
    }

    private static JsonNode pascal(JsonNode n, String parent) {
        if (n.isArray()) {
            ArrayNode a = NODES.arrayNode();
            n.forEach(e -> a.add(pascal(e, parent)));
            return a;
        }
        if (!n.isObject()) {
            return n;
        }
        ObjectNode o = NODES.objectNode();
        n.properties().forEach(e -> {
            String k = e.getKey();
            String name = CFN_RENAMES.getOrDefault(k + "@" + parent,
                    k.isEmpty() ? k : Character.toUpperCase(k.charAt(0)) + k.substring(1));
            JsonNode v = e.getValue();
            if (USER_MAPS.contains(k) && v.isObject()) {
                ObjectNode m = NODES.objectNode();
                boolean entriesAreObjects = k.equals("targets") && parent.isEmpty() || k.equals("actions");
                v.properties().forEach(x -> m.set(x.getKey(), entriesAreObjects ? pascal(x.getValue(), k)
                        : x.getValue()));
                o.set(name, m);
            } else {
                o.set(name, pascal(v, k));
            }
        });
        return o;
    }

    // ------------------------------------------------------------------ Terraform

    /** Why this document cannot be written as an aws_fis_experiment_template, or null. */
    private static String terraformCannotExpress(JsonNode t, List<String> expected) {
        if (expected.stream().anyMatch(k -> k.startsWith("template.unknown-member")
                || k.startsWith("template.wrong-type") || k.startsWith("template.wrapped"))) {
            return "a member the provider has no attribute for, or a wrong JSON type (the provider's schema is typed)";
        }
        if (t.has("clientToken")) {
            return "clientToken (the provider generates it)";
        }
        List<String> empties = new ArrayList<>();
        t.path("actions").forEach(a -> {
            if (a.path("description").asText("x").isEmpty() || a.path("startAfter").isArray()
                    && a.path("startAfter").isEmpty()) {
                empties.add("x");
            }
        });
        if (!empties.isEmpty()) {
            return "an empty string or list the provider sends as absent";
        }
        return null;
    }

    static JsonNode terraform(JsonNode t, boolean plan) {
        ObjectNode values = NODES.objectNode();
        values.set("description", t.get("description"));
        values.set("role_arn", t.get("roleArn"));
        values.set("tags", t.has("tags") ? t.get("tags") : NODES.nullNode());
        ArrayNode actions = values.putArray("action");
        t.path("actions").properties().forEach(e -> {
            JsonNode a = e.getValue();
            ObjectNode b = actions.addObject();
            b.put("name", e.getKey());
            b.set("action_id", a.get("actionId"));
            b.put("description", a.path("description").asText(""));
            b.set("parameter", keyValues(a.path("parameters")));
            ArrayNode after = b.putArray("start_after");
            a.path("startAfter").forEach(after::add);
            b.set("target", keyValues(a.path("targets")));
        });
        ArrayNode targets = values.putArray("target");
        t.path("targets").properties().forEach(e -> {
            JsonNode x = e.getValue();
            ObjectNode b = targets.addObject();
            b.put("name", e.getKey());
            b.set("resource_type", x.get("resourceType"));
            ArrayNode arns = b.putArray("resource_arns");
            x.path("resourceArns").forEach(arns::add);
            b.set("resource_tag", keyValues(x.path("resourceTags")));
            ArrayNode filters = b.putArray("filter");
            x.path("filters").forEach(f -> filters.addObject().<ObjectNode>set("path", f.get("path"))
                    .set("values", f.get("values")));
            b.set("selection_mode", x.get("selectionMode"));
            b.set("parameters", x.has("parameters") ? x.get("parameters") : NODES.nullNode());
        });
        ArrayNode stops = values.putArray("stop_condition");
        t.path("stopConditions").forEach(s -> stops.addObject().<ObjectNode>set("source", s.get("source"))
                .put("value", s.path("value").asText("")));
        ArrayNode log = values.putArray("log_configuration");
        JsonNode lc = t.get("logConfiguration");
        if (lc != null) {
            ObjectNode b = log.addObject();
            b.set("log_schema_version", lc.get("logSchemaVersion"));
            ArrayNode cw = b.putArray("cloudwatch_logs_configuration");
            if (lc.has("cloudWatchLogsConfiguration")) {
                cw.addObject().set("log_group_arn", lc.get("cloudWatchLogsConfiguration").get("logGroupArn"));
            }
            ArrayNode s3 = b.putArray("s3_configuration");
            if (lc.has("s3Configuration")) {
                s3.addObject().<ObjectNode>set("bucket_name", lc.get("s3Configuration").get("bucketName"))
                        .put("prefix", lc.get("s3Configuration").path("prefix").asText(""));
            }
        }
        ArrayNode options = values.putArray("experiment_options");
        JsonNode eo = t.get("experimentOptions");
        if (eo != null) {
            options.addObject().<ObjectNode>set("account_targeting", eo.get("accountTargeting"))
                    .set("empty_target_resolution_mode", eo.get("emptyTargetResolutionMode"));
        }
        ArrayNode report = values.putArray("experiment_report_configuration");
        JsonNode rc = t.get("experimentReportConfiguration");
        if (rc != null) {
            ObjectNode b = report.addObject();
            ArrayNode outputs = b.putArray("outputs");
            JsonNode s3 = rc.path("outputs").get("s3Configuration");
            if (s3 != null) {
                outputs.addObject().putArray("s3_configuration").addObject()
                        .<ObjectNode>set("bucket_name", s3.get("bucketName")).put("prefix",
                                s3.path("prefix").asText(""));
            }
            ArrayNode sources = b.putArray("data_sources");
            if (rc.has("dataSources")) {
                ArrayNode d = sources.addObject().putArray("cloudwatch_dashboard");
                rc.path("dataSources").path("cloudWatchDashboards").forEach(x -> d.addObject()
                        .set("dashboard_arn", x.get("dashboardIdentifier")));
            }
            b.put("pre_experiment_duration", rc.path("preExperimentDuration").asText(""));
            b.put("post_experiment_duration", rc.path("postExperimentDuration").asText(""));
        }
        values.set("timeouts", NODES.nullNode());
        ObjectNode resource = NODES.objectNode();
        resource.put("address", "aws_fis_experiment_template.corpus");
        resource.put("mode", "managed");
        resource.put("type", "aws_fis_experiment_template");
        resource.put("name", "corpus");
        resource.set("values", values);
        ObjectNode root = NODES.objectNode();
        root.put("format_version", plan ? "1.2" : "1.0");
        root.put("terraform_version", "1.9.8");
        ObjectNode module = root.putObject(plan ? "planned_values" : "values").putObject("root_module");
        if (plan) {
            module.putArray("child_modules").addObject().put("address", "module.m").putArray("resources")
                    .add(resource.put("address", "module.m.aws_fis_experiment_template.corpus"));
            root.putArray("resource_changes").addObject()
                    .put("address", "module.m.aws_fis_experiment_template.corpus")
                    .put("type", "aws_fis_experiment_template")
                    .putObject("change").putObject("after_unknown").put("id", true);
        } else {
            module.putArray("resources").add(resource);
        }
        return root;
    }

    private static ArrayNode keyValues(JsonNode map) {
        ArrayNode a = NODES.arrayNode();
        map.properties().forEach(e -> a.addObject().put("key", e.getKey()).set("value", e.getValue()));
        return a;
    }

}
