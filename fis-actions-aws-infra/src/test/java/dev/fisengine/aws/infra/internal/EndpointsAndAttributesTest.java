package dev.fisengine.aws.infra.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ecs.model.Task;

class EndpointsAndAttributesTest {
    @Test
    void awsHostsOfEveryPartitionAreRecognised() {
        assertThat(Endpoints.isAws("ec2.us-east-1.amazonaws.com")).isTrue();
        assertThat(Endpoints.isAws("EC2.eu-west-1.AMAZONAWS.COM.")).isTrue();
        assertThat(Endpoints.isAws("ec2.cn-north-1.amazonaws.com.cn")).isTrue();
        assertThat(Endpoints.isAws("ec2.us-east-1.api.aws")).isTrue();
        assertThat(Endpoints.isAws("ec2.us-iso-east-1.c2s.ic.gov")).isTrue();
        assertThat(Endpoints.isAws("ec2.us-isob-east-1.sc2s.sgov.gov")).isTrue();
        assertThat(Endpoints.isAws(null)).as("an endpoint the SDK resolves itself").isTrue();
        assertThat(Endpoints.isAws("127.0.0.1")).isFalse();
        assertThat(Endpoints.isAws("localhost.localstack.cloud")).isFalse();
        assertThat(Endpoints.isAws("notamazonaws.com")).isFalse();
        assertThat(Endpoints.isReadOnly("DescribeInstances")).isTrue();
        assertThat(Endpoints.isReadOnly("StopInstances")).isFalse();
    }

    @Test
    void describeOutputBecomesPascalCaseAttributes() {
        Instance i = Instance.builder().instanceId("i-1").state(s -> s.name(InstanceStateName.RUNNING).code(16))
                .placement(p -> p.availabilityZone("us-east-1a")).launchTime(Instant.parse("2026-01-01T00:00:00Z"))
                .securityGroups(software.amazon.awssdk.services.ec2.model.GroupIdentifier.builder().groupId("sg-1")
                        .build()).build();
        Map<String, Object> a = Attributes.of(i);
        assertThat(a).containsEntry("InstanceId", "i-1").containsEntry("LaunchTime", "2026-01-01T00:00:00Z")
                .doesNotContainKey("Tags");
        assertThat(a.get("State")).isEqualTo(Map.of("Name", "running", "Code", 16));
        assertThat(a.get("Placement")).isEqualTo(Map.of("AvailabilityZone", "us-east-1a"));
        assertThat(a.get("SecurityGroups")).isEqualTo(List.of(Map.of("GroupId", "sg-1")));

        Map<String, Object> t = Attributes.of(Task.builder().lastStatus("RUNNING").availabilityZone("us-east-1b")
                .build());
        assertThat(t).as("ECS is camelCase on the wire, PascalCase in FIS filter paths")
                .containsEntry("LastStatus", "RUNNING").containsEntry("AvailabilityZone", "us-east-1b");
    }

    @Test
    void arnsAreParsedWithClearErrors() {
        Arn a = Arn.parse("arn:aws:ecs:us-east-1:123456789012:task/web/abc", "ecs");
        assertThat(a.region()).isEqualTo("us-east-1");
        assertThat(a.lastId()).isEqualTo("abc");
        assertThat(a.resourceType()).isEqualTo("task");
        assertThat(Arn.parse("arn:aws:rds:us-east-1:1:db:orders", "rds").lastId()).isEqualTo("orders");
        assertThatThrownBy(() -> Arn.parse("i-123", "ec2")).hasMessage("\"i-123\" is not an ARN "
                + "(arn:partition:service:region:account:resource)");
        assertThatThrownBy(() -> Arn.parse("arn:aws:rds:us-east-1:1:db:x", "ec2"))
                .hasMessage("\"arn:aws:rds:us-east-1:1:db:x\" is not an ARN of service ec2");
    }
}
