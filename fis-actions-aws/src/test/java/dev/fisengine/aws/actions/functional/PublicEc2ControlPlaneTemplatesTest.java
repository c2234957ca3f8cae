package dev.fisengine.aws.actions.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.FisTestkit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * The three public EC2 control-plane templates of aws-samples/aws-fis-experiment-templates (copied into the
 * project's {@code corpus/fis-templates}), run unchanged except for their placeholders ({@code <ACCOUNT_ID>},
 * {@code <CLOUDWATCH_ALARM>}, {@code <IAM_ROLE>}): an EC2 client whose role is the templates' {@code Chaos-Ready}
 * gets EC2's own error on {@code DescribeInstances} and {@code DescribeVolumes} for five minutes, another role's
 * client does not, and the template's CloudWatch-alarm stop condition (an in-memory stand-in) ends the fault early.
 */
class PublicEc2ControlPlaneTemplatesTest {
    private static final String CHAOS_READY = "arn:aws:iam::123456789012:role/Chaos-Ready";
    private static final String OTHER = "arn:aws:iam::123456789012:role/web";
    private static final String ALARM = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:api-errors";

    private static Ec2Loopback ec2;
    private final ManualClock clock = new ManualClock();
    private final AlarmStopCondition alarms = new AlarmStopCondition();
    private FisEngine engine;
    private Ec2Client chaosReady;
    private Ec2Client other;

    @BeforeAll
    static void startEc2() {
        ec2 = new Ec2Loopback();
    }

    @AfterAll
    static void stopEc2() {
        ec2.close();
    }

    private void engine() {
        Plugins plugins = Plugins.builder().discover(getClass().getClassLoader()).stopCondition(alarms).build();
        engine = FisTestkit.engineBuilder(clock).plugins(plugins).slf4jLog(false).build();
        chaosReady = Clients.of(ec2.endpoint(), engine, CHAOS_READY).build(Ec2Client.builder());
        other = Clients.of(ec2.endpoint(), engine, OTHER).build(Ec2Client.builder());
    }

    @AfterEach
    void close() {
        chaosReady.close();
        other.close();
        engine.close();
    }

    /** The corpus template with its placeholders filled in. */
    static String corpusTemplate(String file) throws IOException {
        String json = Files.readString(corpusRoot().resolve("aws-fis-experiment-templates/ec2-control-plane-faults")
                .resolve(file), StandardCharsets.UTF_8);
        assertThat(json).contains("<ACCOUNT_ID>");
        return json.replace("<ACCOUNT_ID>", "123456789012").replace("<CLOUDWATCH_ALARM>", "api-errors")
                .replace("<IAM_ROLE>", "fis-experiments");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "fis-throttle-error.json,    ThrottleError,    503, RequestLimitExceeded, true",
        "fis-internal-error.json,    InternalError,    500, InternalError,        false",
        "fis-unavailable-error.json, UnavailableError, 503, Unavailable,          false"})
    void theChaosReadyRoleGetsEc2sOwnErrorForFiveMinutes(String file, String action, int status, String code,
            boolean throttling) throws IOException {
        engine();
        String json = corpusTemplate(file);
        List<Finding> findings = engine.validator().validateJson(json).findings();
        assertThat(findings).as("the filled-in public template is valid without any finding").isEmpty();
        String id = engine.startExperiment(engine.createExperimentTemplate(json).id()).id();
        clock.awaitIdle();
        assertThat(engine.getExperiment(id).actions().get(action).state().status().wireName()).isEqualTo("running");

        int before = ec2.count("DescribeInstances");
        for (Runnable call : List.<Runnable>of(chaosReady::describeInstances, chaosReady::describeVolumes)) {
            assertThatThrownBy(call::run).isExactlyInstanceOf(Ec2Exception.class).satisfies(e -> {
                AwsServiceException ase = (AwsServiceException) e;
                assertThat(ase.statusCode()).isEqualTo(status);
                assertThat(ase.awsErrorDetails().errorCode()).isEqualTo(code);
                assertThat(ase.isThrottlingException()).isEqualTo(throttling);
            });
        }
        assertThat(ec2.count("DescribeInstances")).as("injected attempts never reach EC2").isEqualTo(before);
        other.describeInstances();
        other.describeVolumes();
        assertThat(ApiFaultRegistry.of(engine).armed().get(0).injectedFaults()).isEqualTo(8);

        clock.advance(Duration.ofMinutes(5));
        assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        chaosReady.describeInstances();
        chaosReady.describeVolumes();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"fis-throttle-error.json", "fis-unavailable-error.json"})
    void theTemplatesAlarmStopConditionEndsTheFaultEarly(String file) throws IOException {
        engine();
        String id = engine.startExperiment(engine.createExperimentTemplate(corpusTemplate(file)).id()).id();
        clock.awaitIdle();
        assertThatThrownBy(chaosReady::describeInstances).isExactlyInstanceOf(Ec2Exception.class);

        alarms.alarm(ALARM);
        clock.advance(engine.options().stopConditionPollInterval());

        assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(engine.getExperiment(id).state().reason()).contains(ALARM);
        assertThat(ApiFaultRegistry.of(engine).isIdle()).isTrue();
        chaosReady.describeInstances();
    }

    private static Path corpusRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("corpus/fis-templates");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("corpus/fis-templates not found above " + Path.of("").toAbsolutePath());
    }
}
