package dev.fisengine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.engine.Quotas;
import dev.fisengine.engine.plugins.Plugins;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI on the machine ({@code aws}, or {@code $FIS_TEST_AWS_CLI}) against {@code FisServer}: LocalStack's FIS
 * guide flow with its template (malformed roleArn included) and {@code --endpoint-url}, then more operations, CLI
 * pagination and an error as botocore parses it. Dummy credentials and region come from the environment.
 */
@Tag("emulator")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CLI = System.getenv().getOrDefault("FIS_TEST_AWS_CLI", "aws");

    /** Stands in for EC2 (until infrastructure actions exist): records the instances, lasts until stopped. */
    static final class StopInstancesStandIn implements ActionProvider {
        final List<String> stopped = new CopyOnWriteArrayList<>();

        @Override
        public ActionDescriptor descriptor() {
            return ActionDescriptor.builder("aws:ec2:stop-instances")
                    .description("Stand-in for aws:ec2:stop-instances that records the instances it would stop.")
                    .target(TargetKeyDescriptor.of("Instances", "aws:ec2:instance"))
                    .parameter(ParameterDescriptor.builder("startInstancesAfterDuration", ParameterFormat.DURATION)
                            .description("Restart after this long").defaultValue("PT1H").build())
                    .durationParameter("startInstancesAfterDuration")
                    .build();
        }

        @Override
        public int order() {
            return 1; // over the catalog's description (order -100)
        }

        @Override
        public void start(ActionContext context) {
            for (List<TargetResource> list : context.targets().values()) {
                list.forEach(t -> stopped.add(t.arn()));
            }
        }
    }

    final StopInstancesStandIn ec2 = new StopInstancesStandIn();
    final ServerFixture fx = new ServerFixture(Plugins.builder().discover(getClass().getClassLoader()).action(ec2)
            .build(), Quotas.defaults(), b -> { });
    @TempDir
    Path dir;

    @AfterAll
    void close() {
        fx.close();
    }

    record Result(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    Result aws(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CLI));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--endpoint-url", fx.endpoint().toString(), "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_PAGER", "");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out;
        byte[] err;
        try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
            out = o.readAllBytes();
            err = e.readAllBytes();
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("aws " + String.join(" ", args) + " ended").isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    JsonNode ok(String... args) throws Exception {
        Result r = aws(args);
        assertThat(r.exit()).as("aws " + String.join(" ", args) + "\nstdout: " + r.out() + "\nstderr: " + r.err())
                .isZero();
        return r.out().isBlank() ? JSON.createObjectNode() : r.json();
    }

    @Test
    void theLocalStackGuideFlowWorksUnchanged() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/localstack-guide/create-experiment.json")) {
            Files.write(dir.resolve("create-experiment.json"), in.readAllBytes());
        }
        JsonNode created = ok("fis", "create-experiment-template", "--cli-input-json", "file://create-experiment.json");
        String templateId = created.at("/experimentTemplate/id").asText();
        assertThat(templateId).isNotBlank();
        assertThat(created.at("/experimentTemplate/roleArn").asText())
                .isEqualTo("arn:aws:iam:123456789012:role/ExperimentRole");
        assertThat(created.at("/experimentTemplate/creationTime").isNumber() || created.at(
                "/experimentTemplate/creationTime").isTextual()).isTrue();

        JsonNode started = ok("fis", "start-experiment", "--experiment-template-id", templateId);
        String experimentId = started.at("/experiment/id").asText();
        assertThat(started.at("/experiment/state/status").asText()).isEqualTo("initiating");
        fx.clock.awaitIdle();

        JsonNode list = ok("fis", "list-experiments");
        assertThat(list.get("experiments")).anySatisfy(e -> {
            assertThat(e.get("id").asText()).isEqualTo(experimentId);
            assertThat(e.at("/state/status").asText()).isEqualTo("running");
        });
        JsonNode got = ok("fis", "get-experiment", "--id", experimentId);
        assertThat(got.at("/experiment/actions/StopInstance/state/status").asText()).isEqualTo("running");
        assertThat(ec2.stopped).containsExactly("arn:aws:ec2:us-east-1:000000000000:instance/i-0123456789abcdef0");

        JsonNode stopped = ok("fis", "stop-experiment", "--id", experimentId);
        assertThat(stopped.at("/experiment/state/status").asText()).isEqualTo("stopping");
        fx.clock.awaitIdle();
        assertThat(ok("fis", "get-experiment", "--id", experimentId).at("/experiment/state/status").asText())
                .isEqualTo("stopped");
        ok("fis", "delete-experiment-template", "--id", templateId);
    }

    @Test
    void moreOperationsPaginationAndErrorsThroughTheCli() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(ok("fis", "create-experiment-template", "--description", "cli " + i, "--role-arn",
                    "arn:aws:iam::111122223333:role/fis", "--stop-conditions", "source=none", "--actions",
                    "{\"wait\": {\"actionId\": \"aws:fis:wait\", \"parameters\": {\"duration\": \"PT5M\"}}}",
                    "--tags", "team=cli").at("/experimentTemplate/id").asText());
        }
        // the CLI follows nextToken itself; one template per page
        JsonNode all = ok("fis", "list-experiment-templates", "--page-size", "1");
        List<String> listed = new ArrayList<>();
        all.get("experimentTemplates").forEach(t -> listed.add(t.get("id").asText()));
        assertThat(listed).containsAll(ids);

        String arn = ok("fis", "get-experiment-template", "--id", ids.get(0)).at("/experimentTemplate/arn").asText();
        ok("fis", "tag-resource", "--resource-arn", arn, "--tags", "env=test");
        assertThat(ok("fis", "list-tags-for-resource", "--resource-arn", arn).get("tags"))
                .isEqualTo(JSON.readTree("{\"team\": \"cli\", \"env\": \"test\"}"));
        ok("fis", "untag-resource", "--resource-arn", arn, "--tag-keys", "team", "env");
        assertThat(ok("fis", "list-tags-for-resource", "--resource-arn", arn).get("tags").size()).isZero();

        assertThat(ok("fis", "get-action", "--id", "aws:fis:wait").at("/action/id").asText()).isEqualTo("aws:fis:wait");
        assertThat(ok("fis", "list-actions").get("actions").size())
                .isEqualTo(fx.engine.listActions(100, null).items().size());
        assertThat(ok("fis", "get-safety-lever", "--id", "default").at("/safetyLever/state/status").asText())
                .isEqualTo("disengaged");

        Result missing = aws("fis", "get-experiment", "--id", "EXPnope");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("An error occurred (ResourceNotFoundException) when calling the "
                + "GetExperiment operation: Experiment 'EXPnope' not found.");
        Result invalid = aws("fis", "create-experiment-template", "--description", "bad", "--role-arn",
                "arn:aws:iam::111122223333:role/fis", "--stop-conditions", "source=none", "--actions",
                "{\"x\": {\"actionId\": \"aws:fis:wait\"}}");
        assertThat(invalid.err()).contains("(ValidationException)").contains("/actions/x/parameters");
    }
}
