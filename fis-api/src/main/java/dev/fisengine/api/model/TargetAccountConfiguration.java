package dev.fisengine.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code TargetAccountConfiguration} (and {@code ExperimentTargetAccountConfiguration}, the same members): an account a
 * {@code multi-account} experiment template targets, with the role FIS would assume there. The engine records and
 * returns these as FIS does; it does not assume the role.
 *
 * @param roleArn the IAM role in the target account
 * @param accountId the 12-digit target account id
 * @param description up to 512 characters, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetAccountConfiguration(String roleArn, String accountId, String description) {}
