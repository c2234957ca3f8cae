package dev.fisengine.aws.sdk;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which AWS SDK calls a fault hits and how often: the in-process form of the parameters of the FIS API-fault actions
 * ({@code aws:fis:inject-api-*}: {@code service}, {@code operations}, {@code percentage}, and the {@code Roles}
 * target).
 *
 * <ul>
 *   <li>{@code service}: the service as FIS and IAM name it, lower-case: {@code dynamodb}, {@code s3}, {@code sqs},
 *       {@code kinesis}, {@code ec2}, {@code lambda}, {@code sns}, {@code sts}, {@code cloudwatch} (or its endpoint
 *       prefix {@code monitoring})... A call matches when this equals either the client's endpoint prefix or the
 *       SDK's service name lower-cased (see {@code docs/sdk-faults.md}).</li>
 *   <li>{@code operations}: SDK/API operation names, case-sensitive as AWS writes them ({@code PutItem}); empty
 *       means every operation of the service.</li>
 *   <li>{@code percentage}: 0–100, the chance that an attempt is hit, decided anew for every attempt (so the SDK's
 *       retries may succeed) with a random source seeded from {@code seed}.</li>
 *   <li>{@code roleArns}: the principal roles whose clients are hit (the FIS {@code Roles} target); empty means
 *       every client.</li>
 *   <li>{@code count}: this engine's count limits ({@link Count}): only the first N matching attempts, every N-th,
 *       or at most N faults in total, exactly, across all clients.</li>
 *   <li>{@code filter}: which requests of those calls are hit by what they name ({@link RequestFilter}: Kinesis
 *       streams, EC2 Availability Zones); {@code null} means every request.</li>
 * </ul>
 */
public record ApiFaultRule(String service, Set<String> operations, double percentage, Set<String> roleArns,
                           ApiFault fault, long seed, Count count, RequestFilter filter) {

    /**
     * Which matching attempts may be hit, by their order: attempts are numbered 1, 2, 3... in the order they reach
     * the rule (after the service, operation and role match), across every client and thread of the engine, exactly
     * (one atomic counter per armed rule). An attempt is hit when all the set limits allow it and the percentage
     * decision says so. 0 means "not set".
     *
     * @param firstAttempts   only attempts 1..N may be hit
     * @param everyNthAttempt only attempts N, 2N, 3N... may be hit
     * @param maxFaults       at most N faults in total (attempts hit beyond that go through)
     */
    public record Count(long firstAttempts, long everyNthAttempt, long maxFaults) {
        /** No limit: every matching attempt may be hit. */
        public static final Count NONE = new Count(0, 0, 0);

        public Count {
            if (firstAttempts < 0 || everyNthAttempt < 0 || maxFaults < 0) {
                throw new IllegalArgumentException("count: firstAttempts " + firstAttempts + ", everyNthAttempt "
                        + everyNthAttempt + ", maxFaults " + maxFaults + ": must not be negative (0 = not set)");
            }
        }

        /** Whether any limit is set. */
        public boolean limited() {
            return firstAttempts > 0 || everyNthAttempt > 0 || maxFaults > 0;
        }

        /** Whether the attempt numbered {@code ordinal} (from 1) may be hit by order ({@code maxFaults} aside). */
        public boolean admits(long ordinal) {
            return (firstAttempts == 0 || ordinal <= firstAttempts)
                    && (everyNthAttempt == 0 || ordinal % everyNthAttempt == 0);
        }
    }

    /** A rule that hits every request of the matching calls. */
    public ApiFaultRule(String service, Set<String> operations, double percentage, Set<String> roleArns,
                        ApiFault fault, long seed, Count count) {
        this(service, operations, percentage, roleArns, fault, seed, count, null);
    }

    /** A rule without count limits. */
    public ApiFaultRule(String service, Set<String> operations, double percentage, Set<String> roleArns,
                        ApiFault fault, long seed) {
        this(service, operations, percentage, roleArns, fault, seed, Count.NONE);
    }

    public ApiFaultRule {
        count = count == null ? Count.NONE : count;
        Objects.requireNonNull(service, "service");
        String s = service.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || !s.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                || c == '.' || c == '_')) {
            throw new IllegalArgumentException("service: \"" + service + "\" is not a service name such as dynamodb, "
                    + "s3 or ec2");
        }
        service = s;
        operations = copy(operations, "operations");
        for (String op : operations) {
            if (op.isEmpty() || !op.chars().allMatch(Character::isLetterOrDigit)) {
                throw new IllegalArgumentException("operations: \"" + op + "\" is not an operation name such as "
                        + "PutItem");
            }
        }
        if (Double.isNaN(percentage) || percentage < 0 || percentage > 100) {
            throw new IllegalArgumentException("percentage: " + percentage + " is not between 0 and 100");
        }
        roleArns = copy(roleArns, "roleArns");
        for (String arn : roleArns) {
            if (!arn.startsWith("arn:")) {
                throw new IllegalArgumentException("roleArns: \"" + arn + "\" is not an ARN");
            }
        }
        Objects.requireNonNull(fault, "fault");
    }

    private static Set<String> copy(Collection<String> values, String field) {
        if (values == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null) {
                throw new IllegalArgumentException(field + ": contains null");
            }
            out.add(v.trim());
        }
        return Set.copyOf(out);
    }

    /** Whether the rule hits every operation of its service. */
    public boolean allOperations() {
        return operations.isEmpty();
    }

    /** Whether the rule hits clients whose principal role is {@code roleArn}. */
    public boolean appliesToRole(String roleArn) {
        return roleArns.isEmpty() || roleArns.contains(roleArn);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().service(service).operations(operations).percentage(percentage).roleArns(roleArns)
                .fault(fault).seed(seed).count(count).filter(filter);
    }

    /** Builds an {@link ApiFaultRule}; {@code service} and {@code fault} are required, percentage defaults to 100. */
    public static final class Builder {
        private String service;
        private Set<String> operations = Set.of();
        private double percentage = 100;
        private Set<String> roleArns = Set.of();
        private ApiFault fault;
        private long seed;
        private Count count = Count.NONE;
        private RequestFilter filter;

        private Builder() {}

        /** Hits only the requests that name what {@code filter} says; {@code null} (the default): every request. */
        public Builder filter(RequestFilter filter) {
            this.filter = filter;
            return this;
        }

        /** Limits which matching attempts may be hit by their order (see {@link Count}). */
        public Builder count(Count count) {
            this.count = count;
            return this;
        }

        /** Only the first {@code n} matching attempts may be hit. */
        public Builder firstAttempts(long n) {
            this.count = new Count(n, count.everyNthAttempt(), count.maxFaults());
            return this;
        }

        /** Only every {@code n}-th matching attempt (n, 2n, 3n...) may be hit. */
        public Builder everyNthAttempt(long n) {
            this.count = new Count(count.firstAttempts(), n, count.maxFaults());
            return this;
        }

        /** At most {@code n} faults in total. */
        public Builder maxFaults(long n) {
            this.count = new Count(count.firstAttempts(), count.everyNthAttempt(), n);
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder operations(Collection<String> operations) {
            this.operations = operations == null ? Set.of() : new LinkedHashSet<>(operations);
            return this;
        }

        public Builder operations(String... operations) {
            return operations(java.util.Arrays.asList(operations));
        }

        public Builder percentage(double percentage) {
            this.percentage = percentage;
            return this;
        }

        public Builder roleArns(Collection<String> roleArns) {
            this.roleArns = roleArns == null ? Set.of() : new LinkedHashSet<>(roleArns);
            return this;
        }

        public Builder roleArns(String... roleArns) {
            return roleArns(java.util.Arrays.asList(roleArns));
        }

        public Builder fault(ApiFault fault) {
            this.fault = fault;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public ApiFaultRule build() {
            return new ApiFaultRule(service, operations, percentage, roleArns, fault, seed, count, filter);
        }
    }
}
