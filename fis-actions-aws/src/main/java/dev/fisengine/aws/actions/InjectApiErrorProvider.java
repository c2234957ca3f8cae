package dev.fisengine.aws.actions;

import dev.fisengine.aws.actions.internal.ActionParameters;
import dev.fisengine.aws.actions.internal.ExtensionActions;
import dev.fisengine.aws.sdk.ApiFault;

/**
 * Runs {@code fisengine:sdk:inject-api-error} ({@code actions.*.actionId}), an extension of this engine that AWS FIS
 * does not have: for {@code percentage} % of the attempts of the AWS SDK calls to the given {@code operations} of
 * {@code service} (made by the target roles, or by every client of the engine when there is no {@code Roles}
 * target), the attempt is answered by an error response with {@code statusCode} (400–599), {@code errorCode} and
 * {@code message}, in the service's own protocol ({@link ApiFault#custom(int, String, String)}): the SDK throws the
 * modeled exception for that code and retries it if it would retry a real one. See {@link ApiFaultActionProvider}.
 */
public final class InjectApiErrorProvider extends ApiFaultActionProvider {

    public InjectApiErrorProvider() {
        super(ExtensionActions.error());
    }

    @Override
    ApiFault fault(ActionParameters parameters) {
        int status = (int) parameters.integer("statusCode", 400, 599, null);
        String code = parameters.required("errorCode");
        String message = parameters.optional("message", "Injected by FIS Engine");
        String queryCode = parameters.optional("queryErrorCode", null);
        try {
            return queryCode == null ? ApiFault.custom(status, code, message)
                    : ApiFault.custom(status, code, queryCode, message);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(parameters.path("errorCode") + ": " + e.getMessage(), e);
        }
    }

    @Override
    String describe(ApiFault fault) {
        ApiFault.Custom custom = (ApiFault.Custom) fault;
        return "error responses " + custom.statusCode() + " " + custom.errorCode();
    }
}
