package dev.fisengine.examples;

import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import java.time.Duration;

/**
 * What a demo run did.
 *
 * @param experiment the experiment as it ended
 * @param counts what the order service and its SDK client saw
 * @param engineFaultsInjected the faults the engine's armed rules counted ({@code ArmedApiFault.injectedFaults()});
 *     equal to {@link Counts#faultsInjected()} when the order service's client is the only one hit
 * @param timedOut whether the demo gave up waiting and stopped the experiment itself
 * @param wallTime from the start of the order service to the end of the experiment
 */
public record DemoResult(Experiment experiment, Counts counts, long engineFaultsInjected, boolean timedOut,
                         Duration wallTime) {

    /**
     * The order service's numbers over the run.
     *
     * @param calls SQS API calls the order service made (each may be several attempts)
     * @param faultsInjected attempts the engine answered with an injected fault
     * @param seenByService injected faults the order service got as an exception (its SDK gave up retrying)
     * @param sdkRetries the sum of the calls' {@code RetryCount} metric
     * @param otherErrors exceptions the order service got that were not injected (normally 0)
     * @param ordersSent orders sent to the queue
     * @param ordersLost orders whose {@code SendMessage} failed
     * @param ordersProcessed orders received and deleted
     */
    public record Counts(long calls, long faultsInjected, long seenByService, long sdkRetries, long otherErrors,
                         long ordersSent, long ordersLost, long ordersProcessed) {

        /**
         * Injected faults the service never saw, because the SDK retried the attempt they hit: every injected fault is
         * either the last attempt of a call, which the service sees, or an attempt the SDK retried. So this equals
         * {@link #sdkRetries()} when all retries and errors came from injected faults.
         */
        public long absorbedBySdkRetries() {
            return faultsInjected - seenByService;
        }
    }

    /**
     * The last line the demo prints: {@code experiment EXP… completed: 1200 calls, 310 faults injected, 290 absorbed by
     * SDK retries, 20 seen by the service}; for an experiment that did not complete, its reason follows the state:
     * {@code experiment EXP… stopped (Experiment stopped by stop condition …): …}.
     */
    public String summaryLine() {
        ExperimentStatus status = experiment.state().status();
        String state = status.wireName() + (status == ExperimentStatus.COMPLETED ? ""
                : " (" + experiment.state().reason() + ")");
        return "experiment " + experiment.id() + " " + state + ": " + counts.calls() + " calls, "
                + counts.faultsInjected() + " faults injected, " + counts.absorbedBySdkRetries()
                + " absorbed by SDK retries, " + counts.seenByService() + " seen by the service";
    }

    /** 0 when the experiment completed or was stopped (by a stop condition), 1 otherwise (failed, cancelled, timed out). */
    public int exitCode() {
        ExperimentStatus status = experiment.state().status();
        return !timedOut && (status == ExperimentStatus.COMPLETED || status == ExperimentStatus.STOPPED) ? 0 : 1;
    }
}
