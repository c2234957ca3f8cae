package dev.fisengine.aws.actions;

import dev.fisengine.aws.actions.internal.ActionParameters;
import dev.fisengine.aws.catalog.AwsActionCatalog;
import dev.fisengine.aws.sdk.ApiFault;

/**
 * Runs the AWS FIS action {@code aws:fis:inject-api-internal-error} ({@code actions.*.actionId}) in-process:
 * the AWS SDK calls made by the target roles ({@code Roles}, required as in AWS FIS) to the given
 * {@code operations} of {@code service} get, for {@code percentage} % of their attempts, the internal error response
 * that service sends ({@link ApiFault#internalError()}; the codes per service are in {@code docs/sdk-faults.md}).
 * Its descriptor is the catalog's ({@link AwsActionCatalog#INJECT_API_INTERNAL_ERROR}); see
 * {@link ApiFaultActionProvider}.
 */
public final class InjectApiInternalErrorProvider extends ApiFaultActionProvider {

    public InjectApiInternalErrorProvider() {
        super(AwsActionCatalog.action(AwsActionCatalog.INJECT_API_INTERNAL_ERROR).orElseThrow());
    }

    @Override
    ApiFault fault(ActionParameters parameters) {
        return ApiFault.internalError();
    }

    @Override
    String describe(ApiFault fault) {
        return "internal errors";
    }
}
