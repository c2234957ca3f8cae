package dev.fisengine.aws.actions;

import dev.fisengine.aws.actions.internal.ActionParameters;
import dev.fisengine.aws.actions.internal.ExtensionActions;
import dev.fisengine.aws.sdk.ApiFault;

/**
 * Runs {@code fisengine:sdk:inject-connection-failure} ({@code actions.*.actionId}), an extension of this engine that
 * AWS FIS does not have: for {@code percentage} % of the attempts of the AWS SDK calls to the given
 * {@code operations} of {@code service} (made by the target roles, or by every client of the engine when there is
 * no {@code Roles} target), the HTTP client fails with {@link java.net.ConnectException} and sends nothing
 * ({@link ApiFault#connectionFailure()}); the SDK retries the attempt. See {@link ApiFaultActionProvider}.
 */
public final class InjectConnectionFailureProvider extends ApiFaultActionProvider {

    public InjectConnectionFailureProvider() {
        super(ExtensionActions.connectionFailure());
    }

    @Override
    ApiFault fault(ActionParameters parameters) {
        return ApiFault.connectionFailure();
    }

    @Override
    String describe(ApiFault fault) {
        return "connection failures";
    }
}
