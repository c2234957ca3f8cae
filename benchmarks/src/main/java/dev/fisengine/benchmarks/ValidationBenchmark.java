package dev.fisengine.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationMode;
import dev.fisengine.engine.validation.ValidationResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + validate of one experiment template with every plugin on the classpath (the full AWS catalog), as
 * {@code fis validate} and {@code FisEngine.createExperimentTemplate(json)} do it.
 *
 * <ul>
 *   <li>{@code baselineJacksonReadTree}: Jackson parsing the same text into a tree, nothing else (the floor);
 *   <li>{@code validateJson}: the validator's bounded parse, model checks, binding and semantic rules;
 *   <li>{@code validateRequest}: the same template already bound to records (the engine API path).
 * </ul>
 *
 * Templates: {@code small} (one wait, no targets), {@code typical} (stop instances then wait, tags + filters, an
 * alarm stop condition), {@code large} (the corpus' AZ power-interruption scenario: 8 actions, 8 targets).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ValidationBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValidationBenchmark {
    private static final String SMALL = """
            {"description": "wait", "roleArn": "arn:aws:iam::111122223333:role/fis",
             "stopConditions": [{"source": "none"}], "targets": {},
             "actions": {"Wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT5S"}}}}
            """;

    private static final String TYPICAL = """
            {"description": "Stop half of the running web instances for five minutes, then wait",
             "roleArn": "arn:aws:iam::111122223333:role/fis-experiments",
             "stopConditions": [{"source": "aws:cloudwatch:alarm",
                                 "value": "arn:aws:cloudwatch:us-east-1:111122223333:alarm:web-5xx"}],
             "targets": {"web": {"resourceType": "aws:ec2:instance", "resourceTags": {"app": "web", "env": "staging"},
                                 "filters": [{"path": "State.Name", "values": ["running"]},
                                             {"path": "Placement.AvailabilityZone", "values": ["us-east-1a"]}],
                                 "selectionMode": "PERCENT(50)"}},
             "actions": {"Stop": {"actionId": "aws:ec2:stop-instances", "description": "stop",
                                  "parameters": {"startInstancesAfterDuration": "PT5M"},
                                  "targets": {"Instances": "web"}},
                         "Wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT1M"},
                                  "startAfter": ["Stop"]}},
             "logConfiguration": {"logSchemaVersion": 2,
                                  "cloudWatchLogsConfiguration": {
                                      "logGroupArn": "arn:aws:logs:us-east-1:111122223333:log-group:fis:*"}},
             "experimentOptions": {"accountTargeting": "single-account", "emptyTargetResolutionMode": "fail"},
             "tags": {"Name": "web stop"}}
            """;

    private static final String LARGE = """
            {"description": "Affect multiple resource types in a single AZ, targeting by tags and explicit ARNs, to approximate power interruption in one AZ.",
             "targets": {
               "ASG": {"resourceType": "aws:ec2:autoscaling-group", "resourceTags": {"AzImpairmentPower": "Ready"}, "selectionMode": "ALL"},
               "ASG-EC2-Instances": {"resourceType": "aws:ec2:instance", "resourceTags": {"AzImpairmentPower": "Ready"},
                 "filters": [{"path": "State.Name", "values": ["running"]}, {"path": "Placement.AvailabilityZone", "values": ["us-east-1a"]}], "selectionMode": "ALL"},
               "EBS-Volumes": {"resourceType": "aws:ec2:ebs-volume", "resourceTags": {"AzImpairmentPower": "Ready"},
                 "filters": [{"path": "Attachments.DeleteOnTermination", "values": ["false"]}], "selectionMode": "COUNT(1)",
                 "parameters": {"availabilityZoneIdentifier": "us-east-1a"}},
               "EC2-Instances": {"resourceType": "aws:ec2:instance", "resourceTags": {"AzImpairmentPower": "Ready"},
                 "filters": [{"path": "State.Name", "values": ["running"]}, {"path": "Placement.AvailabilityZone", "values": ["us-east-1a"]}], "selectionMode": "ALL"},
               "ElastiCache-Cluster": {"resourceType": "aws:elasticache:replicationgroup", "resourceTags": {"AzImpairmentPower": "Ready"},
                 "selectionMode": "ALL", "parameters": {"availabilityZoneIdentifier": "us-east-1a"}},
               "IAM-role": {"resourceType": "aws:iam:role", "resourceArns": ["arn:aws:iam::111122223333:role/fisworkshop-admin"], "selectionMode": "ALL"},
               "RDS-Cluster": {"resourceType": "aws:rds:cluster", "resourceTags": {"AzImpairmentPower": "Ready"}, "selectionMode": "ALL",
                 "parameters": {"writerAvailabilityZoneIdentifiers": "us-east-1a"}},
               "Subnet": {"resourceType": "aws:ec2:subnet", "resourceTags": {"AzImpairmentPower": "Ready"},
                 "filters": [{"path": "AvailabilityZone", "values": ["us-east-1a"]}], "selectionMode": "ALL"}},
             "actions": {
               "Failover-RDS": {"actionId": "aws:rds:failover-db-cluster", "parameters": {}, "targets": {"Clusters": "RDS-Cluster"}},
               "Pause-ASG-Scaling": {"actionId": "aws:ec2:asg-insufficient-instance-capacity-error",
                 "parameters": {"availabilityZoneIdentifiers": "us-east-1a", "duration": "PT30M", "percentage": "100"}, "targets": {"AutoScalingGroups": "ASG"}},
               "Pause-EBS-IO": {"actionId": "aws:ebs:pause-volume-io", "parameters": {"duration": "PT30M"},
                 "targets": {"Volumes": "EBS-Volumes"}, "startAfter": ["Stop-Instances", "Stop-ASG-Instances"]},
               "Pause-ElastiCache": {"actionId": "aws:elasticache:replicationgroup-interrupt-az-power", "parameters": {"duration": "PT30M"},
                 "targets": {"ReplicationGroups": "ElastiCache-Cluster"}},
               "Pause-Instance-Launches": {"actionId": "aws:ec2:api-insufficient-instance-capacity-error",
                 "parameters": {"availabilityZoneIdentifiers": "us-east-1a", "duration": "PT30M", "percentage": "100"}, "targets": {"Roles": "IAM-role"}},
               "Pause-network-connectivity": {"actionId": "aws:network:disrupt-connectivity", "parameters": {"duration": "PT2M", "scope": "all"},
                 "targets": {"Subnets": "Subnet"}},
               "Stop-ASG-Instances": {"actionId": "aws:ec2:stop-instances",
                 "parameters": {"completeIfInstancesTerminated": "true", "startInstancesAfterDuration": "PT30M"}, "targets": {"Instances": "ASG-EC2-Instances"}},
               "Stop-Instances": {"actionId": "aws:ec2:stop-instances",
                 "parameters": {"completeIfInstancesTerminated": "true", "startInstancesAfterDuration": "PT30M"}, "targets": {"Instances": "EC2-Instances"}}},
             "stopConditions": [{"source": "none"}],
             "roleArn": "arn:aws:iam::111122223333:role/fis-az-role",
             "tags": {"Name": "AZ Availability: Power Interruption"},
             "logConfiguration": {"cloudWatchLogsConfiguration": {"logGroupArn": "arn:aws:logs:us-east-1:111122223333:log-group:FISExperiments:*"},
                                  "logSchemaVersion": 2},
             "experimentOptions": {"accountTargeting": "single-account", "emptyTargetResolutionMode": "skip"}}
            """;

    @Param({"small", "typical", "large"})
    public String template;

    private String json;
    private CreateExperimentTemplateRequest request;
    private ObjectMapper mapper;
    private TemplateValidator validator;

    @Setup
    public void setUp() throws Exception {
        json = switch (template) {
            case "small" -> SMALL;
            case "typical" -> TYPICAL;
            case "large" -> LARGE;
            default -> throw new IllegalArgumentException(template);
        };
        mapper = new ObjectMapper();
        validator = TemplateValidator.create(Plugins.discovered(), ValidationMode.EMBEDDED);
        ValidationResult r = validator.validateJson(json);
        if (!r.errors().isEmpty()) {
            throw new IllegalStateException("benchmark template " + template + " is invalid: " + r.errors());
        }
        request = r.template();
    }

    @Benchmark
    public JsonNode baselineJacksonReadTree() throws Exception {
        return mapper.readTree(json);
    }

    @Benchmark
    public ValidationResult validateJson() {
        return validator.validateJson(json);
    }

    @Benchmark
    public ValidationResult validateRequest() {
        return validator.validate(request);
    }
}
