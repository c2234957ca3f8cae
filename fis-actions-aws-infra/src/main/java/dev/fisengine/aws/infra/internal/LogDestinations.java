package dev.fisengine.aws.infra.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentLogSink;
import dev.fisengine.api.model.LogConfiguration;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.LogDestinationContext;
import dev.fisengine.api.spi.LogDestinationProvider;
import dev.fisengine.aws.infra.InfraClients;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The experiment log where AWS FIS writes it, through the engine's {@link InfraClients} (the same SDK configuration
 * as the actions): {@code logConfiguration.cloudWatchLogsConfiguration} ({@link CloudWatchLogs}) and
 * {@code logConfiguration.s3Configuration} ({@link S3}), listed in
 * {@code META-INF/services/dev.fisengine.api.spi.LogDestinationProvider}. Each record is one line of JSON, FIS log
 * schema v2, as the SLF4J sink writes it. See {@code docs/infrastructure-actions.md}, "The experiment log".
 */
public final class LogDestinations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private LogDestinations() {}

    /** How long closing the engine waits for the experiment logs still being delivered (their last batch). */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    /**
     * The engine's experiment logs still open, so that closing the engine waits (at most {@link #CLOSE_WAIT}) for
     * their last batch before its SDK clients close: a component created after {@link InfraClients}, hence closed
     * before it (components close latest first).
     */
    static final class OpenLogs implements AutoCloseable {
        private int open;

        static OpenLogs of(FisRuntime runtime) {
            return runtime.component(OpenLogs.class, r -> new OpenLogs());
        }

        synchronized void opened() {
            open++;
        }

        synchronized void closed() {
            open--;
            notifyAll();
        }

        @Override
        public synchronized void close() {
            long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
            while (open > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return; // their delivery fails and is reported: the clients close now
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * A destination's sink seeing the records in the template's {@code logSchemaVersion}: version 1 (FIS's initial
     * schema) drops the records it did not have and lists resolved targets as ARNs
     * ({@link ExperimentLogRecord#inSchemaVersion}); version 2, the engine's own, passes them through.
     */
    /** A destination's sink: flushes and ends at {@link #close}, which throws nothing. */
    interface DestinationSink extends ExperimentLogSink, AutoCloseable {
        @Override
        void close();
    }

    static final class Versioned implements DestinationSink {
        private final DestinationSink sink;
        private final Integer version;

        private Versioned(DestinationSink sink, Integer version) {
            this.sink = sink;
            this.version = version;
        }

        static DestinationSink of(DestinationSink sink, LogConfiguration c) {
            Integer version = c.logSchemaVersion();
            return version == null || version == 2 ? sink : new Versioned(sink, version);
        }

        @Override
        public void accept(ExperimentLogRecord record) {
            record.inSchemaVersion(version).ifPresent(sink::accept);
        }

        @Override
        public void close() {
            sink.close();
        }
    }

    /** Every log destination provider of this module, new instances. */
    public static List<LogDestinationProvider> all() {
        return List.of(new CloudWatchLogs(), new S3());
    }

    static String json(ExperimentLogRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write log record " + record.logType() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The record's {@code event_timestamp}, or {@code fallback} when it has none or an unreadable one. */
    static Instant eventTime(ExperimentLogRecord record, Clock fallback) {
        try {
            return record.eventTimestamp() == null ? fallback.instant()
                    : Instant.from(EVENT_TIME.parse(record.eventTimestamp()));
        } catch (DateTimeParseException e) {
            return fallback.instant();
        }
    }

    // ---- CloudWatch Logs ------------------------------------------------------------------------------------------

    /**
     * {@code logConfiguration.cloudWatchLogsConfiguration}: the records go to the log stream
     * {@code /aws/fis/<experiment-id>} (created if missing; the log group must exist, as with AWS FIS) of the group
     * that {@code logGroupArn} names, in its region, with {@code PutLogEvents} in batches: when a batch is full
     * (10,000 events or 1 MiB), when it has been held {@value #MAX_HOLD_SECONDS} s, and at the experiment's end.
     */
    public static final class CloudWatchLogs implements LogDestinationProvider {
        /** A batch older than this (real time) is sent with the next record: a long experiment's log is not held. */
        static final int MAX_HOLD_SECONDS = 5;
        static final int MAX_EVENTS = 10_000;
        static final int MAX_BYTES = 1_048_576;
        static final int EVENT_OVERHEAD = 26;

        @Override
        public String destination() {
            return CLOUDWATCH_LOGS;
        }

        @Override
        public ExperimentLogSink open(LogDestinationContext context) {
            LogConfiguration.CloudWatchLogsConfiguration c = context.configuration().cloudWatchLogsConfiguration();
            if (c == null) {
                return null;
            }
            LogGroup group = LogGroup.parse(c.logGroupArn());
            InfraClients clients = InfraClients.of(context.runtime());
            Region region = clients.regionOr(group.region());
            CloudWatchLogsClient logs = clients.logs(region);
            // before any call (and any credentials lookup): AWS's own endpoints need the opt-in
            clients.requireChangesAllowed(logs, region, "the experiment log (" + CLOUDWATCH_LOGS + ")");
            return Versioned.of(new CloudWatchSink(logs, group.name(), streamName(context.experimentId()),
                    context.runtime().clock(), OpenLogs.of(context.runtime())), context.configuration());
        }

        /** The log stream AWS FIS writes an experiment's records to. */
        public static String streamName(String experimentId) {
            return "/aws/fis/" + experimentId;
        }
    }

    /** A log group ARN's parts: {@code arn:<partition>:logs:<region>:<account>:log-group:<name>[:*]}. */
    record LogGroup(String region, String name) {
        static LogGroup parse(String arn) {
            String where = "logConfiguration.cloudWatchLogsConfiguration.logGroupArn";
            if (arn == null || arn.isBlank()) {
                throw new IllegalArgumentException(where + " is missing");
            }
            String[] parts = arn.split(":", 7);
            if (parts.length < 7 || !parts[0].equals("arn") || !parts[2].equals("logs")
                    || !parts[5].equals("log-group") || parts[6].isEmpty()) {
                throw new IllegalArgumentException(where + ": \"" + arn + "\" is not a log group ARN "
                        + "(arn:aws:logs:<region>:<account>:log-group:<name>)");
            }
            String name = parts[6].endsWith(":*") ? parts[6].substring(0, parts[6].length() - 2) : parts[6];
            return new LogGroup(parts[3], name);
        }
    }

    /** Buffers one experiment's records and sends them to its stream; a failed batch is reported, not retried. */
    static final class CloudWatchSink implements DestinationSink {
        private final CloudWatchLogsClient logs;
        private final String group;
        private final String stream;
        private final Clock clock;
        private final List<InputLogEvent> buffer = new ArrayList<>();
        private int bufferBytes;
        private long heldSince;
        private final OpenLogs openLogs;
        private boolean streamReady;
        private boolean closed;
        private int sent;

        CloudWatchSink(CloudWatchLogsClient logs, String group, String stream, Clock clock, OpenLogs openLogs) {
            this.logs = logs;
            this.group = group;
            this.stream = stream;
            this.clock = clock;
            this.openLogs = openLogs;
            openLogs.opened();
        }

        @Override
        public synchronized void accept(ExperimentLogRecord record) {
            String line = json(record);
            int bytes = line.getBytes(StandardCharsets.UTF_8).length + CloudWatchLogs.EVENT_OVERHEAD;
            if (!buffer.isEmpty() && (buffer.size() == CloudWatchLogs.MAX_EVENTS
                    || bufferBytes + bytes > CloudWatchLogs.MAX_BYTES)) {
                flush();
            }
            if (buffer.isEmpty()) {
                heldSince = System.nanoTime();
            }
            buffer.add(InputLogEvent.builder().timestamp(eventTime(record, clock).toEpochMilli()).message(line)
                    .build());
            bufferBytes += bytes;
            if (System.nanoTime() - heldSince >= Duration.ofSeconds(CloudWatchLogs.MAX_HOLD_SECONDS).toNanos()) {
                flush();
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                flush();
            } finally {
                openLogs.closed();
            }
        }

        private void flush() {
            if (buffer.isEmpty()) {
                return;
            }
            List<InputLogEvent> batch = List.copyOf(buffer);
            buffer.clear();
            bufferBytes = 0;
            try {
                if (!streamReady) {
                    try {
                        logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
                    } catch (ResourceAlreadyExistsException e) {
                        // an earlier engine (or run) created it: append
                    }
                    streamReady = true;
                }
                PutLogEventsResponse response = logs.putLogEvents(r -> r.logGroupName(group).logStreamName(stream)
                        .logEvents(batch));
                RejectedLogEventsInfo rejected = response.rejectedLogEventsInfo();
                if (rejected != null && (rejected.tooOldLogEventEndIndex() != null
                        || rejected.tooNewLogEventStartIndex() != null || rejected.expiredLogEventEndIndex() != null)) {
                    throw new IllegalStateException("CloudWatch Logs rejected events of " + group + " " + stream
                            + " (" + rejected + "): their timestamps are outside what it accepts");
                }
                sent += batch.size();
            } catch (RuntimeException e) {
                throw new IllegalStateException("PutLogEvents to log group " + group + ", stream " + stream + " failed ("
                        + batch.size() + " records not delivered): " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return "CloudWatch Logs " + group + " " + stream + " (" + sent + " records sent)";
        }
    }

    // ---- S3 -------------------------------------------------------------------------------------------------------

    /**
     * {@code logConfiguration.s3Configuration}: the records go, as JSON lines, to objects with AWS FIS's key layout,
     * {@code [<prefix>/]AWSLogs/<account-id>/fis/<region>/<experiment-id>/YYYY/MM/DD/<account-id>_awsfislogs_<region>_
     * <experiment-id>_<YYYYMMDDHHMM>Z_<hash>.log} (date and time of the delivery on the engine's clock, hash of the
     * content), with {@code PutObject}: one object at the experiment's end, and one more whenever a buffer has grown
     * past 5 MiB.
     */
    public static final class S3 implements LogDestinationProvider {
        static final int MAX_OBJECT_BYTES = 5 * 1024 * 1024;

        @Override
        public String destination() {
            return LogDestinationProvider.S3;
        }

        @Override
        public ExperimentLogSink open(LogDestinationContext context) {
            LogConfiguration.S3Configuration c = context.configuration().s3Configuration();
            if (c == null) {
                return null;
            }
            if (c.bucketName() == null || c.bucketName().isBlank()) {
                throw new IllegalArgumentException("logConfiguration.s3Configuration.bucketName is missing");
            }
            InfraClients clients = InfraClients.of(context.runtime());
            Region region = clients.defaultRegion();
            S3Client s3 = clients.s3(region);
            clients.requireChangesAllowed(s3, region, "the experiment log (" + LogDestinationProvider.S3 + ")");
            return Versioned.of(new S3Sink(s3, c.bucketName(), c.prefix(), context.accountId(), context.region(),
                    context.experimentId(), context.runtime().clock(), OpenLogs.of(context.runtime())),
                    context.configuration());
        }

        /** The key AWS FIS gives an experiment's log object delivered at {@code at}. */
        public static String key(String prefix, String accountId, String region, String experimentId, Instant at,
                String hash) {
            String p = prefix == null || prefix.isBlank() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
            String day = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC).format(at);
            String minute = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC).format(at);
            return p + "AWSLogs/" + accountId + "/fis/" + region + "/" + experimentId + "/" + day + "/" + accountId
                    + "_awsfislogs_" + region + "_" + experimentId + "_" + minute + "Z_" + hash + ".log";
        }
    }

    static final class S3Sink implements DestinationSink {
        private final S3Client s3;
        private final String bucket;
        private final String prefix;
        private final String accountId;
        private final String region;
        private final String experimentId;
        private final Clock clock;
        private final StringBuilder buffer = new StringBuilder();
        private final List<String> keys = new ArrayList<>();
        private final OpenLogs openLogs;
        private boolean closed;

        S3Sink(S3Client s3, String bucket, String prefix, String accountId, String region, String experimentId,
                Clock clock, OpenLogs openLogs) {
            this.s3 = s3;
            this.bucket = bucket;
            this.prefix = prefix;
            this.accountId = accountId;
            this.region = region;
            this.experimentId = experimentId;
            this.clock = clock;
            this.openLogs = openLogs;
            openLogs.opened();
        }

        @Override
        public synchronized void accept(ExperimentLogRecord record) {
            buffer.append(json(record)).append('\n');
            if (buffer.length() >= S3.MAX_OBJECT_BYTES) {
                flush();
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                flush();
            } finally {
                openLogs.closed();
            }
        }

        private void flush() {
            if (buffer.length() == 0) {
                return;
            }
            byte[] content = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer.setLength(0);
            String key = S3.key(prefix, accountId, region, experimentId, clock.instant(), hash(content));
            try {
                s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/x-ndjson"),
                        RequestBody.fromBytes(content));
                keys.add(key);
            } catch (RuntimeException e) {
                throw new IllegalStateException("PutObject s3://" + bucket + "/" + key + " failed (the experiment "
                        + "log's records in it not delivered): " + e.getMessage(), e);
            }
        }

        private static String hash(byte[] content) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 4);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "S3 s3://" + bucket + " " + keys;
        }
    }
}
