package dev.fisengine.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.spi.StopConditionMonitor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** A client factory replaces the clients the module builds; its clients stay the caller's. */
class ClientFactoryTest extends CloudWatchFixture {
    final List<Region> asked = new CopyOnWriteArrayList<>();
    CloudWatchClient supplied;

    @Override
    CloudWatchStopConditionSettings.Builder settings(CloudWatchStopConditionSettings.Builder base) {
        supplied = sdkClient(east);
        return base.endpointOverride(Region.US_EAST_1, java.net.URI.create("http://127.0.0.1:9"))
                .clientFactory(region -> {
                    asked.add(region);
                    return supplied;
                });
    }

    @Test
    void theFactorysClientIsUsedOncePerRegionAndNotClosed() throws Exception {
        String a = east.putAlarm("a", "OK", "fine");
        String b = east.putAlarm("b", "OK", "fine");
        StopConditionMonitor ma = open("EXP1", a);
        open("EXP1", b);
        flip(east, "a", StateValue.ALARM, "via factory client");
        pollOnce();

        assertThat(ma.check().triggered()).isTrue();
        assertThat(asked).containsExactly(Region.US_EAST_1);

        runtime.close();
        assertThat(supplied.describeAlarms(r -> r.alarmNames("a")).metricAlarms()).hasSize(1);
    }
}
