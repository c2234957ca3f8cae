package dev.fisengine.aws.infra.internal;

/**
 * The parts of an ARN {@code arn:partition:service:region:account:resource} that resolvers and actions need.
 *
 * @param resource the part after the account, e.g. {@code instance/i-0123} or {@code db:mydb}
 */
public record Arn(String arn, String partition, String service, String region, String account, String resource) {
    /** Parses {@code arn}; fails naming the ARN and what was expected when it is not one. */
    public static Arn parse(String arn, String expectedService) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[5].isEmpty()) {
            throw new IllegalArgumentException("\"" + arn + "\" is not an ARN (arn:partition:service:region:"
                    + "account:resource)");
        }
        if (expectedService != null && !parts[2].equals(expectedService)) {
            throw new IllegalArgumentException("\"" + arn + "\" is not an ARN of service " + expectedService);
        }
        return new Arn(arn, parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    /** The part of the resource after its last {@code /} or {@code :}, e.g. the instance id. */
    public String lastId() {
        int i = Math.max(resource.lastIndexOf('/'), resource.lastIndexOf(':'));
        return resource.substring(i + 1);
    }

    /** The resource type prefix, e.g. {@code instance} of {@code instance/i-0123}. */
    public String resourceType() {
        int i = resource.indexOf('/');
        int j = resource.indexOf(':');
        int end = i < 0 ? j : j < 0 ? i : Math.min(i, j);
        return end < 0 ? resource : resource.substring(0, end);
    }

    public static String of(String partition, String service, String region, String account, String resource) {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
