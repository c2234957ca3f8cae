package dev.fisengine.aws.sdk.internal;

import dev.fisengine.aws.sdk.ApiFault;
import java.util.ArrayList;
import java.util.List;

/**
 * What the armed rules decided for one attempt: an optional delay (the sum of the latency faults that fired) and an
 * optional terminal fault (the first error or connection fault that fired, in arming order).
 */
final class Injection {
    long delayNanos;
    ApiFault terminal;
    List<ArmedRule> delayRules;

    void addDelay(ArmedRule rule, long nanos) {
        delayNanos += nanos;
        if (delayRules == null) {
            delayRules = new ArrayList<>(2);
        }
        delayRules.add(rule);
    }

    boolean hasDelay() {
        return delayRules != null;
    }
}
