package dev.fisengine.aws.actions.functional;

import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.StopConditionStatus;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory stand-in for {@code aws:cloudwatch:alarm} (the source the public templates use; its real provider
 * lives in fis-stop-cloudwatch): an alarm ARN is in alarm once {@link #alarm} was called for it.
 */
final class AlarmStopCondition implements StopConditionProvider {
    private final Set<String> inAlarm = ConcurrentHashMap.newKeySet();

    void alarm(String alarmArn) {
        inAlarm.add(alarmArn);
    }

    @Override
    public StopConditionDescriptor descriptor() {
        return new StopConditionDescriptor("aws:cloudwatch:alarm", "in-memory CloudWatch alarms for tests", true,
                "arn:[^:]+:cloudwatch:.+:alarm:.+", "a CloudWatch alarm ARN");
    }

    @Override
    public StopConditionMonitor open(StopConditionContext context) {
        String arn = context.value();
        return () -> inAlarm.contains(arn) ? StopConditionStatus.triggered("alarm " + arn + " is in ALARM")
                : StopConditionStatus.ok();
    }
}
