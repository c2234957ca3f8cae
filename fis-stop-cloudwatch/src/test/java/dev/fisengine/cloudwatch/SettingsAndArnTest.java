package dev.fisengine.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.cloudwatch.internal.AlarmArn;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class SettingsAndArnTest {

    @Test
    void defaultsAreDocumentedValues() {
        CloudWatchStopConditionSettings d = CloudWatchStopConditionSettings.defaults();

        assertThat(d.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.failuresBeforeStop()).isEqualTo(3);
        assertThat(d.attemptsPerPoll()).isEqualTo(3);
        assertThat(d.retryBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.staleAfterPolls()).isEqualTo(3);
        assertThat(d.maxPollDuration()).isEqualTo(Duration.ofMillis(6_600)); // 3 × 2 s + 200 ms + 400 ms
        assertThat(d.maxObservationAge()).isEqualTo(Duration.ofMillis(21_600));
        assertThat(d.endpointOverrides()).isEmpty();
        assertThat(d.credentialsProvider()).isNull();
        assertThat(d.clientFactory()).isNull();
    }

    @Test
    void toBuilderRoundTripsAndEndpointsAreCopied() {
        Map<Region, URI> endpoints = new HashMap<>();
        endpoints.put(Region.US_EAST_1, URI.create("http://127.0.0.1:1"));
        CloudWatchStopConditionSettings s = new CloudWatchStopConditionSettings(Duration.ofSeconds(1), 2, 4, 1,
                Duration.ZERO, Duration.ofSeconds(1), endpoints, null, null);
        endpoints.put(Region.EU_WEST_1, URI.create("http://127.0.0.1:2"));

        assertThat(s.endpointOverrides()).containsOnlyKeys(Region.US_EAST_1);
        assertThat(s.toBuilder().build()).isEqualTo(s);
        assertThat(s.toBuilder().pollInterval(Duration.ofSeconds(9)).build().pollInterval())
                .isEqualTo(Duration.ofSeconds(9));
        assertThat(s.endpointOverride(Region.US_EAST_1)).isEqualTo(URI.create("http://127.0.0.1:1"));
        assertThatThrownBy(() -> s.endpointOverrides().put(Region.EU_WEST_1, URI.create("http://x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badSettingsNameTheSettingAndTheValue() {
        assertThatThrownBy(() -> CloudWatchStopConditionSettings.builder().pollInterval(Duration.ZERO).build())
                .hasMessage("CloudWatchStopConditionSettings.pollInterval: PT0S is not a positive duration");
        assertThatThrownBy(() -> CloudWatchStopConditionSettings.builder().failuresBeforeStop(0).build())
                .hasMessage("CloudWatchStopConditionSettings.failuresBeforeStop: 0 is not >= 1");
        assertThatThrownBy(() -> CloudWatchStopConditionSettings.builder().staleAfterPolls(0).build())
                .hasMessage("CloudWatchStopConditionSettings.staleAfterPolls: 0 is not >= 1");
        assertThatThrownBy(() -> CloudWatchStopConditionSettings.builder().attemptsPerPoll(0).build())
                .hasMessage("CloudWatchStopConditionSettings.attemptsPerPoll: 0 is not >= 1");
        assertThatThrownBy(() -> CloudWatchStopConditionSettings.builder().retryBackoff(Duration.ofMillis(-1))
                .build()).hasMessageContaining("retryBackoff: PT-0.001S is negative");
        assertThatThrownBy(() -> CloudWatchStopConditionSettings.builder()
                .endpointOverride(Region.US_EAST_1, URI.create("localhost:4566")).build())
                .hasMessageContaining("endpointOverrides.us-east-1: \"localhost:4566\" is not an http(s) URI with a host");
        assertThatThrownBy(() -> CloudWatchStopConditionSettings.builder().requestTimeout(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("requestTimeout");
    }

    @Test
    void alarmArnsGiveRegionAccountAndName() {
        AlarmArn a = AlarmArn.parse("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:api:errors high", "v");
        assertThat(a.partition()).isEqualTo("aws");
        assertThat(a.region()).isEqualTo("eu-west-1");
        assertThat(a.account()).isEqualTo("123456789012");
        assertThat(a.name()).isEqualTo("api:errors high");

        assertThat(AlarmArn.parse("arn:aws-cn:cloudwatch:cn-north-1:123456789012:alarm:x", "v").region())
                .isEqualTo("cn-north-1");
        assertThat(AlarmArn.parse("arn:aws-us-gov:cloudwatch:us-gov-west-1:123456789012:alarm:x", "v").partition())
                .isEqualTo("aws-us-gov");
    }

    @Test
    void badAlarmArnsAreRejectedNamingThePlace() {
        for (String bad : new String[] {"", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:",
                "arn:aws:cloudwatch:us-east-1:1234567890:alarm:x", "arn:aws:cloudwatch:useast1:123456789012:alarm:x",
                "arn:aws:logs:us-east-1:123456789012:alarm:x", "arn:aws:cloudwatch:us-east-1:123456789012:x",
                "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a\nb"}) {
            assertThatThrownBy(() -> AlarmArn.parse(bad, "stopConditions[0].value"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("stopConditions[0].value: \"" + bad + "\" is not a CloudWatch alarm ARN ("
                            + AlarmArn.FORM + ")");
            assertThat(Pattern.compile(AlarmArn.PATTERN).matcher(bad).matches()).as(bad).isFalse();
        }
    }
}
