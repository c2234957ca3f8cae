package dev.fisengine.aws.sdk;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which requests of a matching call a rule hits, by what the request names: the resources of the FIS actions whose
 * targets are not roles ({@code aws:kinesis:stream-*}: the target streams) or whose parameters narrow the requests
 * ({@code aws:ec2:api-insufficient-instance-capacity-error}: the Availability Zones). Decided only for attempts the
 * rule's service, operations and roles already match. See {@code docs/sdk-faults.md#request-filters}.
 */
public sealed interface RequestFilter permits RequestFilter.KinesisStreams, RequestFilter.AvailabilityZones {

    /**
     * Requests naming one of these Kinesis data streams: by {@code StreamARN} (the same ARN), by {@code StreamName}
     * (the ARN's stream name, in the ARN's Region when the client's Region is known), or, for {@code GetRecords}
     * requests that name no stream, by a {@code ShardIterator} this engine saw returned for one of the streams
     * ({@code GetShardIterator}, or a {@code GetRecords} response's {@code NextShardIterator}) while the rule was
     * armed. A request that names no stream this way is not hit.
     *
     * @param streamArns stream ARNs, {@code arn:<partition>:kinesis:<region>:<account>:stream/<name>}
     */
    record KinesisStreams(Set<String> streamArns) implements RequestFilter {
        public KinesisStreams {
            streamArns = copy(streamArns, "streamArns");
            for (String arn : streamArns) {
                String[] parts = arn.split(":", 6);
                if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("kinesis")
                        || !parts[5].startsWith("stream/") || parts[5].length() == "stream/".length()) {
                    throw new IllegalArgumentException("streamArns: \"" + arn + "\" is not a Kinesis stream ARN "
                            + "(arn:aws:kinesis:<region>:<account>:stream/<name>)");
                }
            }
        }

        /** A filter for these stream ARNs. */
        public static KinesisStreams of(Collection<String> streamArns) {
            return new KinesisStreams(streamArns == null ? Set.of() : new LinkedHashSet<>(streamArns));
        }
    }

    /**
     * EC2 capacity requests in one of these Availability Zones, named by AZ name ({@code us-east-1a}) or AZ ID
     * ({@code use1-az1}), as the request names them ({@code Placement.AvailabilityZone[Id]} of
     * {@code RunInstances}, {@code AvailabilityZone[Id]} of {@code CreateCapacityReservation}, the launch template
     * overrides of {@code CreateFleet}). A request that names no Availability Zone ({@code StartInstances}, or
     * {@code RunInstances} with only a subnet) cannot be placed without calling AWS, and is hit.
     *
     * @param identifiers AZ names or IDs
     */
    record AvailabilityZones(Set<String> identifiers) implements RequestFilter {
        public AvailabilityZones {
            identifiers = copy(identifiers, "identifiers");
            for (String az : identifiers) {
                if (az.isEmpty() || !az.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                    throw new IllegalArgumentException("availabilityZoneIdentifiers: \"" + az + "\" is not an "
                            + "Availability Zone name or ID such as us-east-1a or use1-az1");
                }
            }
        }

        /** A filter for these AZ names or IDs. */
        public static AvailabilityZones of(Collection<String> identifiers) {
            return new AvailabilityZones(identifiers == null ? Set.of() : new LinkedHashSet<>(identifiers));
        }
    }

    private static Set<String> copy(Collection<String> values, String field) {
        Objects.requireNonNull(values, field);
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null) {
                throw new IllegalArgumentException(field + ": contains null");
            }
            out.add(v.trim());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(field + ": empty; a request filter needs at least one value");
        }
        return Set.copyOf(out);
    }
}
