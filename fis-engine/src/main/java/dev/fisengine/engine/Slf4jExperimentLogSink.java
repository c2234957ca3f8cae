package dev.fisengine.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentLogSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

/**
 * The default experiment log sink: one JSON line per record (FIS log schema v2) at INFO to the SLF4J logger
 * {@value #LOGGER}, with the experiment id in the MDC under {@value #MDC_KEY} while the line is written.
 */
public final class Slf4jExperimentLogSink implements ExperimentLogSink {
    /** The logger records go to. */
    public static final String LOGGER = "dev.fisengine.experiment";
    /** The MDC key holding the experiment id. */
    public static final String MDC_KEY = "fisExperimentId";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Logger logger;
    private final MDCAdapter mdc;

    public Slf4jExperimentLogSink() {
        this(LoggerFactory.getLogger(LOGGER));
    }

    /** Writes to {@code logger} instead of {@value #LOGGER}. */
    public Slf4jExperimentLogSink(Logger logger) {
        this(logger, MDC.getMDCAdapter());
    }

    /** Writes to {@code logger}, putting the experiment id into {@code mdc} (the binding's MDC by default). */
    public Slf4jExperimentLogSink(Logger logger, MDCAdapter mdc) {
        this.logger = logger;
        this.mdc = mdc;
    }

    /** The record as one line of JSON. */
    public static String toJson(ExperimentLogRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write log record " + record.logType(), e);
        }
    }

    @Override
    public void accept(ExperimentLogRecord record) {
        if (!logger.isInfoEnabled()) {
            return;
        }
        String line = toJson(record);
        String previous = mdc.get(MDC_KEY);
        mdc.put(MDC_KEY, record.id());
        try {
            logger.info(line);
        } finally {
            if (previous == null) {
                mdc.remove(MDC_KEY);
            } else {
                mdc.put(MDC_KEY, previous);
            }
        }
    }

    @Override
    public String toString() {
        return "Slf4jExperimentLogSink[" + logger.getName() + "]";
    }
}
