package dev.fisengine.cloudwatch.internal;

import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.cloudwatch.CloudWatchStopConditionSettings;
import dev.fisengine.api.spi.StopConditionStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches one alarm for one experiment by reading what the engine's {@link AlarmPoller} last published; a
 * {@link #check()} never calls CloudWatch.
 *
 * <ul>
 *   <li>The first poll that sees the alarm in {@code ALARM} latches the monitor: every later check reports the
 *       trigger, even if the alarm flapped back to {@code OK} before the engine checked.</li>
 *   <li>When the latest observation is older than {@code maxObservationAge} (the poller has stalled), the check
 *       throws {@link AlarmReadException} like a failed read; once it is older by {@code failuresBeforeStop} more
 *       poll intervals (that many polls missed), it reports a trigger itself.</li>
 *   <li>When the latest poll failed (after its own retries), {@code check()} throws {@link AlarmReadException}, which
 *       the engine counts as a failed check; once {@code failuresBeforeStop} polls in a row have failed, it reports a
 *       trigger itself, so the experiment stops however the engine counts.</li>
 * </ul>
 */
public final class AlarmMonitor implements StopConditionMonitor {
    private final AlarmPoller poller;
    private final AlarmPoller.Subscription subscription;
    private final String experimentId;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile AlarmState alarm;

    AlarmMonitor(AlarmPoller poller, AlarmPoller.Subscription subscription, String experimentId) {
        this.poller = poller;
        this.subscription = subscription;
        this.experimentId = experimentId;
    }

    @Override
    public StopConditionStatus check() {
        AlarmState seen = alarm;
        if (seen != null) {
            return StopConditionStatus.triggered("CloudWatch alarm " + subscription.arn + " is in ALARM"
                    + (seen.stateUpdated() == null ? "" : " since " + seen.stateUpdated())
                    + (seen.stateReason().isEmpty() ? "" : ": " + AlarmPoller.shorten(seen.stateReason())));
        }
        AlarmPoller.Observation latest = subscription.latest;
        CloudWatchStopConditionSettings settings = poller.settings();
        if (latest.at() != null) {
            Duration age = Duration.between(latest.at(), poller.clock().instant());
            Duration maxAge = settings.maxObservationAge();
            if (age.compareTo(maxAge) > 0) {
                long missed = age.minus(maxAge).dividedBy(settings.pollInterval()) + 1;
                String what = "CloudWatch alarm " + subscription.arn + ": its latest observation is " + age
                        + " old, older than " + maxAge + " (" + settings.staleAfterPolls() + " poll intervals of "
                        + settings.pollInterval() + " plus the longest poll): the poller has stalled";
                if (missed >= settings.failuresBeforeStop()) {
                    return StopConditionStatus.triggered(what + ", stopping to be safe");
                }
                throw new AlarmReadException(what + "; counted as a failed read");
            }
        }
        if (latest.problem() != null) {
            int failures = latest.consecutiveFailures();
            int limit = settings.failuresBeforeStop();
            if (failures >= limit) {
                return StopConditionStatus.triggered("CloudWatch alarm " + subscription.arn
                        + " could not be read in " + failures + " consecutive poll" + (failures == 1 ? "" : "s")
                        + ", stopping to be safe: " + AlarmPoller.shorten(latest.problem()));
            }
            throw new AlarmReadException("CloudWatch alarm " + subscription.arn + " could not be read ("
                    + failures + " of " + limit + " consecutive failed polls before the experiment stops): "
                    + AlarmPoller.shorten(latest.problem()));
        }
        return StopConditionStatus.ok();
    }

    /** The alarm this monitor watches. */
    public AlarmArn alarmArn() {
        return subscription.arn;
    }

    /** The experiment it guards. */
    public String experimentId() {
        return experimentId;
    }

    void alarmSeen(AlarmState state) {
        if (alarm == null) {
            alarm = state;
        }
    }

    AlarmPoller.Subscription subscription() {
        return subscription;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            poller.release(this);
        }
    }
}
