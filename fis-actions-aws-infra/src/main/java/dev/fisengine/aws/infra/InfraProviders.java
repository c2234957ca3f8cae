package dev.fisengine.aws.infra;

import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.LogDestinationProvider;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.aws.infra.internal.Actions;
import dev.fisengine.aws.infra.internal.LogDestinations;
import dev.fisengine.aws.infra.internal.Resolvers;
import java.util.List;

/** The providers of this module, the same set {@link java.util.ServiceLoader} finds, for explicit registration. */
public final class InfraProviders {
    private InfraProviders() {}

    /** New instances of every action provider of this module. */
    public static List<ActionProvider> actions() {
        return List.copyOf(Actions.all());
    }

    /** New instances of every target resolver of this module. */
    public static List<TargetResolverProvider> resolvers() {
        return List.copyOf(Resolvers.all());
    }

    /** New instances of the experiment log destinations of this module (CloudWatch Logs and S3). */
    public static List<LogDestinationProvider> logDestinations() {
        return LogDestinations.all();
    }
}
