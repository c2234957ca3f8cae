package dev.fisengine.aws.infra.emulators;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link CrashRecoveryEmulatorTest}: runs an experiment that stops an instance and cuts a subnet
 * for 30 minutes against moto, prints {@code READY} once both actions run, and waits to be killed.
 * Arguments: moto endpoint, journal directory, instance ARN, subnet ARN.
 */
public final class CrashMain {
    private CrashMain() {}

    public static void main(String[] args) throws Exception {
        FisEngine engine = FisEngine.builder().options(EngineOptions.builder().shutdownHook(false).build())
                .slf4jLog(false)
                .component(dev.fisengine.aws.infra.InfraSettings.class,
                        InfraFixture.settings(URI.create(args[0]), Path.of(args[1])).build())
                .build();
        String json = Ec2ActionsEmulatorTest.template("""
                "I": {"resourceType": "aws:ec2:instance", "resourceArns": ["%s"], "selectionMode": "ALL"},
                "S": {"resourceType": "aws:ec2:subnet", "resourceArns": ["%s"], "selectionMode": "ALL"}
                """.formatted(args[2], args[3]), """
                "Stop": {"actionId": "aws:ec2:stop-instances", "targets": {"Instances": "I"},
                  "parameters": {"startInstancesAfterDuration": "PT30M"}},
                "Cut": {"actionId": "aws:network:disrupt-connectivity", "targets": {"Subnets": "S"},
                  "parameters": {"scope": "all", "duration": "PT30M"}}
                """);
        String id = engine.startExperiment(engine.createExperimentTemplate(json).id()).id();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Experiment e = engine.getExperiment(id);
            if (e.actions().values().stream().allMatch(a -> a.state().status() == ActionStatus.RUNNING)) {
                System.out.println("READY " + id);
                System.out.flush();
                LockSupport.parkNanos(TimeUnit.MINUTES.toNanos(5)); // killed with SIGKILL before this returns
                System.exit(3);
            }
            if (e.state().status().name().matches("FAILED|STOPPED|COMPLETED")) {
                System.out.println("ENDED " + e.state());
                System.exit(2);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        System.out.println("TIMEOUT " + engine.getExperiment(id));
        System.exit(1);
    }
}
