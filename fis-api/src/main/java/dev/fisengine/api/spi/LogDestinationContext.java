package dev.fisengine.api.spi;

import dev.fisengine.api.model.LogConfiguration;
import java.util.Objects;

/**
 * What a {@link LogDestinationProvider} is given to open the log destination of one experiment.
 *
 * @param experimentId the experiment whose log records the destination receives
 * @param experimentTemplateId the template it was started from
 * @param accountId the engine's account id (the one in the experiment's ARN), for FIS's S3 key layout
 * @param region the engine's region (the one in the experiment's ARN), for FIS's S3 key layout
 * @param configuration the template's {@code logConfiguration}, as the experiment snapshotted it
 * @param runtime the engine (its clock and components, e.g. the SDK configuration of an AWS plugin)
 */
public record LogDestinationContext(
        String experimentId,
        String experimentTemplateId,
        String accountId,
        String region,
        LogConfiguration configuration,
        FisRuntime runtime) {
    public LogDestinationContext {
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(runtime, "runtime");
    }
}
