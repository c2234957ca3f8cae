package dev.fisengine.aws.actions;

import dev.fisengine.aws.actions.internal.ActionParameters;
import dev.fisengine.aws.catalog.AwsActionCatalog;
import dev.fisengine.aws.sdk.ApiFault;

/**
 * Runs the AWS FIS action {@code aws:fis:inject-api-throttle-error} ({@code actions.*.actionId}) in-process:
 * the AWS SDK calls made by the target roles ({@code Roles}, required as in AWS FIS) to the given
 * {@code operations} of {@code service} get, for {@code percentage} % of their attempts, the throttle error response
 * that service sends ({@link ApiFault#throttle()}; the codes per service are in {@code docs/sdk-faults.md}).
 * Its descriptor is the catalog's ({@link AwsActionCatalog#INJECT_API_THROTTLE_ERROR}); see
 * {@link ApiFaultActionProvider}.
 */
public final class InjectApiThrottleErrorProvider extends ApiFaultActionProvider {

    public InjectApiThrottleErrorProvider() {
        super(AwsActionCatalog.action(AwsActionCatalog.INJECT_API_THROTTLE_ERROR).orElseThrow());
    }

    @Override
    ApiFault fault(ActionParameters parameters) {
        return ApiFault.throttle();
    }

    @Override
    String describe(ApiFault fault) {
        return "throttle errors";
    }
}
