package dev.fisengine.cli;

import dev.fisengine.aws.infra.InfraClients;
import dev.fisengine.aws.infra.InfraRecovery;
import dev.fisengine.aws.infra.InfraSettings;
import dev.fisengine.aws.infra.RecoveryReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fis recover [--journal DIR] [--allow-aws]}: completes the reverts that a crashed process left pending in the
 * revert journal (instances to start again, network ACLs to restore, container instances to reactivate, commands to
 * cancel), each exactly once, and prints what it did. AWS is reached as the SDK's environment says (AWS_REGION,
 * AWS_PROFILE, AWS_ENDPOINT_URL...). Exit code 0 when every pending revert completed (or there was none), 1 when
 * some failed (they stay pending for the next run), 2 on usage errors.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {
            "Complete the reverts a crashed process left pending in the revert journal, exactly once.",
            "Exit code: 0 all completed (or none pending), 1 some failed (left pending), 2 usage error."
        })
final class RecoverCommand implements Callable<Integer> {
    @Option(names = "--journal", paramLabel = "DIR",
            description = "The revert journal directory (default: -Dfisengine.journal.dir or "
                    + "~/.fisengine/revert-journal).")
    Path journal;

    @Option(names = "--allow-aws", description = "Allow the reverts to change resources on real AWS endpoints.")
    boolean allowAws;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        InfraSettings settings = InfraSettings.fromEnvironment().toBuilder().journalDirectory(journal)
                .allowRealAws(allowAws).build();
        try (InfraClients clients = new InfraClients(settings)) {
            RecoveryReport report = InfraRecovery.recover(clients);
            if (report.completed().isEmpty() && report.failed().isEmpty()) {
                out.println("nothing to recover in " + settings.resolvedJournalDirectory());
            }
            report.lines().forEach(out::println);
            return report.ok() ? FisCli.OK : FisCli.FINDINGS;
        }
    }
}
