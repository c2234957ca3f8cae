package dev.fisengine.cloudwatch.internal;

import dev.fisengine.cloudwatch.CloudWatchStopConditionSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ApiName;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Reads the states of alarms with as few {@code DescribeAlarms} calls as possible: the alarms are grouped by region
 * (one client each), and each group is asked for in calls of at most {@value #MAX_NAMES_PER_CALL} names (the API's
 * limit on {@code AlarmNames}), following {@code NextToken}. Results are matched on the whole ARN, so an alarm of the
 * same name in another account is not taken for the one asked for.
 *
 * <p>Single blips are retried here: a call is tried up to {@code attemptsPerPoll} times, pausing
 * {@code retryBackoff}, doubled each time, in between. Only when every attempt failed are the group's alarms reported
 * as failed reads.
 */
public final class AlarmReader {
    /** The most alarm names {@code DescribeAlarms} takes in one call. */
    public static final int MAX_NAMES_PER_CALL = 100;

    /**
     * The API name added to every request this module sends (it also shows in the User-Agent), so that the stop
     * condition's own calls can be told apart in CloudWatch's and a proxy's logs.
     */
    public static final ApiName API_NAME = ApiName.builder().name("fisengine-stop-condition").version("1").build();

    /**
     * The exemption marker, also added to every request this module sends: SDK fault injection
     * ({@code fis-actions-aws}: {@code FisSdk.EXEMPT_API_NAME}, the same string; this module does not depend on
     * it) never hits a request whose User-Agent carries it, even when the client is instrumented, explicitly or by
     * zero-code instrumentation. So an experiment that throttles {@code cloudwatch} cannot blind its own stop
     * condition.
     */
    public static final ApiName EXEMPT_API_NAME = ApiName.builder().name("fisengine-exempt").version("1").build();

    private final CloudWatchClients clients;
    private final CloudWatchStopConditionSettings settings;
    private final Clock clock;

    public AlarmReader(CloudWatchClients clients, CloudWatchStopConditionSettings settings, Clock clock) {
        this.clients = clients;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Reads every alarm in {@code arns}; the regions are read in parallel on {@code pool} when it is given and there
     * are several, else one after the other on this thread. Never throws for CloudWatch's errors: they come back as
     * failed results.
     *
     * @return one result per distinct ARN, keyed by ARN
     */
    public Map<String, AlarmReadResult> read(Collection<AlarmArn> arns, ExecutorService pool) {
        Map<String, List<AlarmArn>> byRegion = new LinkedHashMap<>();
        Map<String, AlarmArn> distinct = new LinkedHashMap<>();
        for (AlarmArn arn : arns) {
            if (distinct.putIfAbsent(arn.arn(), arn) == null) {
                byRegion.computeIfAbsent(arn.region(), r -> new ArrayList<>()).add(arn);
            }
        }
        Map<String, AlarmReadResult> results = new HashMap<>();
        if (pool == null || byRegion.size() < 2) {
            byRegion.forEach((region, group) -> results.putAll(readRegion(region, group)));
            return results;
        }
        List<Callable<Map<String, AlarmReadResult>>> tasks = new ArrayList<>();
        byRegion.forEach((region, group) -> tasks.add(() -> readRegion(region, group)));
        List<Future<Map<String, AlarmReadResult>>> futures;
        try {
            futures = pool.invokeAll(tasks);
        } catch (RejectedExecutionException ex) {
            // The pool was shut down (the last monitor closed meanwhile): finish this read here.
            byRegion.forEach((region, group) -> results.putAll(readRegion(region, group)));
            return results;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return failAll(distinct.values(), "interrupted while reading CloudWatch");
        }
        int i = 0;
        for (Map.Entry<String, List<AlarmArn>> e : byRegion.entrySet()) {
            Future<Map<String, AlarmReadResult>> f = futures.get(i++);
            try {
                results.putAll(f.get());
            } catch (ExecutionException ex) {
                results.putAll(failAll(e.getValue(), "reading region " + e.getKey() + " failed: "
                        + describe(ex.getCause())));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                results.putAll(failAll(e.getValue(), "interrupted while reading CloudWatch"));
            }
        }
        return results;
    }

    private Map<String, AlarmReadResult> readRegion(String region, List<AlarmArn> group) {
        Map<String, AlarmReadResult> results = new HashMap<>();
        CloudWatchClient client;
        try {
            client = clients.client(Region.of(region));
        } catch (RuntimeException e) {
            return failAll(group, "no CloudWatch client for region " + region + ": " + describe(e));
        }
        List<AlarmArn> ordered = new ArrayList<>(group);
        for (int from = 0; from < ordered.size(); ) {
            // A chunk holds at most MAX_NAMES_PER_CALL distinct names (two accounts may share a name).
            Set<String> names = new LinkedHashSet<>();
            int to = from;
            while (to < ordered.size()
                    && (names.size() < MAX_NAMES_PER_CALL || names.contains(ordered.get(to).name()))) {
                names.add(ordered.get(to).name());
                to++;
            }
            List<AlarmArn> chunk = ordered.subList(from, to);
            results.putAll(readChunk(client, region, chunk, names));
            from = to;
        }
        return results;
    }

    private Map<String, AlarmReadResult> readChunk(
            CloudWatchClient client, String region, List<AlarmArn> chunk, Set<String> names) {
        Map<String, AlarmState> found;
        try {
            found = describeWithRetries(client, region, names);
        } catch (ReadFailure e) {
            return failAll(chunk, e.getMessage());
        }
        Map<String, AlarmReadResult> results = new HashMap<>();
        for (AlarmArn arn : chunk) {
            AlarmState state = found.get(arn.arn());
            if (state != null) {
                results.put(arn.arn(), AlarmReadResult.found(arn, state));
                continue;
            }
            List<String> sameName = found.keySet().stream()
                    .filter(a -> a.endsWith(":alarm:" + arn.name()))
                    .collect(Collectors.toList());
            String detail = "DescribeAlarms in " + region + " returned no alarm with that ARN";
            if (!sameName.isEmpty()) {
                detail += " (an alarm named \"" + arn.name() + "\" exists as " + String.join(", ", sameName)
                        + ": are the credentials for account " + arn.account() + "?)";
            }
            results.put(arn.arn(), AlarmReadResult.missing(arn, detail));
        }
        return results;
    }

    private Map<String, AlarmState> describeWithRetries(CloudWatchClient client, String region, Set<String> names)
            throws ReadFailure {
        int attempts = settings.attemptsPerPoll();
        Duration pause = settings.retryBackoff();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return describe(client, names);
            } catch (RuntimeException e) {
                last = e;
            }
            if (attempt < attempts && !pause.isZero()) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ReadFailure("DescribeAlarms in " + region + " was interrupted after " + attempt
                            + " failed attempt(s); last error: " + describe(last));
                }
                pause = pause.multipliedBy(2);
            }
        }
        throw new ReadFailure("DescribeAlarms in " + region + " failed " + attempts
                + (attempts == 1 ? " time" : " times in a row") + "; last error: " + describe(last));
    }

    private Map<String, AlarmState> describe(CloudWatchClient client, Set<String> names) {
        Map<String, AlarmState> found = new HashMap<>();
        Instant now = clock.instant();
        String token = null;
        do {
            DescribeAlarmsRequest request = DescribeAlarmsRequest.builder()
                    .alarmNames(names)
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
                    .maxRecords(MAX_NAMES_PER_CALL)
                    .nextToken(token)
                    .overrideConfiguration(o -> o.addApiName(API_NAME).addApiName(EXEMPT_API_NAME))
                    .build();
            DescribeAlarmsResponse response = client.describeAlarms(request);
            for (MetricAlarm a : response.metricAlarms()) {
                if (a.alarmArn() != null) {
                    found.put(a.alarmArn(), new AlarmState(a.alarmArn(), a.stateValueAsString(), a.stateReason(),
                            a.stateUpdatedTimestamp(), now));
                }
            }
            for (CompositeAlarm a : response.compositeAlarms()) {
                if (a.alarmArn() != null) {
                    found.put(a.alarmArn(), new AlarmState(a.alarmArn(), a.stateValueAsString(), a.stateReason(),
                            a.stateUpdatedTimestamp(), now));
                }
            }
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
        return found;
    }

    private static Map<String, AlarmReadResult> failAll(Collection<AlarmArn> arns, String problem) {
        Map<String, AlarmReadResult> results = new HashMap<>();
        for (AlarmArn arn : arns) {
            results.put(arn.arn(), AlarmReadResult.failed(arn, problem));
        }
        return results;
    }

    /** A short description of a CloudWatch error: code, status and message, or what failed on the way. */
    static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        if (e instanceof AwsServiceException) {
            AwsServiceException se = (AwsServiceException) e;
            String code = se.awsErrorDetails() == null ? null : se.awsErrorDetails().errorCode();
            String message = se.awsErrorDetails() == null ? se.getMessage() : se.awsErrorDetails().errorMessage();
            StringBuilder sb = new StringBuilder(code == null ? "error" : code)
                    .append(" (HTTP ").append(se.statusCode());
            if (se.isThrottlingException()) {
                sb.append(", throttled");
            }
            sb.append(')');
            if (message != null && !message.isEmpty()) {
                sb.append(": ").append(message);
            }
            return sb.toString();
        }
        if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
            return "timed out: " + e.getMessage();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static final class ReadFailure extends Exception {
        ReadFailure(String message) {
            super(message, null, false, false);
        }
    }
}
