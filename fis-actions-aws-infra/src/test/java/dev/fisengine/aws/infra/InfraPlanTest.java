package dev.fisengine.aws.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.aws.infra.emulators.RecordingActionContext;
import dev.fisengine.aws.infra.internal.Actions;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The infrastructure actions' dry-run plans ({@code ActionProvider.plan}): the exact API calls from the targets and
 * parameters alone, no call made (the endpoints here do not exist), nothing recorded, and the real-AWS refusal said.
 */
class InfraPlanTest {
    private static final String I1 = "arn:aws:ec2:us-east-1:123456789012:instance/i-1";
    private static final String I2 = "arn:aws:ec2:us-east-1:123456789012:instance/i-2";
    private static final String I3 = "arn:aws:ec2:eu-west-1:123456789012:instance/i-3";

    @TempDir
    Path dir;

    private FisEngine engine(URI endpoint) {
        InfraSettings.Builder b = InfraSettings.builder().region(Region.US_EAST_1).journalDirectory(dir.resolve("j"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return FisEngine.builder().options(EngineOptions.builder().shutdownHook(false).build()).slf4jLog(false)
                .component(InfraSettings.class, b.build()).build();
    }

    private static RecordingActionContext context(FisEngine engine, String actionId, Map<String, String> params,
            String key, String... arns) {
        return new RecordingActionContext(engine, "A", actionId, params,
                Map.of(key, java.util.Arrays.stream(arns).map(TargetResource::of).toList()));
    }

    @Test
    void plansNameEachCallPerRegionAndMakeNone() throws Exception {
        try (FisEngine engine = engine(URI.create("http://127.0.0.1:9"))) {
            RecordingActionContext stop = context(engine, "aws:ec2:stop-instances",
                    Map.of("startInstancesAfterDuration", "PT5M"), "Instances", I1, I2, I3);
            assertThat(new Actions.Ec2StopInstances().plan(stop)).containsExactly(
                    "ec2:StopInstances i-1,i-2 (us-east-1)",
                    "after PT5M (startInstancesAfterDuration) or on stop: ec2:DescribeInstances i-1,i-2 until "
                            + "stopped, then ec2:StartInstances i-1,i-2 (us-east-1)",
                    "ec2:StopInstances i-3 (eu-west-1)",
                    "after PT5M (startInstancesAfterDuration) or on stop: ec2:DescribeInstances i-3 until "
                            + "stopped, then ec2:StartInstances i-3 (eu-west-1)");
            assertThat(stop.reverts).isEmpty();
            assertThat(new Actions.Ec2TerminateInstances().plan(context(engine, "aws:ec2:terminate-instances",
                    Map.of(), "Instances", I1))).containsExactly("ec2:TerminateInstances i-1 (us-east-1)");
            assertThat(new Actions.RdsRebootDbInstances().plan(context(engine, "aws:rds:reboot-db-instances",
                    Map.of("forceFailover", "true"), "DBInstances", "arn:aws:rds:us-east-1:123456789012:db:db-1")))
                    .containsExactly("rds:RebootDBInstance db-1 forceFailover=true (us-east-1)");
            assertThat(new Actions.SsmSendCommand().plan(context(engine, "aws:ssm:send-command", Map.of(
                    "documentArn", "arn:aws:ssm:us-east-1::document/AWS-RunShellScript",
                    "documentParameters", "{\"commands\": [\"sleep 1\"]}", "duration", "PT2M"), "Instances", I1)))
                    .containsExactly("ssm:SendCommand document=AWS-RunShellScript instances=i-1 "
                            + "parameters={commands=[sleep 1]} (us-east-1)",
                            "at the end (duration PT2M) or on stop: ssm:ListCommands of the command, then "
                                    + "ssm:CancelCommand if it is still pending or in progress");
            assertThat(dir.resolve("j")).as("no journal written").doesNotExist();
        }
    }

    @Test
    void aPlanSaysWhenTheRealAwsSafetyRuleWouldRefuse() throws Exception {
        try (FisEngine engine = engine(null)) { // the SDK's own endpoints: real AWS, no opt-in
            assertThat(new Actions.Ec2RebootInstances().plan(context(engine, "aws:ec2:reboot-instances", Map.of(),
                    "Instances", I1))).containsExactly("ec2:RebootInstances i-1 (us-east-1) [refused without the "
                            + "real-AWS opt-in: ec2 endpoint is AWS's]");
        }
    }

    @Test
    void theDefaultPlanOfAProviderNamesItsParametersAndTargets() throws Exception {
        try (FisEngine engine = engine(URI.create("http://127.0.0.1:9"))) {
            dev.fisengine.api.spi.ActionProvider wait = engine.plugins().action("aws:fis:wait").orElseThrow();
            RecordingActionContext c = new RecordingActionContext(engine, "W", "aws:fis:wait",
                    Map.of("duration", "PT1M"), Map.of());
            assertThat(wait.plan(c)).containsExactly("would start aws:fis:wait with parameters {duration=PT1M} "
                    + "(no targets)");
        }
    }
}
