package dev.fisengine.aws.infra.internal;

import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The last guard before a request leaves: an operation that is not read-only, addressed to an AWS endpoint, fails
 * unless changes against real AWS are allowed. Actions check this earlier, before they record anything
 * ({@code InfraClients.requireChangesAllowed}); this guard also covers an endpoint the SDK resolves differently.
 */
public final class SafetyInterceptor implements ExecutionInterceptor {
    private final BooleanSupplier allowed;

    public SafetyInterceptor(BooleanSupplier allowed) {
        this.allowed = allowed;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (Endpoints.isReadOnly(operation) || !Endpoints.isAws(context.httpRequest().host())
                || allowed.getAsBoolean()) {
            return;
        }
        throw SdkClientException.create("refusing to send " + attributes.getAttribute(
                SdkExecutionAttribute.SERVICE_NAME) + " " + operation + " to the AWS endpoint "
                + context.httpRequest().host() + ": changes to real AWS resources need an explicit opt-in ("
                + "InfraSettings.allowRealAws, -Dfisengine.infra.allowRealAws=true or `fis run --allow-aws`)");
    }
}
