package dev.fisengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code fis policy} on corpus templates, checked against the permissions AWS FIS documents for their actions. */
class PolicyCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private JsonNode policy(String corpusPath) throws Exception {
        Path corpus = Path.of("..", "corpus", "fis-templates", corpusPath);
        assertThat(FisCli.execute(new String[] {"policy", corpus.toString()}, out, err)).isZero();
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> actions(JsonNode statement) {
        List<String> out = new ArrayList<>();
        statement.path("Action").forEach(a -> out.add(a.asText()));
        return out;
    }

    @Test
    void stopInstancesByTagIsScopedToTheTagAndDescribesOnStar() throws Exception {
        JsonNode p = policy("aws-fis-experiment-templates/ec2-instance-faults/fis-stop-instance-AZ.json");
        assertThat(p.path("Version").asText()).isEqualTo("2012-10-17");
        JsonNode describe = p.path("Statement").get(0);
        assertThat(actions(describe)).containsExactly("ec2:DescribeInstances", "kms:CreateGrant");
        assertThat(describe.path("Resource").asText()).isEqualTo("*");
        JsonNode stop = p.path("Statement").get(1);
        assertThat(stop.path("Sid").asText()).isEqualTo("StopInstances");
        assertThat(actions(stop)).containsExactly("ec2:StartInstances", "ec2:StopInstances");
        assertThat(stop.path("Condition").path("StringEquals").path("aws:ResourceTag/Purpose").asText())
                .isEqualTo("chaos-ready");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void auroraFailoverByTagIsScopedToTheTag() throws Exception {
        JsonNode p = policy("fis-template-library/aurora-cluster-failover/aurora-cluster-failover-template.json");
        assertThat(actions(p.path("Statement").get(0))).containsExactly("rds:DescribeDBClusters",
                "rds:DescribeDBInstances", "tag:GetResources");
        JsonNode failover = p.path("Statement").get(1);
        assertThat(actions(failover)).containsExactly("rds:FailoverDBCluster");
        assertThat(failover.path("Condition").path("StringEquals").path("aws:ResourceTag/FIS-Ready").asText())
                .isEqualTo("True");
    }

    @Test
    void anApiThrottleIsAllowedOnlyForItsServiceOperationsPercentageAndRoles() throws Exception {
        JsonNode p = policy("aws-fis-experiment-templates/ec2-control-plane-faults/fis-throttle-error.json");
        JsonNode inject = p.path("Statement").get(0);
        assertThat(inject.path("Sid").asText()).isEqualTo("ThrottleError");
        assertThat(actions(inject)).containsExactly("fis:InjectApiThrottleError");
        assertThat(inject.path("Resource").get(0).asText()).isEqualTo("arn:*:fis:*:*:experiment/*");
        JsonNode condition = inject.path("Condition");
        assertThat(condition.path("StringEquals").path("fis:Service").asText()).isEqualTo("ec2");
        assertThat(condition.path("ForAllValues:StringEquals").path("fis:Operations").toString())
                .isEqualTo("[\"DescribeInstances\",\"DescribeVolumes\"]");
        assertThat(condition.path("ForAllValues:StringEquals").path("fis:Targets").toString())
                .isEqualTo("[\"arn:aws:iam::<ACCOUNT_ID>:role/Chaos-Ready\"]");
        assertThat(condition.path("NumericLessThanOrEquals").path("fis:Percentage").asText()).isEqualTo("100");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void insufficientCapacityIsAllowedForItsActionIdOnly() throws Exception {
        JsonNode p = policy("aws-fault-injection-simulator-workshop-v2/az-experiment/templates/"
                + "fis-az-experiment-template.json");
        List<JsonNode> inject = new ArrayList<>();
        p.path("Statement").forEach(s -> {
            if (actions(s).contains("ec2:InjectApiError")) {
                inject.add(s);
            }
        });
        assertThat(inject).extracting(s -> s.path("Condition").path("StringEquals").path("ec2:FisActionId").asText())
                .containsExactlyInAnyOrder("aws:ec2:api-insufficient-instance-capacity-error",
                        "aws:ec2:asg-insufficient-instance-capacity-error");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("insufficient-instance-capacity");
    }

    @Test
    void disruptConnectivityMayOnlyCreateAndChangeTheAclsItTags() throws Exception {
        JsonNode p = policy("aws-fault-injection-simulator-workshop-v2/az-experiment/templates/"
                + "fis-az-experiment-template.json");
        java.util.Map<String, JsonNode> bySid = new java.util.HashMap<>();
        p.path("Statement").forEach(s -> bySid.put(s.path("Sid").asText(), s));
        JsonNode create = bySid.get("PausenetworkconnectivityCreateAcl");
        assertThat(actions(create)).containsExactly("ec2:CreateNetworkAcl");
        assertThat(create.path("Condition").path("StringEquals").path("aws:RequestTag/managedByFIS").asText())
                .isEqualTo("true");
        JsonNode change = bySid.get("PausenetworkconnectivityChangeFisAcl");
        assertThat(actions(change)).containsExactly("ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl");
        assertThat(change.path("Condition").path("StringEquals").path("ec2:ResourceTag/managedByFIS").asText())
                .isEqualTo("true");
        JsonNode tag = bySid.get("PausenetworkconnectivityTagAcl");
        assertThat(tag.path("Condition").path("StringEquals").path("ec2:CreateAction").asText())
                .isEqualTo("CreateNetworkAcl");
        JsonNode swap = bySid.get("PausenetworkconnectivitySwapAssociation");
        assertThat(actions(swap)).containsExactly("ec2:ReplaceNetworkAclAssociation");
        assertThat(swap.path("Resource").toString()).isEqualTo(
                "[\"arn:aws:ec2:*:*:subnet/*\",\"arn:aws:ec2:*:*:network-acl/*\"]");
        assertThat(actions(p.path("Statement").get(0))).contains("ec2:DescribeNetworkAcls", "ec2:DescribeSubnets");
    }

    @Test
    void actionsWithoutDocumentedPermissionsAreNamed() throws Exception {
        JsonNode p = policy("aws-fault-injection-simulator-workshop-v2/az-experiment/templates/"
                + "fis-az-experiment-template.json");
        assertThat(p.path("Statement").size()).isPositive();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("fis policy: no documented permissions for action ");
    }
}
