package dev.fisengine.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.model.TargetFilter;
import dev.fisengine.api.spi.TargetResource;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TargetSelectionTest {
    private static TargetResource r(String name, Map<String, Object> attrs) {
        return TargetResource.of("arn:aws:ec2:us-east-1:123456789012:instance/" + name, Map.of(), attrs);
    }

    private static List<TargetResource> n(int count) {
        return IntStream.range(0, count).mapToObj(i -> r("i-" + i, Map.of())).toList();
    }

    @Test
    void valuesAtExpandListsAtEveryLevel() {
        Map<String, Object> attrs = Map.of("BlockDeviceMappings", List.of(
                Map.of("Ebs", Map.of("VolumeId", "vol-1", "DeleteOnTermination", true)),
                Map.of("Ebs", Map.of("VolumeId", "vol-2", "DeleteOnTermination", false))));
        assertThat(TargetSelection.valuesAt(attrs, "BlockDeviceMappings.Ebs.VolumeId"))
                .containsExactly("vol-1", "vol-2");
        assertThat(TargetSelection.valuesAt(attrs, "BlockDeviceMappings.Ebs.DeleteOnTermination"))
                .containsExactly("true", "false");
        assertThat(TargetSelection.valuesAt(attrs, "BlockDeviceMappings.Ebs")).isEmpty(); // not a leaf
        assertThat(TargetSelection.valuesAt(attrs, "Nope.X")).isEmpty();
    }

    @Test
    void pascalCasePathsFallBackToCamelCaseKeysAndNumbersCompareAsText() {
        Map<String, Object> attrs = Map.of("placement", Map.of("availabilityZone", "us-east-1a"),
                "CpuOptions", Map.of("CoreCount", 4, "Ratio", 2.50d, "Exact", new BigDecimal("1.500")));
        assertThat(TargetSelection.valuesAt(attrs, "Placement.AvailabilityZone")).containsExactly("us-east-1a");
        assertThat(TargetSelection.valuesAt(attrs, "CpuOptions.CoreCount")).containsExactly("4");
        assertThat(TargetSelection.valuesAt(attrs, "CpuOptions.Ratio")).containsExactly("2.5");
        assertThat(TargetSelection.valuesAt(attrs, "CpuOptions.Exact")).containsExactly("1.5");
    }

    @Test
    void filtersAndValuesOr() {
        TargetResource a = r("a", Map.of("State", Map.of("Name", "running"), "SubnetId", "s-1"));
        TargetResource b = r("b", Map.of("State", Map.of("Name", "stopped"), "SubnetId", "s-1"));
        TargetResource c = r("c", Map.of("State", Map.of("Name", "running"), "SubnetId", "s-2"));
        List<TargetFilter> filters = List.of(new TargetFilter("State.Name", List.of("running", "pending")),
                new TargetFilter("SubnetId", List.of("s-1")));
        assertThat(TargetSelection.filter(List.of(a, b, c), filters)).containsExactly(a);
        assertThat(TargetSelection.filter(List.of(a, b, c), List.of())).containsExactly(a, b, c);
        assertThat(TargetSelection.filter(List.of(a, b, c), null)).containsExactly(a, b, c);
        // Two filters on the same path still AND.
        assertThat(TargetSelection.filter(List.of(a, b, c), List.of(new TargetFilter("State.Name",
                List.of("running")), new TargetFilter("State.Name", List.of("stopped"))))).isEmpty();
    }

    @Test
    void selectionModes() {
        Random random = new Random(1);
        assertThat(TargetSelection.select(n(5), "ALL", random)).hasSize(5);
        assertThat(TargetSelection.select(n(5), null, random)).hasSize(5);
        assertThat(TargetSelection.select(n(5), "COUNT(2)", random)).hasSize(2);
        assertThat(TargetSelection.select(n(5), "COUNT(9)", random)).hasSize(5);
        assertThat(TargetSelection.select(n(5), "COUNT(0)", random)).isEmpty();
        assertThat(TargetSelection.select(n(5), "PERCENT(50)", random)).hasSize(2); // 2.5 rounded down
        assertThat(TargetSelection.select(n(4), "PERCENT(5)", random)).isEmpty();
        assertThat(TargetSelection.select(n(4), "PERCENT(100)", random)).hasSize(4);
        assertThatThrownBy(() -> TargetSelection.select(n(4), "SOME(2)", random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOME(2)");
        assertThatThrownBy(() -> TargetSelection.select(n(4), "PERCENT(101)", random))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void selectionIsUniformEnoughAndKeepsResolverOrder() {
        List<TargetResource> all = n(6);
        int[] hits = new int[6];
        Random random = new Random(99);
        for (int i = 0; i < 6000; i++) {
            List<TargetResource> picked = TargetSelection.select(all, "COUNT(2)", random);
            assertThat(all.indexOf(picked.get(0))).isLessThan(all.indexOf(picked.get(1)));
            picked.forEach(p -> hits[all.indexOf(p)]++);
        }
        for (int h : hits) {
            assertThat(h).isBetween(1700, 2300); // expected 2000 each
        }
    }

    @Test
    void distinctKeepsTheFirstOfEachArn() {
        TargetResource a1 = r("a", Map.of("V", 1));
        TargetResource a2 = r("a", Map.of("V", 2));
        TargetResource b = r("b", Map.of());
        assertThat(TargetSelection.distinct(java.util.Arrays.asList(a1, null, b, a2))).containsExactly(a1, b);
    }
}
