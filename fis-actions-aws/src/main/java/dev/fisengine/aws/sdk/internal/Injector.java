package dev.fisengine.aws.sdk.internal;

import dev.fisengine.aws.sdk.ApiFault;

/** Decides one attempt against the rules of a snapshot. */
final class Injector {
    private Injector() {}

    /**
     * The faults that fire for one attempt, or {@code null} when none does. The rules matching the call are decided
     * in arming order: latency faults add up; the first error or connection fault that fires ends the decision.
     */
    static Injection decide(FaultIndex index, CallTarget target, String roleArn) {
        Injection inj = decide(index.lookup(target.serviceKey, target.operation), roleArn, null);
        if (target.altServiceKey != null && (inj == null || inj.terminal == null)) {
            inj = decide(index.lookup(target.altServiceKey, target.operation), roleArn, inj);
        }
        return inj;
    }

    private static Injection decide(ArmedRule[] rules, String roleArn, Injection inj) {
        for (ArmedRule rule : rules) {
            ApiFault fault = rule.fire(roleArn);
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
