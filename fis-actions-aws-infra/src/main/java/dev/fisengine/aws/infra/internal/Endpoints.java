package dev.fisengine.aws.infra.internal;

import java.util.List;
import java.util.Locale;

/** Recognises the hosts of AWS's own endpoints, in every partition. */
public final class Endpoints {
    /** The DNS suffixes of the AWS partitions (aws, aws-cn, aws-us-gov, aws-iso*, aws-eusc) and dual-stack. */
    static final List<String> AWS_DOMAINS = List.of(
            "amazonaws.com", "amazonaws.com.cn", "api.aws", "api.amazonwebservices.com.cn", "c2s.ic.gov",
            "sc2s.sgov.gov", "cloud.adc-e.uk", "csp.hci.ic.gov", "amazonaws.eu", "api.amazonwebservices.eu");

    private Endpoints() {}

    /** Whether {@code host} is an AWS endpoint (or {@code null}, an endpoint the SDK resolves to AWS). */
    public static boolean isAws(String host) {
        if (host == null) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (String domain : AWS_DOMAINS) {
            if (h.equals(domain) || h.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an operation only reads ({@code Describe*}, {@code List*}, {@code Get*}, STS identity calls). */
    public static boolean isReadOnly(String operation) {
        return operation == null || operation.startsWith("Describe") || operation.startsWith("List")
                || operation.startsWith("Get") || operation.equals("AssumeRole");
    }
}
