package dev.fisengine.aws.infra.emulators;

import dev.fisengine.aws.infra.InfraSettings;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.FisTestkit;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/** An engine on a manual clock whose infrastructure actions reach {@code endpoint}, and plain clients for checks. */
public final class InfraFixture {
    public static final Region REGION = Region.US_EAST_1;
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));

    private InfraFixture() {}

    public static InfraSettings.Builder settings(URI endpoint, Path journalDir) {
        return InfraSettings.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
                .journalDirectory(journalDir).pollInterval(Duration.ofMillis(20)).maxWait(Duration.ofSeconds(20));
    }

    public static FisEngine engine(ManualClock clock, InfraSettings settings) {
        return FisTestkit.engineBuilder(clock).slf4jLog(false).component(InfraSettings.class, settings).build();
    }

    /** A plain client of the emulator, for setting up and observing resources. */
    public static <B extends AwsClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS).build();
    }
}
