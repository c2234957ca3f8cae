package dev.fisengine.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.testkit.ActionDescriptorCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every action the classpath's plugins describe (engine built-ins and the AWS catalog) is well formed. */
class DiscoveredPluginsDescriptorTest {
    @Test
    void everyDiscoveredActionDescriptorIsWellFormed() {
        List<ActionProvider> actions = Plugins.discovered().actions();
        assertThat(actions).hasSizeGreaterThan(10);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (ActionProvider p : actions) {
            List<String> found = ActionDescriptorCheck.problems(p.descriptor());
            if (!found.isEmpty()) {
                problems.put(p.descriptor().id(), found);
            }
        }
        assertThat(problems).isEmpty();
    }
}
