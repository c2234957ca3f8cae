package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code experimentOptions}. On a template: {@code accountTargeting} ({@code single-account} | {@code multi-account})
 * and {@code emptyTargetResolutionMode} ({@code fail} | {@code skip}). On StartExperiment: {@code actionsMode}
 * ({@code run-all} | {@code skip-all}). On an experiment: all three.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentOptions(String accountTargeting, String emptyTargetResolutionMode, String actionsMode) {
    public static final String SINGLE_ACCOUNT = "single-account";
    public static final String MULTI_ACCOUNT = "multi-account";
    public static final String EMPTY_FAIL = "fail";
    public static final String EMPTY_SKIP = "skip";
    public static final String RUN_ALL = "run-all";
    public static final String SKIP_ALL = "skip-all";
}
