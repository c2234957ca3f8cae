package dev.fisengine.aws.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.Identification;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/aws-catalog.md} is generated from {@link AwsActionCatalog}; this test fails when it is out of date.
 * Regenerate it with {@code mvn -pl fis-actions-aws test -Dtest=AwsCatalogDocTest -Dfisengine.updateDocs=true}.
 */
class AwsCatalogDocTest {
    private static final String UPDATE_PROPERTY = "fisengine.updateDocs";

    @Test
    void docsAwsCatalogMdIsUpToDate() throws IOException {
        Path doc = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
                .resolve("docs").resolve("aws-catalog.md");
        String expected = render();
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, expected, StandardCharsets.UTF_8);
        }
        assertThat(doc).as(doc + " is missing; run with -D" + UPDATE_PROPERTY + "=true to write it").exists();
        String actual = Files.readString(doc, StandardCharsets.UTF_8);
        assertThat(actual)
                .as(doc + " is out of date with AwsActionCatalog; regenerate it with "
                        + "mvn -pl fis-actions-aws test -Dtest=AwsCatalogDocTest -D" + UPDATE_PROPERTY + "=true")
                .isEqualTo(expected);
    }

    @Test
    void theDocumentListsEveryActionAndType() {
        String md = render();
        assertThat(AwsActionCatalog.actions()).allSatisfy(a -> assertThat(md).contains("| `" + a.id() + "` |"));
        assertThat(AwsActionCatalog.targetTypes())
                .allSatisfy(t -> assertThat(md).contains("| `" + t.resourceType() + "` |"));
        assertThat(md).contains("`startInstancesAfterDuration` DURATION PT0S–PT12H (AWS ≥ PT1M)");
    }

    static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# AWS FIS action and target-type catalog\n\n")
                .append("<!-- Generated from AwsActionCatalog by AwsCatalogDocTest (fis-actions-aws); do not edit. "
                        + "Regenerate: mvn -pl fis-actions-aws test -Dtest=AwsCatalogDocTest "
                        + "-Dfisengine.updateDocs=true -->\n\n")
                .append("`dev.fisengine.aws.catalog.AwsActionCatalog` describes AWS FIS's own actions and target "
                        + "resource types, as the FIS Actions reference and \"Targets for AWS FIS\" give them. "
                        + "Template validation and the engine's `ListActions` / `GetAction` answers are built from "
                        + "these descriptions. `aws:fis:wait` (fis-engine) and `aws:cloudwatch:assert-alarm-state` "
                        + "(fis-stop-cloudwatch) are described by the modules that run them.\n\n")
                .append("**Running in-process.** The API-fault actions run inside the JVM, applied to AWS SDK for Java "
                        + "v2 clients (module fis-actions-aws, package `dev.fisengine.aws.actions`, see "
                        + "[api-fault-actions.md](api-fault-actions.md)): `aws:fis:inject-api-*`, "
                        + "`aws:ec2:api-insufficient-instance-capacity-error` and the `aws:kinesis:stream-*` "
                        + "exceptions (Kinesis stream targets by `resourceArns` need nothing more; by tags they need "
                        + "fis-actions-aws-infra's resolver). Every other action is described for validation only: "
                        + "a template using it "
                        + "validates (with the warning `action.not-executable`), but an experiment that reaches it fails "
                        + "that action with the reason \"Action type '<id>' is catalog-only: this engine validates "
                        + "it but cannot run it.\" An application can register its own `ActionProvider` for such an action; it "
                        + "takes precedence (the catalog's placeholders have `order()` -100). The module "
                        + "fis-actions-aws-infra does so for the infrastructure actions whose effect is an AWS API call "
                        + "(`aws:ec2:stop-instances`, `aws:rds:failover-db-cluster`, `aws:ssm:send-command`, ...) and "
                        + "resolves their targets by describing the real resources; with it on the classpath they run "
                        + "(see [infrastructure-actions.md](infrastructure-actions.md)). The column below is this "
                        + "catalog's own.\n\n")
                .append("**Targets.** In-process the engine cannot call AWS `Describe*` APIs, so a target of these "
                        + "types resolves only from `resourceArns`, each ARN to itself. Targets identified by "
                        + "`resourceTags`, `parameters` or `filters` alone fail to resolve with a message saying so, "
                        + "unless the application registers a `TargetResolverProvider` for the type. "
                        + "`aws:iam:role` targets resolve against the roles the engine knows "
                        + "(`dev.fisengine.aws.iam`).\n\n")
                .append("**Durations.** Embedded mode accepts any duration from `PT0S` to the maximum (so tests "
                        + "can use `PT5S`); the strict AWS-compatibility mode also enforces AWS FIS's minimum, shown "
                        + "as \"AWS ≥\". `*` marks a required parameter; \"lasts for\" names the parameter whose "
                        + "duration the action runs for (blank: it completes when its work is done). Target keys "
                        + "show FIS's per-action quota on resolved resources (\"≤ n\") and any narrower "
                        + "identification than the resource type allows.\n\n");

        List<ActionDescriptor> actions = AwsActionCatalog.actions();
        md.append("## Actions (").append(actions.size()).append(")\n\n")
                .append("| action | target key → resource type | parameters | lasts for | runs in-process |\n")
                .append("|---|---|---|---|---|\n");
        for (ActionDescriptor a : actions) {
            md.append("| `").append(a.id()).append("` | ")
                    .append(a.targets().isEmpty() ? "—" : a.targets().stream().map(AwsCatalogDocTest::key)
                            .collect(Collectors.joining("<br>")))
                    .append(" | ")
                    .append(a.parameters().isEmpty() ? "—" : a.parameters().stream().map(AwsCatalogDocTest::param)
                            .collect(Collectors.joining("<br>")))
                    .append(" | ")
                    .append(a.durationParameter() == null ? "" : "`" + a.durationParameter() + "`")
                    .append(" | ")
                    .append(a.executable() ? "yes" : "no")
                    .append(a.deprecatedBy() == null ? "" : "; deprecated, use `" + a.deprecatedBy() + "`")
                    .append(" |\n");
        }

        List<TargetTypeDescriptor> types = AwsActionCatalog.targetTypes();
        md.append("\n## Target resource types (").append(types.size()).append(")\n\n")
                .append("| resource type | identification | target parameters | resolved in-process |\n")
                .append("|---|---|---|---|\n");
        for (TargetTypeDescriptor t : types) {
            md.append("| `").append(t.resourceType()).append("` | ")
                    .append(identification(t.identification().stream().toList()))
                    .append(" | ")
                    .append(t.parameters().isEmpty() ? "—" : t.parameters().stream().map(AwsCatalogDocTest::param)
                            .collect(Collectors.joining("<br>")))
                    .append(" | ")
                    .append(t.resourceType().equals(AwsActionCatalog.IAM_ROLE)
                            ? "against the roles the engine knows (dev.fisengine.aws.iam)"
                            : t.identification().contains(Identification.ARNS) ? "resourceArns only, each to itself"
                            : "no (needs an application resolver)")
                    .append(t.deprecatedBy() == null ? "" : "; deprecated, use `" + t.deprecatedBy() + "`")
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String key(TargetKeyDescriptor k) {
        StringBuilder s = new StringBuilder("`").append(k.key()).append("` → ")
                .append(k.resourceTypes().stream().sorted().map(t -> "`" + t + "`").collect(Collectors.joining(", ")));
        List<String> notes = new ArrayList<>();
        if (!k.required()) {
            notes.add("optional");
        }
        if (k.maxResources() != null) {
            notes.add("≤ " + k.maxResources());
        }
        if (k.identification().size() < Identification.values().length) {
            notes.add(identification(k.identification().stream().toList()) + " only");
        }
        if (!notes.isEmpty()) {
            s.append(" (").append(String.join("; ", notes)).append(")");
        }
        return s.toString();
    }

    private static String identification(List<Identification> modes) {
        return modes.stream().sorted().map(m -> m.name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    private static String param(ParameterDescriptor p) {
        StringBuilder s = new StringBuilder("`").append(p.name()).append("`").append(p.required() ? "*" : "")
                .append(" ").append(p.format());
        if (p.format() == ParameterFormat.DURATION) {
            s.append(" ").append(duration(p.minDuration())).append("–").append(duration(p.maxDuration()));
            if (p.awsMinDuration() != null) {
                s.append(" (AWS ≥ ").append(duration(p.awsMinDuration())).append(")");
            }
        }
        if (p.minimum() != null && p.maximum() != null) {
            s.append(" ").append(number(p.minimum())).append("–").append(number(p.maximum()));
        } else if (p.minimum() != null) {
            s.append(" ≥ ").append(number(p.minimum()));
        } else if (p.maximum() != null) {
            s.append(" ≤ ").append(number(p.maximum()));
        }
        if (!p.allowedValues().isEmpty()) {
            s.append(" ").append(String.join(" \\| ", p.allowedValues()));
        }
        if (!p.awsAllowedValues().isEmpty()) {
            s.append(" (AWS: ").append(String.join(", ", p.awsAllowedValues())).append(")");
        }
        if (p.maxItems() != null) {
            s.append(" ≤ ").append(p.maxItems()).append(" items");
        }
        if (p.defaultValue() != null) {
            s.append(" = `").append(p.defaultValue()).append("`");
        }
        return s.toString();
    }

    private static String duration(Duration d) {
        return d == null ? "?" : d.toString();
    }

    private static String number(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
