package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code ExperimentStatus}: an experiment's state, as FIS reports it (lower-case on the wire). */
public enum ExperimentStatus {
    PENDING, INITIATING, RUNNING, COMPLETED, STOPPING, STOPPED, FAILED, CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Completed, stopped, failed or cancelled: nothing changes any more. */
    public boolean isTerminal() {
        return this == COMPLETED || this == STOPPED || this == FAILED || this == CANCELLED;
    }
}
