package dev.fisengine.aws.actions;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.FaultBroadcast;
import dev.fisengine.api.spi.ParameterFinding;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.aws.actions.internal.ActionParameters;
import dev.fisengine.aws.actions.internal.ExtensionActions;
import dev.fisengine.aws.actions.internal.SdkOperations;
import dev.fisengine.aws.actions.internal.Seeds;
import dev.fisengine.aws.iam.IamRole;
import dev.fisengine.aws.iam.KnownRoles;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import dev.fisengine.aws.sdk.internal.RemoteRules;
import dev.fisengine.aws.sdk.RequestFilter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The common runner of the API-fault actions, keyed by their {@code actionId}s: AWS's
 * {@code aws:fis:inject-api-internal-error}, {@code -throttle-error} and {@code -unavailable-error}, and this engine's
 * {@code fisengine:sdk:inject-api-latency}, {@code -inject-api-error} and {@code -inject-connection-failure}.
 *
 * <p>{@link #start} reads the action's {@code service}, {@code operations} (comma-separated, trimmed),
 * {@code percentage} and the ARNs of the roles resolved under its {@code Roles} target, arms one
 * {@link ApiFaultRule} on the engine's {@link ApiFaultRegistry} and registers a revert step that disarms it. The
 * engine keeps the action running for its {@code duration}; when that elapses, or the experiment stops, the revert
 * step closes the {@link ArmedApiFault}, which returns only when no call attempt can still be hit, and logs how many
 * attempts matched and how many faults were injected. Only clients instrumented for the same engine
 * ({@link dev.fisengine.aws.sdk.FisSdk#instrument}) whose principal role was selected are hit; an action with no
 * {@code Roles} target (allowed for the {@code fisengine:} actions only) hits every client of the engine.
 *
 * <p>The rule's random source is seeded from the experiment id and the action name, so an engine built with a seed
 * repeats the same hits and misses run after run.
 */
public abstract sealed class ApiFaultActionProvider implements ActionProvider
        permits InjectApiInternalErrorProvider, InjectApiThrottleErrorProvider, InjectApiUnavailableErrorProvider,
                InjectApiLatencyProvider, InjectApiErrorProvider, InjectConnectionFailureProvider,
                Ec2ApiInsufficientInstanceCapacityErrorProvider, KinesisStreamFaultProvider {

    private final ActionDescriptor descriptor;
    /** The {@code Roles} target key; {@code null} for actions that target other resources (Kinesis streams). */
    private final TargetKeyDescriptor roles;

    ApiFaultActionProvider(ActionDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.roles = descriptor.target(ExtensionActions.ROLES).orElse(null);
    }

    /**
     * Which calls the action hits: service, operations, the roles (null: every client), a request filter (null:
     * every request), and how the log names the targets.
     */
    record Calls(String service, Set<String> operations, Set<String> roleArns, RequestFilter filter,
                 String targets) {}

    /**
     * The calls this action hits, read from its parameters and targets; {@code null} when its targets resolved
     * nothing, so nothing can be hit (the reason is logged). The FIS API-fault actions: {@code service},
     * {@code operations} and the {@code Roles} target.
     */
    Calls calls(ActionParameters p, ActionContext context) {
        Set<String> roleArns = p.targetArns(roles);
        if (roleArns != null && roleArns.isEmpty()) {
            context.log().warn(descriptor.id() + ": target " + roles.key() + " resolved no role, so no call can be "
                    + "hit; nothing armed");
            return null;
        }
        return new Calls(p.required("service"), p.list("operations"), roleArns, null, roleArns == null
                ? "for every client of the engine (no " + roles.key() + " target)"
                : "for roles " + String.join(", ", roleArns));
    }

    @Override
    public final ActionDescriptor descriptor() {
        return descriptor;
    }

    /** The fault this action injects, read from its parameters. */
    abstract ApiFault fault(ActionParameters parameters);

    /** How the log names the fault, e.g. {@code throttle errors}. */
    abstract String describe(ApiFault fault);

    @Override
    public final void start(ActionContext context) {
        ActionParameters p = new ActionParameters(context);
        Calls calls = calls(p, context);
        if (calls == null) {
            return;
        }
        String service = calls.service();
        Set<String> operations = calls.operations();
        Set<String> roleArns = calls.roleArns();
        double percentage = p.percentage("percentage");
        ApiFault fault = fault(p);
        ApiFaultRule.Count count = new ApiFaultRule.Count(
                p.integer(ExtensionActions.FIRST_ATTEMPTS, 1, ExtensionActions.MAX_COUNT, 0L),
                p.integer(ExtensionActions.EVERY_NTH_ATTEMPT, 1, ExtensionActions.MAX_COUNT, 0L),
                p.integer(ExtensionActions.MAX_FAULTS, 1, ExtensionActions.MAX_COUNT, 0L));
        String id = descriptor.id();
        long seed = Seeds.of(context.experimentId(), context.actionName());
        ApiFaultRule rule;
        try {
            rule = ApiFaultRule.builder().service(service).operations(operations).percentage(percentage)
                    .roleArns(roleArns).fault(fault).seed(seed).count(count).filter(calls.filter()).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("actions." + context.actionName() + ": " + e.getMessage(), e);
        }
        ArmedApiFault armed = ApiFaultRegistry.of(context.runtime()).arm(rule, context.faultGate());
        // JVMs connected to this engine's server (fis serve) arm the same rule; withdrawn on revert
        FaultBroadcast broadcast = FaultBroadcast.of(context.runtime());
        FaultBroadcast.Fault shared;
        try {
            shared = broadcast.publish(roleArns == null ? Set.of() : roleArns,
                    RemoteRules.write(rule, context.experimentId(), context.actionName()), context.faultGate());
        } catch (RuntimeException e) {
            armed.close(); // no revert is registered yet: undo the local arming before failing the action
            throw e;
        }
        String what = describe(fault) + " on " + rule.service() + " " + String.join(",", operations) + " at "
                + formatPercentage(percentage) + "% of attempts" + describe(count) + ", " + calls.targets();
        String miss = missHint(context, roleArns);
        context.onRevert(() -> {
            armed.close();
            // returns once every connected JVM confirmed the disarm (or was cut off), with its final counters
            FaultBroadcast.Counters remote = broadcast.withdraw(shared);
            long matched = armed.matchedCalls() + remote.matchedCalls();
            long injected = armed.injectedFaults() + remote.injectedFaults();
            context.detail("attempts_matched", matched); // in the action-end record of the FIS log
            context.detail("faults_injected", injected);
            if (remote.jvms() > 0) {
                context.detail("connected_jvms", remote.jvms());
            }
            String counts = id + " disarmed: " + what + "; " + matched + " attempts matched, " + injected
                    + " faults injected" + (remote.jvms() == 0 ? "" : " (of which " + remote.matchedCalls()
                    + " matched and " + remote.injectedFaults() + " injected in " + remote.jvms()
                    + " connected JVM(s))");
            if (matched == 0) {
                context.log().warn(counts + (miss != null ? " (" + miss + ")"
                        : " (no instrumented client called " + rule.service() + " with a matching role meanwhile)"));
            } else {
                context.log().info(counts);
            }
        });
        context.log().info(id + " armed: " + what + " (seed " + seed + ")");
        if (miss != null) {
            context.log().warn(id + ": " + miss);
        }
        SdkOperations.unknownOperationsWarning(rule.service(), operations)
                .ifPresent(w -> context.log().warn(id + ": " + w));
    }

    /**
     * Template validation's check of what the descriptor cannot express: {@code operations} that the {@code service}
     * does not have (per its SDK client on the classpath) can never be hit, a warning at
     * {@code /actions/<name>/parameters/operations} naming the closest real operations and the service's operations.
     * Services whose SDK module is not on the classpath are not checked.
     */
    @Override
    public List<ParameterFinding> validate(Map<String, String> parameters) {
        String service = parameters.get("service");
        String operations = parameters.get("operations");
        if (service == null || operations == null || descriptor.parameter("operations").isEmpty()) {
            return List.of();
        }
        Set<String> ops = new java.util.TreeSet<>();
        for (String op : operations.split(",")) {
            if (!op.isBlank()) {
                ops.add(op.trim());
            }
        }
        return SdkOperations.unknownOperationsWarning(service.trim().toLowerCase(java.util.Locale.ROOT), ops)
                .map(w -> List.of(new ParameterFinding("operations", w))).orElse(List.of());
    }

    /**
     * Why no call can be hit, when that can be told at arm time: no client is instrumented for this engine, or none of
     * the targeted roles belongs to one; {@code null} when some known client can be hit.
     */
    static String missHint(ActionContext context, Set<String> roleArns) {
        List<String> known = java.util.stream.Stream.concat(
                KnownRoles.of(context.runtime()).roles().stream().map(IamRole::arn),
                FaultBroadcast.of(context.runtime()).remoteRoles().stream()).distinct().sorted().toList();
        if (known.isEmpty()) {
            return "no SDK client is instrumented for this engine (FisSdk.instrument, FisClients or zero-code mode), "
                    + "so nothing can be hit";
        }
        if (roleArns == null || roleArns.stream().anyMatch(known::contains)) {
            return null;
        }
        return "no instrumented client of this engine has the targeted role(s) " + String.join(", ", roleArns)
                + "; the engine knows " + String.join(", ", known) + " (give a client its role when instrumenting "
                + "it: FisSdk.instrument(builder, engine, roleArn))";
    }

    private static String describe(ApiFaultRule.Count count) {
        StringBuilder sb = new StringBuilder();
        if (count.firstAttempts() > 0) {
            sb.append(", first ").append(count.firstAttempts()).append(" attempts only");
        }
        if (count.everyNthAttempt() > 0) {
            sb.append(", only attempts numbered a multiple of ").append(count.everyNthAttempt());
        }
        if (count.maxFaults() > 0) {
            sb.append(", at most ").append(count.maxFaults()).append(" faults");
        }
        return sb.toString();
    }

    private static String formatPercentage(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + descriptor.id() + "]";
    }
}
