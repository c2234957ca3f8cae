package dev.fisengine.aws.infra.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag.Builder;

/**
 * A public template from the corpus ({@code fis-template-library/aurora-cluster-failover}: Aurora clusters tagged
 * {@code FIS-Ready=True}, failed over) run end to end through {@code FisEngine} in a child JVM configured with nothing
 * but the AWS SDK's standard environment variables ({@code AWS_ENDPOINT_URL}, {@code AWS_REGION}, credentials)
 * pointing at moto. Only the template's role ARN placeholder is filled in.
 */
@Tag("emulator")
class CorpusTemplateEmulatorTest {
    static final Path TEMPLATE = corpus().resolve(
            "fis-template-library/aurora-cluster-failover/aurora-cluster-failover-template.json");

    @TempDir
    Path dir;

    @Test
    void auroraClusterFailoverFromTheCorpusRunsAgainstMotoWithOnlyTheSdksEnvironment() throws Exception {
        try (Moto moto = Moto.start(); RdsClient rds = InfraFixture.client(RdsClient.builder(), moto.endpoint())) {
            Builder ready = software.amazon.awssdk.services.rds.model.Tag.builder().key("FIS-Ready").value("True");
            for (String cluster : List.of("orders", "billing")) {
                rds.createDBCluster(r -> r.dbClusterIdentifier(cluster).engine("aurora-postgresql")
                        .masterUsername("admin").masterUserPassword("password123")
                        .tags(cluster.equals("orders") ? ready.build() : ready.value("False").build()));
                for (int i = 1; i <= 2; i++) {
                    String name = cluster + "-" + i;
                    rds.createDBInstance(r -> r.dbInstanceIdentifier(name).dbClusterIdentifier(cluster)
                            .engine("aurora-postgresql").dbInstanceClass("db.r5.large"));
                }
            }
            String ordersWriter = EcsRdsEmulatorTest.writer(rds, "orders");
            String billingWriter = EcsRdsEmulatorTest.writer(rds, "billing");
            Path template = dir.resolve("template.json");
            Files.writeString(template, Files.readString(TEMPLATE).replace(
                    "arn:aws:iam::<YOUR AWS ACCOUNT>:role/<YOUR ROLE NAME>", "arn:aws:iam::123456789012:role/fis"));

            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dfisengine.journal.dir=" + dir.resolve("journal"), "-cp", System.getProperty("java.class.path"),
                    EnvOnlyMain.class.getName(), template.toString()).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_"));
            env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
            env.put("AWS_SECRET_ACCESS_KEY", "secret");
            Process child = pb.start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("child output:%n%s", output).isZero();
            assertThat(output).contains("STATE COMPLETED");

            assertThat(EcsRdsEmulatorTest.writer(rds, "orders")).as("tagged FIS-Ready=True: failed over")
                    .isNotEqualTo(ordersWriter);
            assertThat(EcsRdsEmulatorTest.writer(rds, "billing")).as("FIS-Ready=False: untouched")
                    .isEqualTo(billingWriter);
        }
    }

    static Path corpus() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isDirectory(d.resolve("corpus/fis-templates"))) {
            d = d.getParent();
        }
        if (d == null) {
            throw new IllegalStateException("corpus/fis-templates not found above " + Path.of("").toAbsolutePath());
        }
        return d.resolve("corpus/fis-templates");
    }
}
