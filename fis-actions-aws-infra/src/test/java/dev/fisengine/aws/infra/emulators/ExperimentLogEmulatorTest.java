package dev.fisengine.aws.infra.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.aws.infra.InfraSettings;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.FisTestkit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The experiment log where AWS FIS writes it: a template's {@code logConfiguration} delivers the FIS log schema v2
 * records to CloudWatch Logs (stream {@code /aws/fis/<experiment-id>}) and S3 (FIS's key layout) on moto_server,
 * read back through the API; a destination that is down is reported and the experiment still completes.
 */
@Tag("emulator")
class ExperimentLogEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Experiment ids repeat across engines (seeded), so each test writes to a log group of its own. */
    private static final AtomicInteger GROUPS = new AtomicInteger();
    private static final String BUCKET = "fis-experiment-logs";
    private static Moto moto;
    private static CloudWatchLogsClient logs;
    private static S3Client s3;
    private static String instanceArn;

    @TempDir
    Path journalDir;
    private FisEngine engine;
    private final List<ExperimentLogRecord> ownLog = new CopyOnWriteArrayList<>();
    /** Now, to the second: CloudWatch Logs refuses events more than 14 days old, so the clock starts at today. */
    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @BeforeAll
    static void start() {
        moto = Moto.start();
        logs = InfraFixture.client(CloudWatchLogsClient.builder(), moto.endpoint());
        s3 = InfraFixture.client(S3Client.builder().forcePathStyle(true), moto.endpoint());
        s3.createBucket(r -> r.bucket(BUCKET));
        try (Ec2Client ec2 = InfraFixture.client(Ec2Client.builder(), moto.endpoint())) {
            String image = ec2.describeImages(r -> { }).images().get(0).imageId();
            instanceArn = "arn:aws:ec2:us-east-1:123456789012:instance/" + ec2.runInstances(r -> r.imageId(image)
                    .minCount(1).maxCount(1)).instances().get(0).instanceId();
        }
    }

    @AfterAll
    static void stop() {
        logs.close();
        s3.close();
        moto.close();
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static String newGroup() {
        String group = "fis-experiment-logs-" + GROUPS.incrementAndGet();
        logs.createLogGroup(r -> r.logGroupName(group));
        return group;
    }

    private FisEngine engine(InfraSettings settings) {
        engine = FisTestkit.engineBuilder(clock).slf4jLog(false).logSink(ownLog::add)
                .component(InfraSettings.class, settings).build();
        return engine;
    }

    private static String template(String logConfiguration) {
        return """
                {"description": "logged", "roleArn": "arn:aws:iam::123456789012:role/fis",
                 "targets": {"I": {"resourceType": "aws:ec2:instance", "resourceArns": ["%s"], "selectionMode": "ALL"}},
                 "actions": {"reboot": {"actionId": "aws:ec2:reboot-instances", "targets": {"Instances": "I"}},
                             "wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT1M"},
                                      "startAfter": ["reboot"]}},
                 "stopConditions": [{"source": "none"}],
                 "logConfiguration": %s}
                """.formatted(instanceArn, logConfiguration);
    }

    private Experiment runToEnd(String json) {
        String id = engine.startExperiment(engine.createExperimentTemplate(json).id()).id();
        clock.awaitIdle();
        clock.advance(Duration.ofMinutes(1));
        clock.awaitIdle();
        return engine.awaitExperiment(id, Duration.ofSeconds(20));
    }

    /** The engine's own records of the experiment, as the JSON lines the destinations get. */
    private List<JsonNode> own(String id) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ExperimentLogRecord r : ownLog) {
            if (r.id().equals(id)) {
                out.add(JSON.valueToTree(r));
            }
        }
        return out;
    }

    private static void assertSchemaV2(List<JsonNode> records, String experimentId, String templateId) {
        assertThat(records).isNotEmpty().allSatisfy(r -> {
            assertThat(r.path("id").asText()).isEqualTo(experimentId);
            assertThat(r.path("version").asText()).isEqualTo("2");
            assertThat(r.path("event_timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(r.path("details").isObject()).isTrue();
        });
        assertThat(records).extracting(r -> r.path("log_type").asText()).containsExactly("experiment-start",
                "target-resolution-start", "target-resolution-detail", "target-resolution-end", "action-start",
                "action-end", "action-start", "action-end", "experiment-end");
        assertThat(records.get(0).path("details").path("experiment_template_id").asText()).isEqualTo(templateId);
        assertThat(records.get(3).path("details").path("resolved_targets").get(0).path("arn").asText())
                .isEqualTo(instanceArn);
        assertThat(records.get(4).path("details").path("action_id").asText()).isEqualTo("aws:ec2:reboot-instances");
        assertThat(records.get(8).path("details").path("experiment_state").path("status").asText())
                .isEqualTo("completed");
    }

    @Test
    void cloudWatchLogsGetsTheRecordsInTheStreamAwsFisNames() throws Exception {
        engine(InfraFixture.settings(moto.endpoint(), journalDir).build());
        String group = newGroup();
        String logGroupArn = "arn:aws:logs:us-east-1:123456789012:log-group:" + group + ":*";

        Experiment e = runToEnd(template("""
                {"cloudWatchLogsConfiguration": {"logGroupArn": "%s"}, "logSchemaVersion": 2}
                """.formatted(logGroupArn)));

        assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        List<OutputLogEvent> events = logs.getLogEvents(r -> r.logGroupName(group)
                .logStreamName("/aws/fis/" + e.id()).startFromHead(true)).events();
        List<JsonNode> records = new ArrayList<>();
        for (OutputLogEvent event : events) {
            records.add(JSON.readTree(event.message()));
        }
        assertSchemaV2(records, e.id(), e.experimentTemplateId());
        assertThat(records).isEqualTo(own(e.id()));
        assertThat(events.get(0).timestamp()).as("the event's time is the record's event_timestamp")
                .isEqualTo(Instant.parse(records.get(0).path("event_timestamp").asText()).toEpochMilli());
    }

    @Test
    void logSchemaVersion1GetsTheInitialSchema() throws Exception {
        engine(InfraFixture.settings(moto.endpoint(), journalDir).build());
        String group = newGroup();
        String logGroupArn = "arn:aws:logs:us-east-1:123456789012:log-group:" + group + ":*";

        Experiment e = runToEnd(template("""
                {"cloudWatchLogsConfiguration": {"logGroupArn": "%s"}, "logSchemaVersion": 1}
                """.formatted(logGroupArn)));

        assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        List<JsonNode> records = new ArrayList<>();
        for (OutputLogEvent event : logs.getLogEvents(r -> r.logGroupName(group)
                .logStreamName("/aws/fis/" + e.id()).startFromHead(true)).events()) {
            records.add(JSON.readTree(event.message()));
        }
        assertThat(records).extracting(r -> r.path("version").asText()).containsOnly("1");
        assertThat(records).extracting(r -> r.path("log_type").asText()).containsExactly("experiment-start",
                "target-resolution-start", "target-resolution-end", "action-start", "action-end", "action-start",
                "action-end", "experiment-end");
        assertThat(records.get(2).path("details").path("resolved_targets").get(0).asText())
                .as("version 1 lists resolved targets as ARNs").isEqualTo(instanceArn);
        assertThat(own(e.id())).extracting(r -> r.path("version").asText())
                .as("the engine's own log stays in version 2").containsOnly("2");
    }

    @Test
    void s3GetsTheRecordsUnderTheKeyLayoutAwsFisUses() throws Exception {
        engine(InfraFixture.settings(moto.endpoint(), journalDir).build());

        Experiment e = runToEnd(template("""
                {"s3Configuration": {"bucketName": "%s", "prefix": "fis/logs"}, "logSchemaVersion": 2}
                """.formatted(BUCKET)));

        assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        List<S3Object> objects = s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("fis/logs/")).contents().stream()
                .filter(o -> o.key().contains(e.id())).toList();
        assertThat(objects).hasSize(1);
        String account = "123456789012";
        String region = "us-east-1";
        assertThat(objects.get(0).key()).matches("fis/logs/AWSLogs/" + account + "/fis/" + region + "/" + e.id()
                + "/\\d{4}/\\d\\d/\\d\\d/" + account + "_awsfislogs_" + region + "_" + e.id()
                + "_\\d{12}Z_[0-9a-f]{8}\\.log");
        String body = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(objects.get(0).key()))
                .asString(StandardCharsets.UTF_8);
        List<JsonNode> records = new ArrayList<>();
        for (String line : body.split("\n")) {
            records.add(JSON.readTree(line));
        }
        assertSchemaV2(records, e.id(), e.experimentTemplateId());
        assertThat(records).isEqualTo(own(e.id()));
    }

    @Test
    void closingTheEngineWaitsForTheLogOfTheExperimentsItStops() throws Exception {
        engine(InfraFixture.settings(moto.endpoint(), journalDir).build());
        String group = newGroup();
        String id = engine.startExperiment(engine.createExperimentTemplate(template("""
                {"cloudWatchLogsConfiguration": {"logGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:%s"},
                 "logSchemaVersion": 2}
                """.formatted(group))).id()).id();
        clock.awaitIdle();

        engine.close(); // stops the experiment; its last records are flushed before the SDK clients close
        engine = null;

        List<String> types = new ArrayList<>();
        for (OutputLogEvent event : logs.getLogEvents(r -> r.logGroupName(group).logStreamName("/aws/fis/" + id)
                .startFromHead(true)).events()) {
            types.add(JSON.readTree(event.message()).path("log_type").asText());
        }
        assertThat(types).startsWith("experiment-start").endsWith("action-end", "experiment-end");
        assertThat(own(id)).extracting(r -> r.path("log_type").asText()).containsExactlyElementsOf(types);
    }

    @Test
    void aDestinationThatIsDownIsReportedAndTheExperimentStillCompletes() throws Exception {
        URI down = URI.create("http://127.0.0.1:" + Moto.freePort());
        String group = newGroup();
        engine(InfraFixture.settings(moto.endpoint(), journalDir).serviceEndpoint("logs", down)
                .apiCallTimeout(Duration.ofSeconds(3)).build());
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Experiment e;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            e = runToEnd(template("""
                    {"cloudWatchLogsConfiguration": {"logGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:%s"},
                     "s3Configuration": {"bucketName": "no-such-bucket-here"}, "logSchemaVersion": 2}
                    """.formatted(group)));
        } finally {
            System.setErr(err);
        }

        assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(own(e.id())).extracting(r -> r.path("log_type").asText()).endsWith("experiment-end");
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertThat(warnings).as("each failed destination is reported, naming the experiment")
                .contains("WARN", e.id(), "logConfiguration.cloudWatchLogsConfiguration", "PutLogEvents to log group "
                        + group + ", stream /aws/fis/" + e.id() + " failed (9 records not delivered)")
                .contains("logConfiguration.s3Configuration", "PutObject s3://no-such-bucket-here/AWSLogs/");
        err.print(warnings);
    }
}
