package dev.fisengine.cloudwatch.internal;

import dev.fisengine.api.exception.ResourceNotFoundException;
import dev.fisengine.cloudwatch.CloudWatchStopConditionSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one poller of CloudWatch alarms (an engine component). Every open monitor subscribes to its alarm;
 * monitors of the same alarm (several experiments) share one subscription. Each poll reads all subscribed alarms with
 * as few {@code DescribeAlarms} calls as {@link AlarmReader} can (one per region per 100 names) and publishes the
 * result to the subscriptions; monitors only read what was published.
 *
 * <p>The background thread (a daemon, {@code fis-cloudwatch-poller-<runtimeId>}) is started when the first monitor
 * opens and stopped when the last one closes or the engine closes this component. It polls with a fixed delay of
 * {@code pollInterval} between the end of one poll and the start of the next. {@link #pollOnce()} runs one poll on
 * the caller's thread, which is how the tests drive it without waiting.
 */
public final class AlarmPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmPoller.class);
    private static final int MAX_REASON = 256;

    private final CloudWatchStopConditionSettings settings;
    private final AlarmReader reader;
    private final String runtimeId;
    private final Clock clock;

    private final Object lock = new Object();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>(); // guarded by lock
    private ScheduledExecutorService scheduler; // guarded by lock
    private ExecutorService regionPool; // guarded by lock
    private boolean closed; // guarded by lock

    private final Object pollLock = new Object();
    private final AtomicLong polls = new AtomicLong();

    /**
     * @param clock the engine's clock: each observation is stamped with it, and checks measure its age with it
     *     ({@link CloudWatchStopConditionSettings#maxObservationAge()})
     */
    public AlarmPoller(CloudWatchStopConditionSettings settings, AlarmReader reader, String runtimeId, Clock clock) {
        this.settings = settings;
        this.reader = reader;
        this.runtimeId = runtimeId;
        this.clock = clock;
    }

    /**
     * Opens a monitor of {@code arn} for one experiment. Reads the alarm at once (with the poll's retries), so that
     * the first {@code check()}, the one before the experiment starts, sees its current state.
     *
     * @throws ResourceNotFoundException when CloudWatch answers that there is no such alarm
     * @throws AlarmReadException when CloudWatch cannot be read
     */
    public AlarmMonitor open(AlarmArn arn, String experimentId) {
        Subscription subscription;
        AlarmMonitor monitor;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the CloudWatch alarm poller of engine " + runtimeId
                        + " is closed");
            }
            subscription = subscriptions.computeIfAbsent(arn.arn(), a -> new Subscription(arn));
            monitor = new AlarmMonitor(this, subscription, experimentId);
            subscription.monitors.add(monitor);
        }
        AlarmReadResult result;
        try {
            result = reader.read(List.of(arn), null).get(arn.arn());
        } catch (RuntimeException e) {
            release(monitor);
            throw e;
        }
        if (!result.isFound()) {
            release(monitor);
            if (result.missing()) {
                throw new ResourceNotFoundException("stop condition aws:cloudwatch:alarm: the alarm " + arn
                        + " does not exist: " + result.problem());
            }
            throw new AlarmReadException("stop condition aws:cloudwatch:alarm: CloudWatch alarm " + arn
                    + " could not be read before the experiment starts: " + result.problem());
        }
        publish(subscription, result);
        ensurePolling();
        return monitor;
    }

    /** Runs one poll of every subscribed alarm on the calling thread. Polls never overlap. */
    public void pollOnce() {
        synchronized (pollLock) {
            List<Subscription> subs;
            ExecutorService pool;
            synchronized (lock) {
                subs = new ArrayList<>(subscriptions.values());
                pool = regionPool;
            }
            if (subs.isEmpty()) {
                return;
            }
            List<AlarmArn> arns = new ArrayList<>(subs.size());
            for (Subscription s : subs) {
                arns.add(s.arn);
            }
            Map<String, AlarmReadResult> results = reader.read(arns, pool);
            for (Subscription s : subs) {
                AlarmReadResult r = results.get(s.arn.arn());
                publish(s, r != null ? r : AlarmReadResult.failed(s.arn, "no result for the alarm"));
            }
            polls.incrementAndGet();
        }
    }

    /** How many polls have completed (background and {@link #pollOnce()}). */
    public long completedPolls() {
        return polls.get();
    }

    /** Whether the background thread is running (some monitor is open). */
    public boolean isPolling() {
        synchronized (lock) {
            return scheduler != null;
        }
    }

    /** How many distinct alarms are watched. */
    public int subscribedAlarms() {
        synchronized (lock) {
            return subscriptions.size();
        }
    }

    private void publish(Subscription s, AlarmReadResult r) {
        Instant now = clock.instant();
        synchronized (s) {
            if (r.isFound()) {
                s.latest = new Observation(r.state(), null, 0, now);
                if (r.state().inAlarm()) {
                    for (AlarmMonitor m : s.monitors) {
                        m.alarmSeen(r.state());
                    }
                }
            } else {
                Observation previous = s.latest;
                int failures = previous.problem() == null ? 1 : previous.consecutiveFailures() + 1;
                String problem = r.missing() ? "the alarm no longer exists: " + r.problem() : r.problem();
                s.latest = new Observation(previous.state(), problem, failures, now);
                if (failures == 1 || failures == settings.failuresBeforeStop()) {
                    LOG.warn("CloudWatch alarm {} could not be read ({} consecutive failed poll(s)): {}", s.arn,
                            failures, problem);
                }
            }
        }
    }

    private void ensurePolling() {
        synchronized (lock) {
            if (closed || scheduler != null || subscriptions.isEmpty()) {
                return;
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(daemon("fis-cloudwatch-poller-" + runtimeId));
            regionPool = Executors.newCachedThreadPool(daemon("fis-cloudwatch-reader-" + runtimeId));
            long interval = settings.pollInterval().toNanos();
            scheduler.scheduleWithFixedDelay(this::pollInBackground, interval, interval, TimeUnit.NANOSECONDS);
        }
    }

    private void pollInBackground() {
        try {
            pollOnce();
        } catch (RuntimeException | Error e) {
            // A scheduled task that throws is never run again: keep polling, and let the failure show in the log.
            LOG.error("polling CloudWatch alarms failed", e);
        }
    }

    void release(AlarmMonitor monitor) {
        synchronized (lock) {
            Subscription s = monitor.subscription();
            s.monitors.remove(monitor);
            if (s.monitors.isEmpty() && subscriptions.get(s.arn.arn()) == s) {
                subscriptions.remove(s.arn.arn());
            }
            if (subscriptions.isEmpty()) {
                stopPolling(false);
            }
        }
    }

    private void stopPolling(boolean now) {
        // guarded by lock
        if (scheduler == null) {
            return;
        }
        if (now) {
            scheduler.shutdownNow();
            regionPool.shutdownNow();
        } else {
            scheduler.shutdown();
            regionPool.shutdown();
        }
        scheduler = null;
        regionPool = null;
    }

    CloudWatchStopConditionSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    static String shorten(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            subscriptions.clear();
            stopPolling(true);
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            int i = n.incrementAndGet();
            Thread t = new Thread(r, i == 1 ? prefix : prefix + "-" + i);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * The latest poll of one alarm: its last known state, and the problem of the latest read (null when it
     * succeeded) with the number of consecutive failed polls, and when (engine clock) it was published.
     */
    record Observation(AlarmState state, String problem, int consecutiveFailures, Instant at) {}

    /** One watched alarm and the monitors that watch it. */
    static final class Subscription {
        final AlarmArn arn;
        final List<AlarmMonitor> monitors = new CopyOnWriteArrayList<>();
        volatile Observation latest = new Observation(null, null, 0, null);

        Subscription(AlarmArn arn) {
            this.arn = arn;
        }
    }
}
