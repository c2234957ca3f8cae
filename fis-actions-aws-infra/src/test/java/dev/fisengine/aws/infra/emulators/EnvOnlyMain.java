package dev.fisengine.aws.infra.emulators;

import dev.fisengine.api.model.Experiment;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child JVM of {@link CorpusTemplateEmulatorTest}: an engine with no configuration at all (no InfraSettings
 * component), so AWS is reached only as the SDK's standard environment variables say. Runs the template file given
 * and prints its final state. Exit code 0 when it completed.
 */
public final class EnvOnlyMain {
    private EnvOnlyMain() {}

    public static void main(String[] args) throws Exception {
        try (FisEngine engine = FisEngine.builder().options(EngineOptions.builder().shutdownHook(false).build())
                .slf4jLog(false).build()) {
            String json = Files.readString(Path.of(args[0]));
            String id = engine.startExperiment(engine.createExperimentTemplate(json).id()).id();
            Experiment done = engine.awaitExperiment(id, Duration.ofSeconds(60));
            System.out.println("STATE " + done.state().status() + " " + done.state().reason());
            System.exit(done.state().status().name().equals("COMPLETED") ? 0 : 1);
        }
    }
}
