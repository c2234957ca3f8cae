package dev.fisengine.aws.infra.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.spi.LogDestinationProvider;
import dev.fisengine.aws.infra.InfraProviders;
import dev.fisengine.aws.infra.InfraSettings;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.FisTestkit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The log destinations' naming, input errors and the real-AWS guard, without a server. */
class LogDestinationsTest {
    @TempDir
    Path journalDir;

    @Test
    void theProvidersServeBothLogConfigurationFields() {
        assertThat(InfraProviders.logDestinations()).extracting(LogDestinationProvider::destination)
                .containsExactly("cloudWatchLogsConfiguration", "s3Configuration");
    }

    @Test
    void aLogGroupArnGivesItsRegionAndNameWithOrWithoutTheTrailingStar() {
        assertThat(LogDestinations.LogGroup.parse("arn:aws:logs:eu-west-1:123456789012:log-group:/fis/exp:*"))
                .isEqualTo(new LogDestinations.LogGroup("eu-west-1", "/fis/exp"));
        assertThat(LogDestinations.LogGroup.parse("arn:aws:logs:us-east-1:123456789012:log-group:fis"))
                .isEqualTo(new LogDestinations.LogGroup("us-east-1", "fis"));
        assertThatThrownBy(() -> LogDestinations.LogGroup.parse("arn:aws:s3:::bucket"))
                .hasMessage("logConfiguration.cloudWatchLogsConfiguration.logGroupArn: \"arn:aws:s3:::bucket\" is "
                        + "not a log group ARN (arn:aws:logs:<region>:<account>:log-group:<name>)");
    }

    @Test
    void theStreamAndTheS3KeyAreNamedAsAwsFisNamesThem() {
        assertThat(LogDestinations.CloudWatchLogs.streamName("EXP123")).isEqualTo("/aws/fis/EXP123");
        Instant at = Instant.parse("2026-03-04T05:06:59Z");
        assertThat(LogDestinations.S3.key("logs", "123456789012", "us-east-1", "EXP123", at, "a1b2c3d4"))
                .isEqualTo("logs/AWSLogs/123456789012/fis/us-east-1/EXP123/2026/03/04/"
                        + "123456789012_awsfislogs_us-east-1_EXP123_202603040506Z_a1b2c3d4.log");
        assertThat(LogDestinations.S3.key(null, "1", "r", "E", at, "h")).startsWith("AWSLogs/1/fis/r/E/");
        assertThat(LogDestinations.S3.key("p/", "1", "r", "E", at, "h")).startsWith("p/AWSLogs/");
    }

    @Test
    void theLogIsNotWrittenToRealAwsWithoutTheOptInAndTheExperimentStillCompletes() {
        InfraSettings settings = InfraSettings.builder().region(Region.US_EAST_1).journalDirectory(journalDir)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
        ManualClock clock = new ManualClock();
        List<ExperimentLogRecord> own = new CopyOnWriteArrayList<>();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Experiment e;
        try (FisEngine engine = FisTestkit.engineBuilder(clock).slf4jLog(false).logSink(own::add)
                .component(InfraSettings.class, settings).build()) {
            String id = engine.startExperiment(engine.createExperimentTemplate("""
                    {"description": "logged", "roleArn": "arn:aws:iam::123456789012:role/fis", "targets": {},
                     "actions": {"wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT1M"}}},
                     "stopConditions": [{"source": "none"}],
                     "logConfiguration": {"logSchemaVersion": 2,
                       "cloudWatchLogsConfiguration": {"logGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:x"},
                       "s3Configuration": {"bucketName": "my-fis-logs"}}}
                    """).id()).id();
            clock.awaitIdle();
            clock.advance(Duration.ofMinutes(1));
            e = engine.awaitExperiment(id, Duration.ofSeconds(10));
        } finally {
            System.setErr(err);
        }

        assertThat(e.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(own).extracting(ExperimentLogRecord::logType).endsWith("experiment-end");
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertThat(warnings).contains("Experiment " + e.id() + ": the experiment log cannot be delivered to "
                + "logConfiguration.cloudWatchLogsConfiguration", "the experiment log (cloudWatchLogsConfiguration): "
                + "refusing to change real AWS resources (logs endpoint resolved by the SDK for region us-east-1)")
                .contains("logConfiguration.s3Configuration", "the experiment log (s3Configuration): refusing");
        err.print(warnings);
    }
}
