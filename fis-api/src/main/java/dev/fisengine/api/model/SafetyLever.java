package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code SafetyLever}: the account's (here: the engine's) safety lever, id {@code default}. When engaged, running
 * experiments stop and new ones end {@code cancelled}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SafetyLever(String id, String arn, State state) {
    /** {@code SafetyLeverState}: its status and the reason given when it was last changed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record State(SafetyLeverStatus status, String reason) {}
}
