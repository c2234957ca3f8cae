package dev.fisengine.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.StopConditionProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
    @Test
    void bothProvidersAreFoundByServiceLoader() {
        assertThat(ServiceLoader.load(StopConditionProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(p -> assertThat(p.descriptor().source()).isEqualTo("aws:cloudwatch:alarm"));
        assertThat(ServiceLoader.load(ActionProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(p -> assertThat(p.descriptor().id()).isEqualTo("aws:cloudwatch:assert-alarm-state"));
    }
}
