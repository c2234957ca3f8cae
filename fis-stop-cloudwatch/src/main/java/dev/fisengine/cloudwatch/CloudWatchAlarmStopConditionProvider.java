package dev.fisengine.cloudwatch;

import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.cloudwatch.internal.AlarmArn;
import dev.fisengine.cloudwatch.internal.Components;

/**
 * The {@code aws:cloudwatch:alarm} stop condition: the template's {@code stopConditions[].source}, with the alarm
 * ARN as {@code stopConditions[].value}. The alarm's region and account come from its ARN.
 *
 * <p>Opening a monitor reads the alarm at once: an alarm that does not exist fails the start with a
 * {@link dev.fisengine.api.exception.ResourceNotFoundException}, an alarm already in {@code ALARM} makes the first
 * check (before the experiment starts) report a trigger naming it. While the experiment runs, the engine's one
 * poller reads all watched alarms every {@link CloudWatchStopConditionSettings#pollInterval()} with one
 * {@code DescribeAlarms} call per region per 100 alarms, shared by all experiments; the first poll that sees
 * {@code ALARM} triggers. When CloudWatch cannot be read, checks throw (the engine counts them) and after
 * {@link CloudWatchStopConditionSettings#failuresBeforeStop()} failed polls in a row the monitor triggers itself.
 * See {@code docs/stop-conditions.md}.
 */
public final class CloudWatchAlarmStopConditionProvider implements StopConditionProvider {
    /** The {@code stopConditions[].source} this provider answers for. */
    public static final String SOURCE = "aws:cloudwatch:alarm";

    private static final StopConditionDescriptor DESCRIPTOR = new StopConditionDescriptor(SOURCE,
            "Stops the experiment when the CloudWatch alarm is in the ALARM state, and prevents it from starting"
                    + " when the alarm is already in ALARM.",
            true, AlarmArn.PATTERN, "a CloudWatch alarm ARN (" + AlarmArn.FORM + ")");

    @Override
    public StopConditionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public StopConditionMonitor open(StopConditionContext context) {
        AlarmArn arn;
        try {
            arn = AlarmArn.parse(context.value(), "stopConditions[source=" + SOURCE + "].value");
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage());
        }
        return Components.poller(context.runtime()).open(arn, context.experimentId());
    }
}
