package dev.fisengine.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code fis} command line: {@code fis validate} lints FIS experiment templates offline, {@code fis actions}
 * lists the actions the plugins on the classpath describe, {@code fis run} runs a template in-process. Exit codes: 0 success (all templates valid), 1 findings
 * (some template invalid), 2 usage or I/O error. Built as an executable jar, {@code fis-cli/target/fis.jar}.
 */
@Command(name = "fis", mixinStandardHelpOptions = true, versionProvider = FisCli.Version.class,
        description = "FIS Engine for Java: AWS Fault Injection Service experiment templates, offline.",
        subcommands = {
            ValidateCommand.class,
            RunCommand.class,
            ActionsCommand.class,
            ServeCommand.class,
            RecoverCommand.class,
            PolicyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FisCli implements Callable<Integer> {
    /** All templates valid (or the command succeeded). */
    public static final int OK = 0;
    /** At least one template has an error finding. */
    public static final int FINDINGS = 1;
    /** Bad usage (unknown option, missing path) or a file that cannot be read. */
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command line with these streams (UTF-8) and returns the exit code; never calls System.exit. */
    public static int execute(String[] args, OutputStream out, OutputStream err) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cli = new CommandLine(new FisCli())
                .setOut(outWriter)
                .setErr(errWriter)
                .setExitCodeExceptionMapper(e -> USAGE)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println(commandLine.getCommandName() + ": " + describe(e));
                    return USAGE;
                });
        cli.getCommandSpec().exitCodeOnInvalidInput(USAGE);
        try {
            return cli.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /**
     * What to print for an exception: its message, or its type when it has none (a {@code NullPointerException}
     * without a helpful message must not print "null").
     */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getName() + " (no message)";
        }
        return message;
    }

    /** {@code fis} alone: print the usage and fail. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("fis: missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FisCli.class.getPackage().getImplementationVersion();
            return new String[] {"fis " + (v == null ? "development" : v)};
        }
    }
}
