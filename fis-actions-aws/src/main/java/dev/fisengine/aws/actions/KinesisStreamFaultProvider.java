package dev.fisengine.aws.actions;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.aws.actions.internal.ActionParameters;
import dev.fisengine.aws.catalog.AwsActionCatalog;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.RequestFilter;
import java.util.Set;

/**
 * The AWS FIS actions on Kinesis data streams ({@code KinesisStreams} target, {@code aws:kinesis:stream}) run
 * in-process: requests of the operations AWS FIS documents that name one of the target streams
 * ({@link RequestFilter.KinesisStreams}: {@code StreamARN}, {@code StreamName}, or a shard iterator seen returned for
 * the stream) get, for {@code percentage} % of their attempts, Kinesis's own error in the client's wire format (CBOR,
 * or JSON when CBOR is off). Every instrumented client of the engine is hit (the targets are streams, not roles).
 */
public abstract sealed class KinesisStreamFaultProvider extends ApiFaultActionProvider
        permits KinesisStreamFaultProvider.ProvisionedThroughputException,
                KinesisStreamFaultProvider.ExpiredIteratorException {
    /** The target key of both actions. */
    public static final String STREAMS = "KinesisStreams";

    private final Set<String> operations;
    private final ApiFault fault;
    private final String name;

    KinesisStreamFaultProvider(String id, Set<String> operations, ApiFault fault, String name) {
        super(AwsActionCatalog.action(id).orElseThrow());
        this.operations = operations;
        this.fault = fault;
        this.name = name;
    }

    @Override
    final Calls calls(ActionParameters p, ActionContext context) {
        TargetKeyDescriptor key = descriptor().target(STREAMS).orElseThrow();
        Set<String> streams = p.targetArns(key);
        if (streams == null || streams.isEmpty()) {
            context.log().warn(descriptor().id() + ": target " + STREAMS + " resolved no stream, so no call can be "
                    + "hit; nothing armed");
            return null;
        }
        RequestFilter.KinesisStreams filter;
        try {
            filter = RequestFilter.KinesisStreams.of(streams);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("actions." + context.actionName() + ".targets." + STREAMS + ": "
                    + e.getMessage(), e);
        }
        return new Calls("kinesis", operations, null, filter, "on streams " + String.join(", ", streams)
                + ", for every client of the engine");
    }

    @Override
    final ApiFault fault(ActionParameters parameters) {
        return fault;
    }

    @Override
    final String describe(ApiFault fault) {
        return name;
    }

    /**
     * {@code aws:kinesis:stream-provisioned-throughput-exception}: {@code ProvisionedThroughputExceededException}
     * (HTTP 400; a throttling error to the SDK) on {@code GetRecords}, {@code GetShardIterator}, {@code PutRecord}
     * and {@code PutRecords}.
     */
    public static final class ProvisionedThroughputException extends KinesisStreamFaultProvider {
        public static final String ID = "aws:kinesis:stream-provisioned-throughput-exception";
        public static final Set<String> OPERATIONS = Set.of("GetRecords", "GetShardIterator", "PutRecord",
                "PutRecords");
        public static final ApiFault FAULT = ApiFault.custom(400, "ProvisionedThroughputExceededException",
                "Rate exceeded for shard in stream under account.");

        public ProvisionedThroughputException() {
            super(ID, OPERATIONS, FAULT, "ProvisionedThroughputExceededException errors");
        }
    }

    /** {@code aws:kinesis:stream-expired-iterator-exception}: {@code ExpiredIteratorException} (HTTP 400) on {@code GetRecords}. */
    public static final class ExpiredIteratorException extends KinesisStreamFaultProvider {
        public static final String ID = "aws:kinesis:stream-expired-iterator-exception";
        public static final Set<String> OPERATIONS = Set.of("GetRecords");
        public static final ApiFault FAULT = ApiFault.custom(400, "ExpiredIteratorException",
                "Iterator expired. The iterator was created more than 300000 milliseconds ago.");

        public ExpiredIteratorException() {
            super(ID, OPERATIONS, FAULT, "ExpiredIteratorException errors");
        }
    }
}
