package dev.fisengine.examples;

import dev.fisengine.api.exception.ValidationException;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;

/**
 * {@code java -jar examples/target/fis-demo.jar [--plain] [--rate N] [TEMPLATE]}: runs the demo ({@link Demo}) with
 * {@code TEMPLATE} (a file, or the name of a bundled template; default {@value Templates#DEFAULT}). Exit code 0 when
 * the experiment completed or was stopped (e.g. by its stop condition), 1 when it failed, was cancelled or timed out,
 * or on any error (bad arguments, an invalid template).
 */
public final class FisDemo {
    private static final String USAGE = """
            Usage: java -jar fis-demo.jar [--plain] [--rate N] [TEMPLATE]

            Runs an AWS FIS experiment template against a small order service that uses an SqsClient on
            ElasticMQ (started in this JVM), shows it live, and ends with a summary line.

              TEMPLATE   a template file, or a bundled template: %s
                         (default: %s)
              --rate N   orders the service sends per second (default 50)
              --plain    print the status as lines, never redraw it in place (automatic when not on a terminal)
              -h, --help this help
            """;

    private FisDemo() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the demo with command-line {@code args}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String template = null;
        boolean plain = false;
        int rate = 50;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    out.print(usage());
                    return 0;
                }
                case "--plain" -> plain = true;
                case "--rate" -> {
                    if (i + 1 >= args.length) {
                        return usageError(err, "--rate needs a number of orders per second");
                    }
                    String v = args[++i];
                    try {
                        rate = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        return usageError(err, "--rate: \"" + v + "\" is not a whole number");
                    }
                    if (rate < 1 || rate > 1000) {
                        return usageError(err, "--rate: " + rate + " is not between 1 and 1000");
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        return usageError(err, "unknown option " + a);
                    }
                    if (template != null) {
                        return usageError(err, "one template at a time (got " + template + " and " + a + ")");
                    }
                    template = a;
                }
            }
        }
        try {
            Templates.Source source = template == null ? Templates.bundled(Templates.DEFAULT) : Templates.load(template);
            DemoSettings settings = DemoSettings.builder(source)
                    .out(out)
                    .interactive(!plain && isTerminal())
                    .ordersPerSecond(rate)
                    .build();
            return Demo.run(settings).exitCode();
        } catch (ValidationException e) {
            err.println("fis-demo: the template is not valid:");
            e.findings().forEach(f -> err.println("  " + f));
            return 1;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("fis-demo: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("fis-demo: the demo failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private static int usageError(PrintStream err, String message) {
        err.println("fis-demo: " + message);
        err.print(usage());
        return 1;
    }

    private static String usage() {
        return USAGE.formatted(String.join(", ", Templates.BUNDLED), Templates.DEFAULT);
    }

    /**
     * Whether stdout is a terminal: {@link System#console()} is there, and (Java 22+, where a console exists even when
     * output is redirected) {@code Console.isTerminal()} says so.
     */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
