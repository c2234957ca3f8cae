package dev.fisengine.api.event;

/** Receives every experiment log record (the engine's default writes JSON lines to SLF4J). Must not block long. */
@FunctionalInterface
public interface ExperimentLogSink {
    void accept(ExperimentLogRecord record);
}
