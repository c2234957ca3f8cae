package dev.fisengine.aws.sdk.internal;

import dev.fisengine.aws.sdk.ApiFault;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Decides one attempt against the rules of a snapshot. */
final class Injector {
    private Injector() {}

    /**
     * The faults that fire for one attempt, or {@code null} when none does. The rules matching the call are decided
     * in arming order: latency faults add up; the first error or connection fault that fires ends the decision. An
     * attempt that some rule matches but that carries the exemption marker ({@link Exemption}) is left alone before
     * any rule decides.
     *
     * @param request the HTTP request of the attempt, as the HTTP client received it (for the exemption marker)
     */
    static Injection decide(FaultIndex index, CallTarget target, String roleArn, SdkHttpRequest request) {
        ArmedRule[] rules = index.lookup(target.serviceKey, target.operation);
        ArmedRule[] altRules = target.altServiceKey == null ? null : index.lookup(target.altServiceKey,
                target.operation);
        if (rules.length == 0 && (altRules == null || altRules.length == 0)) {
            return null;
        }
        if (Exemption.isExempt(request)) {
            return null;
        }
        Injection inj = decide(rules, target, roleArn, null);
        if (altRules != null && (inj == null || inj.terminal == null)) {
            inj = decide(altRules, target, roleArn, inj);
        }
        return inj;
    }

    private static Injection decide(ArmedRule[] rules, CallTarget target, String roleArn, Injection inj) {
        for (ArmedRule rule : rules) {
            ApiFault fault = rule.fire(roleArn, target);
            if (fault == null) {
                continue;
            }
            if (inj == null) {
                inj = new Injection();
            }
            if (fault instanceof ApiFault.Latency latency) {
                inj.addDelay(rule, rule.delayNanos(latency));
            } else {
                inj.terminal = fault;
                return inj;
            }
        }
        return inj;
    }
}
