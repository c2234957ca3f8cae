package dev.fisengine.api.spi;

import dev.fisengine.api.event.ExperimentLogSink;

/**
 * Delivers the experiment log (FIS log schema v2 records) where a template's {@code logConfiguration} says, as AWS
 * FIS does: keyed by the {@code logConfiguration} field it serves, {@link #CLOUDWATCH_LOGS} or {@link #S3}, which
 * {@link #destination()} gives. Found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.fisengine.api.spi.LogDestinationProvider}) or registered explicitly; two providers
 * for one destination with equal {@link #order()} fail at load.
 *
 * <p>For each experiment whose template sets that field, the engine calls {@link #open} when the experiment's first
 * record is delivered, then hands the returned sink every record of the experiment, in order, on the experiment's
 * event-delivery thread, in addition to the engine's own sinks (SLF4J). When the returned sink is also
 * {@link AutoCloseable}, {@code close()} is called right after the {@code experiment-end} record: flush there.
 *
 * <p>Delivery is never fatal to the experiment: an exception from {@code open}, {@code accept} or {@code close} is
 * reported (a warning naming the experiment and the destination) and the experiment goes on. Every call is bounded
 * by the engine's listener deadline; a call that hangs is abandoned, and the destination then receives nothing more
 * of that experiment. So {@code open} should not do I/O, and {@code accept} should buffer rather than send each
 * record.
 */
public interface LogDestinationProvider {
    /** The {@code logConfiguration.cloudWatchLogsConfiguration} destination. */
    String CLOUDWATCH_LOGS = "cloudWatchLogsConfiguration";
    /** The {@code logConfiguration.s3Configuration} destination. */
    String S3 = "s3Configuration";

    /** The {@code logConfiguration} field this provider serves: {@link #CLOUDWATCH_LOGS} or {@link #S3}. */
    String destination();

    /** Breaks ties when two providers serve one destination: the higher order wins; equal orders fail at load. */
    default int order() {
        return 0;
    }

    /**
     * Opens the destination for one experiment.
     *
     * @return the sink of the experiment's records, or {@code null} when this provider does not deliver this
     *     configuration
     * @throws Exception when the destination cannot be used (reported, never fatal)
     */
    ExperimentLogSink open(LogDestinationContext context) throws Exception;
}
