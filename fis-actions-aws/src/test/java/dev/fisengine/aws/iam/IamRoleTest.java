package dev.fisengine.aws.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamRoleTest {

    @Test
    void nameAndPathComeFromTheArnAsIamWritesThem() {
        IamRole plain = IamRole.of("arn:aws:iam::123456789012:role/app");
        assertThat(plain.roleName()).isEqualTo("app");
        assertThat(plain.path()).isEqualTo("/");
        assertThat(plain.accountId()).isEqualTo("123456789012");
        IamRole nested = IamRole.of("arn:aws-cn:iam::123456789012:role/service-role/payments/api");
        assertThat(nested.roleName()).isEqualTo("api");
        assertThat(nested.path()).isEqualTo("/service-role/payments/");
        assertThat(nested.attributes()).containsExactly(Map.entry("RoleName", "api"),
                Map.entry("Path", "/service-role/payments/"),
                Map.entry("Arn", "arn:aws-cn:iam::123456789012:role/service-role/payments/api"));
    }

    @Test
    void everyWantedTagMustMatch() {
        IamRole role = IamRole.of("arn:aws:iam::123456789012:role/app", Map.of("team", "orders", "env", "test"));
        assertThat(role.hasTags(Map.of())).isTrue();
        assertThat(role.hasTags(Map.of("team", "orders"))).isTrue();
        assertThat(role.hasTags(Map.of("team", "orders", "env", "test"))).isTrue();
        assertThat(role.hasTags(Map.of("team", "orders", "env", "prod"))).isFalse();
        assertThat(role.hasTags(Map.of("owner", "orders"))).isFalse();
    }

    @Test
    void tagsAreCopiedAndChecked() {
        Map<String, String> tags = new HashMap<>(Map.of("team", "orders"));
        IamRole role = IamRole.of("arn:aws:iam::123456789012:role/app", tags);
        tags.put("env", "prod");
        assertThat(role.tags()).containsExactly(Map.entry("team", "orders"));
        assertThat(role.withTags(Map.of("env", "prod")).tags()).containsExactly(Map.entry("env", "prod"));
        Map<String, String> bad = new HashMap<>();
        bad.put("team", null);
        assertThatThrownBy(() -> IamRole.of("arn:aws:iam::123456789012:role/app", bad))
                .hasMessageContaining("team=null is not a tag");
    }

    @Test
    void aNonArnIsRejectedWithTheValue() {
        assertThatThrownBy(() -> IamRole.of("role/app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("role ARN: \"role/app\" is not an ARN (arn:partition:iam::account:role/name)");
        assertThatThrownBy(() -> IamRole.of("arn:aws:iam::123456789012:"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
