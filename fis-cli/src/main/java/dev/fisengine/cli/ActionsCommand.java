package dev.fisengine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.engine.plugins.Plugins;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fis actions [--json]}: the actions the plugins on the classpath describe (like {@code ListActions}). */
@Command(name = "actions", mixinStandardHelpOptions = true,
        description = "List the actions the plugins on the classpath describe: id, whether this engine can run it "
                + "in-process, description.")
final class ActionsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "Print a JSON array of {id, executable, availableInAws, description}.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One action in the {@code --json} output. */
    record ActionReport(String id, boolean executable, boolean availableInAws, String description) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<ActionReport> actions = new ArrayList<>();
        for (ActionProvider p : Plugins.discovered().actions()) {
            ActionDescriptor d = p.descriptor();
            actions.add(new ActionReport(d.id(), d.executable(), d.availableInAws(), d.description()));
        }
        if (json) {
            out.println(JSON.writeValueAsString(actions));
            return FisCli.OK;
        }
        int width = "ACTION".length();
        for (ActionReport a : actions) {
            width = Math.max(width, a.id().length());
        }
        String format = "%-" + width + "s  %-10s  %s%n";
        out.printf(format, "ACTION", "EXECUTABLE", "DESCRIPTION");
        for (ActionReport a : actions) {
            out.printf(format, a.id(), a.executable() ? "yes" : "no",
                    a.description() + (a.availableInAws() ? "" : " (fisengine extension, not in AWS FIS)"));
        }
        return FisCli.OK;
    }
}
