package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code ExperimentActionStatus}: an action's state within an experiment (lower-case on the wire). */
public enum ActionStatus {
    PENDING, INITIATING, RUNNING, COMPLETED, CANCELLED, SKIPPED, STOPPING, STOPPED, FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED || this == SKIPPED || this == STOPPED || this == FAILED;
    }
}
