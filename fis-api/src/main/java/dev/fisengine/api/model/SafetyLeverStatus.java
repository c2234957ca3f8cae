package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code SafetyLeverStatus} (lower-case on the wire). {@code ENGAGING} is transient while experiments stop. */
public enum SafetyLeverStatus {
    DISENGAGED, ENGAGED, ENGAGING;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
