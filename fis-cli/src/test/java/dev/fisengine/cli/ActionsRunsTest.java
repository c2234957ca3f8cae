package dev.fisengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code fis actions} says which actions run: the caller-side EC2 capacity and Kinesis stream faults do. */
class ActionsRunsTest {
    @Test
    void theCallerSideApiFaultsRun() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(FisCli.execute(new String[] {"actions", "--json"}, out, new ByteArrayOutputStream())).isZero();
        Map<String, Boolean> executable = new HashMap<>();
        for (JsonNode a : new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8))) {
            executable.put(a.get("id").asText(), a.get("executable").asBoolean());
        }
        assertThat(executable).containsEntry("aws:ec2:api-insufficient-instance-capacity-error", true)
                .containsEntry("aws:kinesis:stream-provisioned-throughput-exception", true)
                .containsEntry("aws:kinesis:stream-expired-iterator-exception", true)
                .containsEntry("aws:fis:inject-api-throttle-error", true)
                .containsEntry("aws:ec2:asg-insufficient-instance-capacity-error", false);
    }
}
