package dev.fisengine.aws.iam;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM role this engine knows: the resource an {@code aws:iam:role} target (the {@code Roles} target of the
 * API-fault actions) selects. Its ARN is the principal role of the AWS SDK clients an API fault then hits; its tags
 * are matched against a target's {@code resourceTags}.
 *
 * <p>{@link #roleName()} and {@link #path()} come from the ARN as IAM writes them
 * ({@code arn:aws:iam::123456789012:role/service-role/app} has path {@code /service-role/} and name {@code app}), and
 * with {@link #arn()} they are the attributes a target's {@code filters} are evaluated against
 * ({@code RoleName}, {@code Path}, {@code Arn}: the fields of IAM {@code ListRoles}, which FIS filters roles by).
 *
 * @param arn the role ARN, {@code arn:partition:iam::account:role/[path/]name}
 * @param tags the role's tags (empty when it has none)
 */
public record IamRole(String arn, Map<String, String> tags) {

    public IamRole {
        Objects.requireNonNull(arn, "arn");
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[5].isEmpty()) {
            throw new IllegalArgumentException("role ARN: \"" + arn + "\" is not an ARN (arn:partition:iam::account:"
                    + "role/name)");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach((k, v) -> {
                if (k == null || k.isEmpty() || v == null) {
                    throw new IllegalArgumentException("tags of role " + arn + ": " + k + "=" + v
                            + " is not a tag (non-empty key, non-null value)");
                }
                copy.put(k, v);
            });
        }
        tags = java.util.Collections.unmodifiableMap(copy);
    }

    /** A role with no tags. */
    public static IamRole of(String arn) {
        return new IamRole(arn, Map.of());
    }

    /** A role with {@code tags}. */
    public static IamRole of(String arn, Map<String, String> tags) {
        return new IamRole(arn, tags);
    }

    /** The same role with {@code tags} instead of its own. */
    public IamRole withTags(Map<String, String> tags) {
        return new IamRole(arn, tags);
    }

    /** The role name: the ARN's last path segment ({@code app} in {@code role/service-role/app}). */
    public String roleName() {
        String resource = resource();
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    /**
     * The role's path as IAM writes it: {@code /} for {@code role/app}, {@code /service-role/} for
     * {@code role/service-role/app}.
     */
    public String path() {
        String resource = resource();
        int first = resource.indexOf('/');
        int last = resource.lastIndexOf('/');
        return first < 0 || first == last ? "/" : resource.substring(first, last + 1);
    }

    /** The account id in the ARN (may be empty or a placeholder for hand-written ARNs). */
    public String accountId() {
        return arn.split(":", 6)[4];
    }

    /** Whether every one of {@code wanted} is among this role's tags with the same value. */
    public boolean hasTags(Map<String, String> wanted) {
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!e.getValue().equals(tags.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** What {@code filters} see: {@code RoleName}, {@code Path} and {@code Arn}, as IAM {@code ListRoles} shows. */
    public Map<String, Object> attributes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("RoleName", roleName());
        attributes.put("Path", path());
        attributes.put("Arn", arn);
        return java.util.Collections.unmodifiableMap(attributes);
    }

    private String resource() {
        return arn.split(":", 6)[5];
    }
}
