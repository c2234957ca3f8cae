package dev.fisengine.junit;

import dev.fisengine.api.exception.ConflictException;
import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentAction;
import dev.fisengine.api.model.ExperimentState;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ApiFaultRule;
import dev.fisengine.aws.sdk.ArmedApiFault;
import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.EngineClock;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.junit.internal.EngineHolder;
import dev.fisengine.testkit.ExperimentLog;
import dev.fisengine.testkit.ExperimentLogRecorder;
import dev.fisengine.testkit.FisTestkit;
import dev.fisengine.testkit.InMemoryStopCondition;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;

/**
 * One test's experiment, as {@link FisExperiment} set it up: the handle a test method (or its {@code @BeforeEach} /
 * {@code @AfterEach} methods) receives as a parameter. It starts the experiment (or the extension did, before the
 * test), moves the manual clock, awaits the end, stops it, and shows what happened: the experiment's and actions'
 * states ({@code GetExperiment}), the FIS experiment log, and the API faults its actions injected into AWS SDK clients
 * instrumented for this engine ({@link #instrument}). After the test the extension stops the experiment if it still
 * runs; the handle stays readable in {@code @AfterEach} methods.
 */
public final class FisExperimentRun {
    private final EngineHolder holder;
    private final String templateResource;
    private final String templateId;
    private final Duration timeout;
    private volatile String experimentId;

    FisExperimentRun(EngineHolder holder, String templateResource, String templateId, Duration timeout) {
        this.holder = holder;
        this.templateResource = templateResource;
        this.templateId = templateId;
        this.timeout = timeout;
    }

    /** The class's engine. */
    public FisEngine engine() {
        return holder.engine();
    }

    /** The engine's clock: a {@link ManualClock}, or the system clock. */
    public EngineClock clock() {
        return holder.engine().clock();
    }

    /** Whether the engine runs on a manual clock. */
    public boolean hasManualClock() {
        return holder.manualClock() != null;
    }

    /** The engine's manual clock. @throws IllegalStateException when the class runs on the system clock */
    public ManualClock manualClock() {
        ManualClock c = holder.manualClock();
        if (c == null) {
            throw new IllegalStateException("The engine of this test class runs on the system clock (@FisExperiment "
                    + "clock = SYSTEM); there is no ManualClock to move");
        }
        return c;
    }

    /** The engine's in-memory stop condition ({@code fisengine:test:switch}): trigger its switches. */
    public InMemoryStopCondition stopCondition() {
        return holder.switches();
    }

    /** The recorder of every experiment of the class's engine; {@link #log()} is this experiment's part. */
    public ExperimentLogRecorder recorder() {
        return holder.recorder();
    }

    /** The template's classpath resource. */
    public String templateResource() {
        return templateResource;
    }

    /** The id of the template ({@code EXT…}) in the class's engine. */
    public String templateId() {
        return templateId;
    }

    /** Whether the experiment has been started. */
    public boolean isStarted() {
        return experimentId != null;
    }

    /**
     * Starts the experiment ({@code StartExperiment}) and waits until its start-up has settled: with the manual clock
     * until the engine's work is idle (stop conditions checked, targets resolved, first actions started); with the
     * system clock until it has left {@code initiating} and no action is still starting.
     *
     * @return the experiment after start-up
     * @throws IllegalStateException when it was already started
     */
    public synchronized Experiment start() {
        if (experimentId != null) {
            throw new IllegalStateException("The experiment of " + templateResource + " was already started ("
                    + experimentId + "); each test runs it once");
        }
        experimentId = holder.engine().startExperiment(templateId).id();
        ManualClock clock = holder.manualClock();
        if (clock != null) {
            clock.awaitIdle();
        } else {
            awaitStarted(timeout);
        }
        return experiment();
    }

    /** The experiment's id ({@code EXP…}). @throws IllegalStateException before {@link #start()} */
    public String id() {
        String id = experimentId;
        if (id == null) {
            throw new IllegalStateException("The experiment of " + templateResource + " has not been started (start "
                    + "= MANUAL: call run.start())");
        }
        return id;
    }

    /** The experiment's latest state ({@code GetExperiment}). */
    public Experiment experiment() {
        return holder.engine().getExperiment(id());
    }

    /** The experiment's {@code state}. */
    public ExperimentState state() {
        return experiment().state();
    }

    /** The experiment's status. */
    public ExperimentStatus status() {
        return state().status();
    }

    /** The status of action {@code actionName} (its name in the template). */
    public ActionStatus actionStatus(String actionName) {
        Experiment e = experiment();
        ExperimentAction a = e.actions() == null ? null : e.actions().get(actionName);
        if (a == null) {
            throw new IllegalArgumentException("The template " + templateResource + " has no action \"" + actionName
                    + "\"; its actions are " + (e.actions() == null ? "[]" : e.actions().keySet()));
        }
        return a.state().status();
    }

    /**
     * Stops the experiment if it has not ended ({@code StopExperiment}); when this returns every fault it armed is
     * reverted. Returns its final state.
     */
    public Experiment stop() {
        String id = id();
        if (!status().isTerminal()) {
            try {
                holder.engine().stopExperiment(id);
            } catch (ConflictException endedMeanwhile) {
                // it ended between the check and the stop: nothing left to revert
            }
        }
        return experiment();
    }

    /** {@link #awaitCompletion(Duration)} with the annotation's timeout. */
    public Experiment awaitCompletion() {
        return awaitCompletion(timeout);
    }

    /**
     * Runs the experiment to its end and returns it: with the manual clock, moves it from task to task until the
     * experiment ends (stopping at the end instant, at most {@code limit} of simulated time); with the system clock,
     * waits up to {@code limit}.
     *
     * @throws AssertionError when it has not ended in time
     */
    public Experiment awaitCompletion(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        String id = id();
        ManualClock clock = holder.manualClock();
        if (clock != null) {
            return FisTestkit.advanceUntilEnded(holder.engine(), clock, id, limit);
        }
        Experiment e = holder.engine().awaitExperiment(id, limit);
        if (!e.state().status().isTerminal()) {
            throw new AssertionError("Experiment " + id + " (" + templateResource + ") had not ended after " + limit
                    + ": it is " + e.state().status().wireName() + "\n" + log().describe());
        }
        return e;
    }

    /** Moves the manual clock forward by {@code duration}, running everything due. */
    public void advance(Duration duration) {
        manualClock().advance(duration);
    }

    /** The FIS experiment log and state-change events of this experiment so far. */
    public ExperimentLog log() {
        return holder.recorder().log(id());
    }

    /** The engine's API fault registry ({@code fis-actions-aws}). */
    public ApiFaultRegistry apiFaultRegistry() {
        return ApiFaultRegistry.of(holder.engine());
    }

    /**
     * The API faults this experiment's actions armed (while their {@code start} ran), armed or already disarmed, in
     * the order they were armed; each has its rule and its counters.
     */
    public List<ArmedApiFault> apiFaults() {
        return experimentId == null ? List.of() : holder.ledger().faults(experimentId);
    }

    /**
     * How many call attempts this experiment's API faults were injected into, for {@code service} (as the faults'
     * rules name it, e.g. {@code dynamodb}) and {@code operation} (e.g. {@code PutItem}). Counted per rule: a rule
     * that covers several operations (or all of them) counts all its injections here, as the registry does not split
     * them by operation; rules of one operation each give exact per-operation counts.
     */
    public long faultsInjected(String service, String operation) {
        Objects.requireNonNull(operation, "operation");
        String s = service.toLowerCase(Locale.ROOT);
        return apiFaults().stream()
                .filter(f -> f.rule().service().equals(s) && covers(f.rule(), operation))
                .mapToLong(ArmedApiFault::injectedFaults).sum();
    }

    /** How many call attempts this experiment's API faults for {@code service} were injected into. */
    public long faultsInjected(String service) {
        String s = service.toLowerCase(Locale.ROOT);
        return apiFaults().stream().filter(f -> f.rule().service().equals(s))
                .mapToLong(ArmedApiFault::injectedFaults).sum();
    }

    /** How many call attempts this experiment's API faults were injected into, in total. */
    public long faultsInjected() {
        return apiFaults().stream().mapToLong(ArmedApiFault::injectedFaults).sum();
    }

    private static boolean covers(ApiFaultRule rule, String operation) {
        return rule.allOperations() || rule.operations().contains(operation);
    }

    /**
     * Instruments an AWS SDK client builder for this class's engine ({@code FisSdk.instrument(builder, engine)}), so
     * the API faults of this test's experiment hit the client, and those of other test classes' engines do not. Set
     * the builder's HTTP client first, if any.
     */
    public <B extends SdkClientBuilder<B, ?>> B instrument(B builder) {
        return FisSdk.instrument(builder, holder.engine());
    }

    /** {@link #instrument(SdkClientBuilder)} with the client's principal role (for rules with a {@code Roles} target). */
    public <B extends SdkClientBuilder<B, ?>> B instrument(B builder, String roleArn) {
        return FisSdk.instrument(builder, holder.engine(), roleArn);
    }

    /**
     * After the test: stops the experiment if it still runs and checks that none of its API faults stays armed. A
     * fault still armed is disarmed first, then the test fails: a leaky action must not fault the next test's calls.
     */
    void finish() {
        if (experimentId == null) {
            return;
        }
        stop();
        List<ArmedApiFault> leftover = apiFaults().stream().filter(ArmedApiFault::isArmed).toList();
        if (!leftover.isEmpty()) {
            String described = leftover.toString();
            leftover.forEach(ArmedApiFault::close);
            throw new AssertionError("Experiment " + experimentId + " (" + templateResource + ") has ended ("
                    + status().wireName() + ") but its API faults were still armed: " + described
                    + "; the action that armed them did not register a revert step that disarms them (the extension"
                    + " has disarmed them now)");
        }
    }

    private void awaitStarted(Duration limit) {
        try {
            holder.engine().awaitRunning(id(), limit); // running, every fault of the started actions armed
        } catch (IllegalStateException notRunning) {
            Experiment e = experiment();
            if (!e.state().status().isTerminal()) {
                throw new AssertionError("Experiment " + e.id() + " (" + templateResource + ") had not started after "
                        + limit + ": it is " + e.state().status().wireName() + "\n" + log().describe());
            }
            // it ended during start-up (a stop condition, a failed target): the test sees the outcome
        }
    }

    @Override
    public String toString() {
        return "FisExperimentRun[" + templateResource + ", " + (experimentId == null ? "not started" : experimentId)
                + "]";
    }
}
