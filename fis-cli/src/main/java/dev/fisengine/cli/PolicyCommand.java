package dev.fisengine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisengine.aws.infra.IamPolicies;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fis policy TEMPLATE}: prints the least-privilege IAM policy document the experiment role needs for the
 * template (see {@link IamPolicies}); actions it knows no permissions for are named on stderr. Exit code 0, 2 on
 * usage or I/O errors and unreadable JSON.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Print the least-privilege IAM policy the experiment role needs for a template.")
final class PolicyCommand implements Callable<Integer> {
    @Parameters(arity = "1", paramLabel = "TEMPLATE", description = "The experiment template (JSON file).")
    Path template;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(template)) {
            err.println("fis policy: " + template + ": no such file");
            return FisCli.USAGE;
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode node;
        try {
            node = json.readTree(Files.readString(template));
        } catch (JsonProcessingException e) {
            err.println("fis policy: " + template + ": not JSON: " + e.getOriginalMessage());
            return FisCli.USAGE;
        }
        IamPolicies.Result result = IamPolicies.policy(node);
        spec.commandLine().getOut().println(json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(result.document()));
        result.unknownActions().forEach(a -> err.println("fis policy: no documented permissions for action " + a));
        return FisCli.OK;
    }
}
