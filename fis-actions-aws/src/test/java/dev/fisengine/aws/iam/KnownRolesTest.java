package dev.fisengine.aws.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.engine.FisEngine;
import dev.fisengine.testkit.FisTestkit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownRolesTest {
    private static final String APP = "arn:aws:iam::123456789012:role/app";
    private static final String WORKER = "arn:aws:iam::123456789012:role/worker";

    @Test
    void registeringReplacesTagsButRegisteringAnArnAloneKeepsThem() {
        KnownRoles roles = new KnownRoles().register(APP, Map.of("team", "orders")).register(WORKER);
        assertThat(roles.roles()).extracting(IamRole::arn).containsExactly(APP, WORKER);

        roles.register(APP);
        assertThat(roles.role(APP).orElseThrow().tags()).containsExactly(Map.entry("team", "orders"));
        roles.register(APP, Map.of("team", "billing"));
        assertThat(roles.role(APP).orElseThrow().tags()).containsExactly(Map.entry("team", "billing"));
        roles.register(IamRole.of(WORKER, Map.of("env", "test")));
        assertThat(roles.role(WORKER).orElseThrow().tags()).containsExactly(Map.entry("env", "test"));

        assertThat(roles.remove(APP)).isTrue();
        assertThat(roles.remove(APP)).isFalse();
        assertThat(roles.roles()).extracting(IamRole::arn).containsExactly(WORKER);
        assertThat(roles.role(APP)).isEmpty();
    }

    @Test
    void eachEngineHasItsOwnAndAPreRegisteredOneIsUsed() {
        KnownRoles given = new KnownRoles().register(APP);
        try (FisEngine withRoles = FisTestkit.engineBuilder(FisTestkit.manualClock())
                .component(KnownRoles.class, given).slf4jLog(false).build();
             FisEngine other = FisTestkit.engineBuilder(FisTestkit.manualClock()).slf4jLog(false).build()) {
            assertThat(KnownRoles.of(withRoles)).isSameAs(given);
            assertThat(KnownRoles.of(other)).isNotSameAs(given).isSameAs(KnownRoles.of(other));
            assertThat(KnownRoles.of(other).roles()).isEmpty();
        }
    }
}
