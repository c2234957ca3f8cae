package dev.fisengine.junit;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.Identification;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A test plugin, {@code fisengine:test:api-throttle}: arms a throttling {@link ApiFaultRule} in the engine's registry
 * for {@code duration} and registers its disarming as the revert step — what an {@code aws:fis:inject-api-*}
 * provider does. With {@code leaky} it forgets the revert step (for the extension's leftover check).
 */
final class ThrottleApiAction implements ActionProvider {
    static final String ID = "fisengine:test:api-throttle";
    static final String LEAKY_ID = "fisengine:test:leaky-api-throttle";

    private final ActionDescriptor descriptor;
    private final boolean leaky;

    ThrottleApiAction() {
        this(false);
    }

    ThrottleApiAction(boolean leaky) {
        this.leaky = leaky;
        this.descriptor = ActionDescriptor.builder(leaky ? LEAKY_ID : ID)
                .description("Throttles the calls of an AWS service's operations from instrumented SDK clients.")
                .parameter(ParameterDescriptor.builder("service", ParameterFormat.STRING).required()
                        .pattern("[a-z0-9-]+").description("The service, e.g. dynamodb.").build())
                .parameter(ParameterDescriptor.builder("operations", ParameterFormat.LIST)
                        .description("Operations, comma-separated; all when absent.").build())
                .parameter(ParameterDescriptor.builder("percentage", ParameterFormat.NUMBER).defaultValue("100")
                        .range(0, 100).description("Chance that an attempt is throttled.").build())
                .parameter(ParameterDescriptor.builder("duration", ParameterFormat.DURATION).required()
                        .durations(Duration.ZERO, Duration.ofHours(12)).description("How long.").build())
                .target(TargetKeyDescriptor.of("Roles", "aws:iam:role").optional()
                        .withIdentification(Identification.ARNS, Identification.TAGS))
                .durationParameter("duration")
                .build();
    }

    @Override
    public ActionDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void start(ActionContext context) {
        String ops = context.parameter("operations");
        List<TargetResource> roles = context.targets().getOrDefault("Roles", List.of());
        ApiFaultRule rule = ApiFaultRule.builder()
                .service(context.parameter("service"))
                .operations(ops == null ? List.of() : Arrays.stream(ops.split(",")).map(String::trim).toList())
                .percentage(Double.parseDouble(context.parameter("percentage")))
                .roleArns(roles.stream().map(TargetResource::arn).toList())
                .fault(ApiFault.throttle())
                .seed(42)
                .build();
        ArmedApiFault armed = ApiFaultRegistry.of(context.runtime()).arm(rule);
        if (!leaky) {
            context.onRevert(armed::close);
        }
        context.log().info("throttling " + rule.service() + " " + rule.operations());
    }
}
