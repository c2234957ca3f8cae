package dev.fisengine.aws.actions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void theSeedDependsOnlyOnExperimentIdAndActionName() {
        assertThat(Seeds.of("EXPt06E4ur6UQNF6Wp", "ThrottleSendMessage"))
                .as("stable across JVMs and versions of this class, so recorded runs stay reproducible")
                .isEqualTo(Seeds.of("EXPt06E4ur6UQNF6Wp", "ThrottleSendMessage"))
                .isEqualTo(-7746164291857378857L);
        assertThat(Seeds.of("EXPa", "b")).isNotEqualTo(Seeds.of("EXPa", "c"));
        assertThat(Seeds.of("ab", "c")).as("the separator").isNotEqualTo(Seeds.of("a", "bc"));
    }

    @Test
    void nearbyInputsSpreadOverTheWholeWord() {
        Set<Long> seeds = new HashSet<>();
        long highBitsSet = 0;
        for (int i = 0; i < 1000; i++) {
            long s = Seeds.of("EXP" + i, "Fault");
            seeds.add(s);
            highBitsSet += s < 0 ? 1 : 0;
        }
        assertThat(seeds).hasSize(1000);
        assertThat(highBitsSet).isBetween(400L, 600L);
    }
}
