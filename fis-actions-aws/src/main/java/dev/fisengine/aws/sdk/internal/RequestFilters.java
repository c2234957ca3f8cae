package dev.fisengine.aws.sdk.internal;

import dev.fisengine.aws.sdk.RequestFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * Decides {@link RequestFilter}s against the SDK request of an attempt, and remembers which Kinesis stream each shard
 * iterator this engine saw returned belongs to (a {@code GetRecords} request may name its stream only through the
 * iterator, which is opaque). Called only for attempts that an armed rule with a filter matches by service,
 * operation and role; iterators are recorded only while such a rule is armed ({@link FaultIndex#tracksIterators}).
 */
final class RequestFilters {
    /** The most iterators remembered (least recently used dropped first): a few per shard of a busy consumer. */
    static final int MAX_ITERATORS = 16_384;

    /** The stream a request names: its ARN if it gives one, else its name in the client's Region. */
    record StreamRef(String arn, String name, String region) {}

    private static final Map<String, StreamRef> ITERATORS = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StreamRef> eldest) {
            return size() > MAX_ITERATORS;
        }
    };

    private RequestFilters() {}

    /** Whether {@code filter} admits the attempt {@code target}; a target with no SDK request is not admitted. */
    static boolean matches(RequestFilter filter, CallTarget target) {
        if (filter == null) {
            return true;
        }
        if (target == null || target.sdkRequest == null) {
            return false;
        }
        if (filter instanceof RequestFilter.KinesisStreams streams) {
            StreamRef ref = streamOf(target.sdkRequest, target.region);
            return ref != null && matches(streams, ref);
        }
        return matches((RequestFilter.AvailabilityZones) filter, target.sdkRequest);
    }

    static boolean matches(RequestFilter.KinesisStreams filter, StreamRef ref) {
        if (ref.arn() != null) {
            return filter.streamArns().contains(ref.arn());
        }
        for (String arn : filter.streamArns()) {
            String[] parts = arn.split(":", 6);
            if (parts[5].substring("stream/".length()).equals(ref.name())
                    && (ref.region() == null || parts[3].equals(ref.region()))) {
                return true;
            }
        }
        return false;
    }

    /** The stream the request names: {@code StreamARN}, {@code StreamName}, or a known {@code ShardIterator}. */
    static StreamRef streamOf(SdkRequest request, String region) {
        String arn = field(request, "StreamARN");
        if (arn != null) {
            return new StreamRef(arn, null, region);
        }
        String name = field(request, "StreamName");
        if (name != null) {
            return new StreamRef(null, name, region);
        }
        String iterator = field(request, "ShardIterator");
        if (iterator != null) {
            synchronized (ITERATORS) {
                return ITERATORS.get(iterator);
            }
        }
        return null;
    }

    /**
     * Records the stream of the iterators a successful call returned: {@code GetShardIterator}'s
     * {@code ShardIterator}, {@code GetRecords}' {@code NextShardIterator} (the stream of the request's iterator).
     */
    static void observe(String operation, SdkRequest request, SdkResponse response, String region) {
        String key = "GetShardIterator".equals(operation) ? "ShardIterator"
                : "GetRecords".equals(operation) ? "NextShardIterator" : null;
        if (key == null || response == null) {
            return;
        }
        String iterator = field(response, key);
        if (iterator == null) {
            return;
        }
        StreamRef ref = streamOf(request, region);
        if (ref != null) {
            synchronized (ITERATORS) {
                ITERATORS.put(iterator, ref);
            }
        }
    }

    /** {@link #observe} for a finished call, from an interceptor's {@code afterExecution}; never throws. */
    static void observe(software.amazon.awssdk.core.interceptor.Context.AfterExecution context,
            software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
        try {
            String operation = attributes.getAttribute(
                    software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME);
            software.amazon.awssdk.regions.Region region = attributes.getAttribute(
                    software.amazon.awssdk.awscore.AwsExecutionAttribute.AWS_REGION);
            observe(operation, context.request(), context.response(), region == null ? null : region.id());
        } catch (RuntimeException e) {
            HotPathLog.warn("recording a Kinesis shard iterator failed; GetRecords with it may not be faulted", e);
        }
    }

    /** Forgets every iterator (tests). */
    static void forgetIterators() {
        synchronized (ITERATORS) {
            ITERATORS.clear();
        }
    }

    private static boolean matches(RequestFilter.AvailabilityZones filter, SdkRequest request) {
        boolean named = false;
        for (String az : zones(request)) {
            named = true;
            if (filter.identifiers().contains(az)) {
                return true;
            }
        }
        return !named; // the request names no AZ: it cannot be placed offline, so it is hit (docs/sdk-faults.md)
    }

    /** The AZ names and IDs an EC2 capacity request names. */
    private static List<String> zones(SdkRequest request) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(2);
        addZones(request, out);
        request.getValueForField("Placement", SdkPojo.class).ifPresent(p -> addZones(p, out));
        for (Object config : listField(request, "LaunchTemplateConfigs")) {
            if (config instanceof SdkPojo c) {
                for (Object override : listField(c, "Overrides")) {
                    if (override instanceof SdkPojo o) {
                        addZones(o, out);
                    }
                }
            }
        }
        return out;
    }

    private static List<?> listField(SdkPojo pojo, String name) {
        return pojo.sdkFields().stream().filter(f -> f.memberName().equals(name)).findFirst()
                .map(f -> f.getValueOrDefault(pojo)).filter(List.class::isInstance).map(v -> (List<?>) v)
                .orElse(List.of());
    }

    private static void addZones(Object pojo, List<String> out) {
        for (String name : new String[] {"AvailabilityZone", "AvailabilityZoneId"}) {
            String v = pojo instanceof SdkRequest r ? field(r, name) : pojo instanceof SdkPojo p ? field(p, name)
                    : null;
            if (v != null && !v.isEmpty()) {
                out.add(v);
            }
        }
    }

    private static String field(SdkRequest request, String name) {
        return request.getValueForField(name, String.class).orElse(null);
    }

    private static String field(SdkResponse response, String name) {
        return response.getValueForField(name, String.class).orElse(null);
    }

    private static String field(SdkPojo pojo, String name) {
        return pojo.sdkFields().stream().filter(f -> f.memberName().equals(name)).findFirst()
                .map(f -> f.getValueOrDefault(pojo)).filter(String.class::isInstance).map(String.class::cast)
                .orElse(null);
    }
}
