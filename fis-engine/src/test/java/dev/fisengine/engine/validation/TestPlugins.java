package dev.fisengine.engine.validation;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.Identification;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.StopConditionStatus;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import dev.fisengine.engine.builtin.NoneStopConditionProvider;
import dev.fisengine.engine.builtin.WaitActionProvider;
import dev.fisengine.engine.plugins.Plugins;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * A small plugin set that mirrors a few real FIS actions and target types, so the validator's rules can be tested in
 * fis-engine (which cannot depend on the AWS catalog).
 */
final class TestPlugins {
    private TestPlugins() {}

    static final Plugins PLUGINS = build();

    private static ParameterDescriptor duration(String name, boolean required) {
        ParameterDescriptor.Builder b = ParameterDescriptor.builder(name, ParameterFormat.DURATION)
                .durations(Duration.ofSeconds(1), Duration.ofHours(12))
                .awsMinDuration(Duration.ofMinutes(1));
        return (required ? b.required() : b).build();
    }

    private static Plugins build() {
        Plugins.Builder b = Plugins.builder()
                .action(new WaitActionProvider())
                .stopCondition(new NoneStopConditionProvider());
        b.action(action(ActionDescriptor.builder("aws:ec2:stop-instances")
                .description("Stop the specified EC2 instances.")
                .target(TargetKeyDescriptor.of("Instances", "aws:ec2:instance").withMaxResources(5))
                .parameter(duration("startInstancesAfterDuration", false))
                .parameter(ParameterDescriptor.builder("completeIfInstancesTerminated", ParameterFormat.BOOLEAN)
                        .build())));
        b.action(action(ActionDescriptor.builder("aws:ec2:reboot-instances")
                .target(TargetKeyDescriptor.of("Instances", "aws:ec2:instance"))
                .executable(false)));
        b.action(action(ActionDescriptor.builder("aws:fis:inject-api-throttle-error")
                .target(TargetKeyDescriptor.of("Roles", "aws:iam:role"))
                .parameter(duration("duration", true))
                .parameter(ParameterDescriptor.builder("service", ParameterFormat.STRING).required()
                        .pattern("[a-z][a-z0-9-]*").awsAllowedValues("ec2", "kinesis").build())
                .parameter(ParameterDescriptor.builder("operations", ParameterFormat.LIST).required()
                        .pattern("[A-Z][A-Za-z0-9]*").build())
                .parameter(ParameterDescriptor.builder("percentage", ParameterFormat.INTEGER).required()
                        .range(1, 100).build())
                .durationParameter("duration")));
        b.action(action(ActionDescriptor.builder("aws:ec2:api-insufficient-instance-capacity-error")
                .target(TargetKeyDescriptor.of("Roles", "aws:iam:role").withIdentification(Identification.ARNS))
                .parameter(duration("duration", true))
                .parameter(ParameterDescriptor.builder("availabilityZoneIdentifiers", ParameterFormat.LIST)
                        .required().maxItems(3).build())
                .parameter(ParameterDescriptor.builder("percentage", ParameterFormat.INTEGER).required()
                        .range(1, 100).build())
                .durationParameter("duration")));
        b.action(action(ActionDescriptor.builder("aws:eks:pod-delete")
                .target(TargetKeyDescriptor.of("Pods", "aws:eks:pod"))
                .parameter(ParameterDescriptor.builder("kubernetesServiceAccount", ParameterFormat.STRING)
                        .required().build())
                .parameter(ParameterDescriptor.builder("gracePeriodSeconds", ParameterFormat.INTEGER).minimum(0)
                        .build())
                .parameter(ParameterDescriptor.builder("fisPodSecurityPolicy", ParameterFormat.ENUM)
                        .allowedValues("privileged", "baseline", "restricted").build())));
        b.action(action(ActionDescriptor.builder("aws:ssm:start-automation-execution")
                .parameter(ParameterDescriptor.builder("documentArn", ParameterFormat.ARN).required().build())
                .parameter(ParameterDescriptor.builder("documentParameters", ParameterFormat.JSON).build())
                .parameter(duration("maxDuration", true))
                .durationParameter("maxDuration")));
        b.action(action(ActionDescriptor.builder("aws:ebs:volume-io-latency")
                .target(TargetKeyDescriptor.of("Volumes", "aws:ec2:ebs-volume"))
                .parameter(ParameterDescriptor.builder("readIOPercentage", ParameterFormat.NUMBER).range(0.1, 100)
                        .build())
                .parameter(duration("duration", true))
                .durationParameter("duration")));
        b.action(action(ActionDescriptor.builder("aws:cloudwatch:assert-alarm-state")
                .parameter(ParameterDescriptor.builder("alarmArns", ParameterFormat.ARN_LIST).required().maxItems(5)
                        .build())
                .parameter(ParameterDescriptor.builder("alarmStates", ParameterFormat.LIST).required()
                        .allowedValues("OK", "ALARM", "INSUFFICIENT_DATA").build())));
        b.action(action(ActionDescriptor.builder("fisengine:inject-api-latency")
                .target(TargetKeyDescriptor.of("Roles", "aws:iam:role").optional())
                .parameter(duration("duration", true))
                .durationParameter("duration")));
        b.action(action(ActionDescriptor.builder("aws:elasticache:interrupt-cluster-az-power")
                .target(TargetKeyDescriptor.of("ReplicationGroups", "aws:elasticache:redis-replicationgroup"))
                .parameter(duration("duration", true))
                .deprecatedBy("aws:elasticache:replicationgroup-interrupt-az-power")
                .executable(false)));
        b.resolver(resolver(TargetTypeDescriptor.of("aws:ec2:instance", "EC2 instances")));
        b.resolver(resolver(TargetTypeDescriptor.of("aws:iam:role", "IAM roles")));
        b.resolver(resolver(new TargetTypeDescriptor("aws:eks:pod", "Kubernetes pods", List.of(
                ParameterDescriptor.builder("clusterIdentifier", ParameterFormat.STRING).required().build(),
                ParameterDescriptor.builder("namespace", ParameterFormat.STRING).required().build(),
                ParameterDescriptor.builder("selectorType", ParameterFormat.ENUM).required()
                        .allowedValues("labelSelector", "deploymentName", "podName").build(),
                ParameterDescriptor.builder("selectorValue", ParameterFormat.STRING).required().build()),
                EnumSet.of(Identification.PARAMETERS), null)));
        b.resolver(resolver(new TargetTypeDescriptor("aws:ec2:ebs-volume", "EBS volumes", List.of(
                ParameterDescriptor.builder("availabilityZoneIdentifier", ParameterFormat.STRING).build()),
                EnumSet.of(Identification.ARNS, Identification.TAGS, Identification.FILTERS), null)));
        b.resolver(resolver(new TargetTypeDescriptor("aws:elasticache:redis-replicationgroup", "legacy", List.of(),
                EnumSet.of(Identification.ARNS, Identification.TAGS), "aws:elasticache:replicationgroup")));
        b.stopCondition(stop(new StopConditionDescriptor("aws:cloudwatch:alarm", "alarm", true,
                "arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\\d{12}:alarm:.+", "a CloudWatch alarm ARN")));
        b.stopCondition(stop(new StopConditionDescriptor("test:flag", "an in-memory flag", true, "[a-z]+",
                "a lower-case flag name")));
        return b.build();
    }

    private static ActionProvider action(ActionDescriptor.Builder builder) {
        ActionDescriptor d = builder.build();
        return new ActionProvider() {
            @Override
            public ActionDescriptor descriptor() {
                return d;
            }

            @Override
            public void start(ActionContext context) {
                // validation tests never run actions
            }
        };
    }

    private static TargetResolverProvider resolver(TargetTypeDescriptor d) {
        return new TargetResolverProvider() {
            @Override
            public TargetTypeDescriptor descriptor() {
                return d;
            }

            @Override
            public List<TargetResource> resolve(TargetQuery query) {
                return List.of();
            }
        };
    }

    private static StopConditionProvider stop(StopConditionDescriptor d) {
        return new StopConditionProvider() {
            @Override
            public StopConditionDescriptor descriptor() {
                return d;
            }

            @Override
            public StopConditionMonitor open(StopConditionContext context) {
                return StopConditionStatus::ok;
            }
        };
    }
}
