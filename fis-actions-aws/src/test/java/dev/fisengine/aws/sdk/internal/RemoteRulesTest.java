package dev.fisengine.aws.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.RequestFilter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A rule sent to connected JVMs ({@code fis serve}'s fault stream) arrives as the same rule, its request filter
 * included: a Kinesis stream fault that reached another JVM without its streams would hit every stream there.
 */
class RemoteRulesTest {
    private static final String STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/orders";

    private static ApiFaultRule.Builder rule() {
        return ApiFaultRule.builder().service("kinesis").operations(Set.of("PutRecord", "GetRecords"))
                .percentage(50).seed(42).fault(ApiFault.custom(400, "ProvisionedThroughputExceededException",
                        null, "Rate exceeded for shard shardId-000000000000 in stream orders"));
    }

    private static ApiFaultRule roundTrip(ApiFaultRule rule) {
        return RemoteRules.readArm("{\"id\":3,\"fault\":" + RemoteRules.write(rule, "EXP1", "throughput") + "}")
                .rule();
    }

    @Test
    void aKinesisStreamFilterTravelsWithItsRule() {
        ApiFaultRule sent = rule().filter(RequestFilter.KinesisStreams.of(List.of(STREAM))).build();
        assertThat(roundTrip(sent)).isEqualTo(sent);
    }

    @Test
    void anAvailabilityZoneFilterTravelsWithItsRule() {
        ApiFaultRule sent = ApiFaultRule.builder().service("ec2").operations(Set.of("RunInstances"))
                .percentage(100).seed(1).filter(RequestFilter.AvailabilityZones.of(List.of("us-east-1a", "use1-az2")))
                .fault(ApiFault.custom(500, "InsufficientInstanceCapacity", null, "no capacity")).build();
        assertThat(roundTrip(sent)).isEqualTo(sent);
    }

    @Test
    void aRuleWithoutFilterHasNoneOnArrival() {
        assertThat(roundTrip(rule().build()).filter()).isNull();
    }

    @Test
    void anUnknownFilterIsRefusedNamingItsPath() {
        String json = RemoteRules.write(rule().build(), "EXP1", "t");
        String withFilter = json.substring(0, json.length() - 1) + ",\"filter\":{\"buckets\":[\"b\"]}}";
        assertThatThrownBy(() -> RemoteRules.readArm("{\"id\":3,\"fault\":" + withFilter + "}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/fault/filter");
    }
}
