package dev.fisengine.api.spi;

/**
 * Evaluates one stop-condition source (the template's {@code stopConditions[].source}, e.g.
 * {@code aws:cloudwatch:alarm}), which {@link StopConditionDescriptor#source()} gives.
 */
public interface StopConditionProvider {
    StopConditionDescriptor descriptor();

    default int order() {
        return 0;
    }

    /** Opens a monitor for one condition of one experiment. May fail (e.g. the alarm does not exist). */
    StopConditionMonitor open(StopConditionContext context) throws Exception;
}
