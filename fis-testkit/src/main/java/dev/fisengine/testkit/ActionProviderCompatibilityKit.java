package dev.fisengine.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.fisengine.api.exception.ConflictException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.Action;
import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.model.ExperimentTemplateAction;
import dev.fisengine.api.model.ExperimentTemplateTarget;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.Identification;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.builtin.NoneStopConditionProvider;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.internal.Await;
import dev.fisengine.testkit.internal.FixedTargetResolver;
import dev.fisengine.testkit.internal.ObservedProvider;
import dev.fisengine.testkit.internal.ObservedProvider.CountedStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The test every {@link ActionProvider}'s tests extend: it checks that the provider behaves as the engine expects,
 * inside a real {@link FisEngine} driven by a {@link ManualClock}. A subclass supplies the provider, a parameter set
 * with which it runs to {@code completed}, the resources for its target keys, and {@link #assertNothingArmed} — how to
 * tell that nothing the provider armed is left.
 *
 * <pre>{@code
 * class ThrottleActionCompatibilityTest extends ActionProviderCompatibilityKit {
 *     protected ActionProvider provider() { return new ThrottleAction(); }
 *     protected Map<String, String> validParameters() {
 *         return Map.of("service", "dynamodb", "operations", "PutItem", "percentage", "100", "duration", "PT5M");
 *     }
 *     protected Map<String, List<TargetResource>> targets() {
 *         return Map.of("Roles", List.of(TargetResource.of("arn:aws:iam::123456789012:role/app")));
 *     }
 *     protected void assertArmed(FisEngine engine) { assertThat(ApiFaultRegistry.of(engine).isIdle()).isFalse(); }
 *     protected void assertNothingArmed(FisEngine engine) { assertThat(ApiFaultRegistry.of(engine).isIdle()).isTrue(); }
 * }
 * }</pre>
 *
 * <p>What it checks:
 * <ul>
 *   <li>the descriptor is well formed ({@link ActionDescriptorCheck}), the provider is executable, the valid
 *       parameters are declared ones and include every required one, and the engine accepts a template using them;
 *   <li>the action runs from start to {@code completed} (lasting exactly its duration parameter, if it has one), and
 *       every revert step it registers runs exactly once;
 *   <li>when the experiment is stopped mid-run (mid-duration; or while {@code start} is still running), every revert
 *       step runs exactly once, the action ends {@code stopped}, and {@link #assertNothingArmed} holds — also when
 *       the engine is closed instead;
 *   <li>an exception from {@code start} fails the action with the exception's message as reason and the experiment
 *       with {@code ActionFailed}; with {@link #invalidParameters()} the provider's own exception, otherwise one the
 *       kit throws; when {@code start} fails after the provider armed, what it registered is still reverted.
 * </ul>
 *
 * <p>The kit builds its templates itself: one action named {@value #ACTION}, one template target per target key
 * (named like the key, of {@link #resourceType(TargetKeyDescriptor) its resource type}, identified by the given
 * resources' ARNs, else by the tag {@value #TARGET_TAG}), and resolves those targets to the resources of
 * {@link #targets()}. Engines are closed after each test.
 */
public abstract class ActionProviderCompatibilityKit {
    /** The name of the action in the kit's templates. */
    protected static final String ACTION = "Action";
    /** The {@code roleArn} of the kit's templates. */
    protected static final String ROLE_ARN = "arn:aws:iam::123456789012:role/fisengine-compatibility-kit";
    /** The tag key that identifies targets whose key does not allow ARNs. */
    protected static final String TARGET_TAG = "fisengine:compatibility-kit";

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<FisEngine> engines = new ArrayList<>();

    /**
     * The provider under test. Called once per engine the kit builds (once per test), so a subclass may keep the
     * instance it returns to inspect it in {@link #assertArmed} and {@link #assertNothingArmed}.
     */
    protected abstract ActionProvider provider();

    /** Parameters with which the action starts and runs to {@code completed}. */
    protected abstract Map<String, String> validParameters();

    /**
     * The resources under each of the action's target keys (at least every required key). Default: none, for
     * actions without targets.
     */
    protected Map<String, List<TargetResource>> targets() {
        return Map.of();
    }

    /** The resource type of the template target for {@code key}; default: the first of its types, sorted. */
    protected String resourceType(TargetKeyDescriptor key) {
        return new TreeSet<>(key.resourceTypes()).first();
    }

    /**
     * Parameters that pass the engine's validation but make {@code start} throw (e.g. a value the descriptor cannot
     * express as invalid), or {@code null} when there are none; then the kit makes {@code start} fail itself.
     */
    protected Map<String, String> invalidParameters() {
        return null;
    }

    /** Called while the action runs (after {@code start} returned): assert that its fault is armed. Default: nothing. */
    protected void assertArmed(FisEngine engine) {}

    /** Asserts that nothing the provider armed in {@code engine} is left (e.g. its fault registry is idle). */
    protected abstract void assertNothingArmed(FisEngine engine);

    /** Customizes the kit's engines (components, options); the kit has set the clock, plugins and recorder. */
    protected void configureEngine(FisEngine.Builder builder) {}

    /** Adds plugins the provider needs (the kit has added it, resolvers for its targets and the stop conditions). */
    protected void configurePlugins(Plugins.Builder plugins) {}

    /**
     * How much simulated time a run may take before the kit gives up; default 13 hours, beyond FIS's 12-hour
     * experiment limit (the kit steps from one scheduled task to the next, so a long limit costs nothing).
     */
    protected Duration runLimit() {
        return Duration.ofHours(13);
    }

    @AfterEach
    protected final void closeKitEngines() {
        for (FisEngine e : engines) {
            e.close();
        }
        engines.clear();
    }

    // --------------------------------------------------------------------------------------------------- tests

    @Test
    public void descriptorIsWellFormed() {
        ActionDescriptor d = provider().descriptor();
        assertThat(d).as("descriptor()").isNotNull();
        assertThat(ActionDescriptorCheck.problems(d)).as("problems of the descriptor of %s", d.id()).isEmpty();
        assertThat(d.executable()).as("%s executable (the kit runs it)", d.id()).isTrue();
        assertThat(ActionDescriptorCheck.parameterSetProblems(d, validParameters()))
                .as("validParameters() against the descriptor of %s", d.id()).isEmpty();
        for (TargetKeyDescriptor key : d.targets()) {
            if (key.required()) {
                assertThat(targets()).as("targets() for required target key %s", key.key()).containsKey(key.key());
            }
        }
        assertThat(targets().keySet()).as("targets() keys (declared target keys: %s)",
                d.targets().stream().map(TargetKeyDescriptor::key).toList())
                .allMatch(k -> d.target(k).isPresent());
        assertThat(provider().descriptor().id()).as("the id of a second instance").isEqualTo(d.id());
    }

    @Test
    public void validParametersPassTheEnginesValidation() {
        Kit kit = new Kit(ObservedProvider.Failure.NONE, false);
        ActionDescriptor d = kit.observed.descriptor();
        try {
            kit.engine.createExperimentTemplate(template(d, validParameters()));
        } catch (ValidationException e) {
            fail("The engine rejects a template with validParameters() " + validParameters() + ": " + e.getMessage());
        }
        Action shown = kit.engine.getAction(d.id());
        assertThat(shown.id()).isEqualTo(d.id());
        assertThat(shown.parameters() == null ? Set.of() : shown.parameters().keySet()).as("GetAction parameters")
                .containsExactlyInAnyOrderElementsOf(d.parameters().stream().map(ParameterDescriptor::name).toList());
        assertThat(shown.targets() == null ? Set.of() : shown.targets().keySet()).as("GetAction targets")
                .containsExactlyInAnyOrderElementsOf(d.targets().stream().map(TargetKeyDescriptor::key).toList());
    }

    @Test
    public void runsFromStartToCompletedInARealEngine() {
        Kit kit = new Kit(ObservedProvider.Failure.NONE, false);
        Duration duration = duration(kit.observed.descriptor(), validParameters());
        String id = kit.start(validParameters());
        kit.clock.awaitIdle();
        Experiment running = kit.get(id);
        if (duration != null && !duration.isZero()) {
            FisAssertions.assertThat(running).isRunning().hasActionState(ACTION, ActionStatus.RUNNING);
            assertThat(kit.observed.steps()).as("revert steps that ran while the action runs")
                    .allMatch(s -> s.runs() == 0);
            assertArmed(kit.engine);
        }
        Experiment done = FisTestkit.advanceUntilEnded(kit.engine, kit.clock, id, runLimit());
        FisAssertions.assertThat(done).isCompleted().hasActionState(ACTION, ActionStatus.COMPLETED);
        var action = done.actions().get(ACTION);
        if (duration != null) {
            assertThat(Duration.between(action.startTime(), action.endTime()))
                    .as("how long the action ran (its duration parameter is %s)", duration).isEqualTo(duration);
        }
        assertEveryStepRanOnce(kit);
        FisAssertions.assertThat(kit.recorder.log(id))
                .containsLogTypesInOrder("experiment-start", "action-start", "action-end", "experiment-end")
                .hasActionEnded(ACTION, "completed")
                .hasNoRecord("action-error")
                .experimentEndedWith("completed");
        assertNothingArmed(kit.engine);
    }

    @Test
    public void stopMidRunRevertsEveryStepExactlyOnce() {
        Kit kit = new Kit(ObservedProvider.Failure.NONE, false);
        Duration duration = duration(kit.observed.descriptor(), validParameters());
        String id = kit.start(validParameters());
        kit.clock.awaitIdle();
        if (duration == null || duration.isZero()) {
            // No duration: the action completed when start returned, so a later stop is a conflict and reverts
            // nothing twice. Stopping while start() runs is checked by stopWhileStartIsRunning...
            FisAssertions.assertThat(kit.get(id)).isCompleted();
            assertThatThrownBy(() -> kit.engine.stopExperiment(id)).isInstanceOf(ConflictException.class);
            assertEveryStepRanOnce(kit);
            assertNothingArmed(kit.engine);
            return;
        }
        FisAssertions.assertThat(kit.get(id)).hasActionState(ACTION, ActionStatus.RUNNING);
        assertArmed(kit.engine);
        kit.clock.advance(duration.dividedBy(2));
        kit.engine.stopExperiment(id);
        Experiment stopped = kit.get(id);
        FisAssertions.assertThat(stopped).isStopped().hasActionState(ACTION, ActionStatus.STOPPED);
        assertEveryStepRanOnce(kit);
        assertNothingArmed(kit.engine);
        kit.clock.advance(duration);
        assertEveryStepRanOnce(kit);
        FisAssertions.assertThat(kit.recorder.log(id)).hasActionEnded(ACTION, "stopped").experimentEndedWith("stopped");
    }

    @Test
    public void stopWhileStartIsRunningRevertsOnceStartReturns() throws Exception {
        Kit kit = new Kit(ObservedProvider.Failure.NONE, true);
        String id = kit.start(validParameters());
        CompletableFuture<Experiment> stop;
        try {
            assertThat(kit.observed.awaitStartReturned(WAIT)).as("start() returned within %s", WAIT).isTrue();
            stop = CompletableFuture.supplyAsync(() -> kit.engine.stopExperiment(id),
                    command -> new Thread(command, "compatibility-kit-stop").start());
            Await.until(() -> kit.get(id).state().status() == ExperimentStatus.STOPPING, WAIT,
                    "the experiment is stopping", () -> kit.get(id).state());
            assertThat(kit.observed.steps()).as("revert steps run while start() has not returned")
                    .allMatch(s -> s.runs() == 0);
        } finally {
            kit.observed.release();
        }
        stop.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        kit.clock.awaitIdle();
        Experiment stopped = kit.get(id);
        FisAssertions.assertThat(stopped).isStopped().hasActionState(ACTION, ActionStatus.STOPPED);
        assertEveryStepRanOnce(kit);
        assertNothingArmed(kit.engine);
    }

    @Test
    public void closingTheEngineRevertsEveryStepExactlyOnce() {
        Kit kit = new Kit(ObservedProvider.Failure.NONE, false);
        String id = kit.start(validParameters());
        kit.clock.awaitIdle();
        kit.engine.close();
        Experiment closed = kit.get(id);
        FisAssertions.assertThat(closed).hasEnded();
        assertEveryStepRanOnce(kit);
        assertNothingArmed(kit.engine);
    }

    @Test
    public void exceptionFromStartFailsTheActionWithItsMessage() {
        Map<String, String> invalid = invalidParameters();
        Kit kit = new Kit(invalid == null ? ObservedProvider.Failure.BEFORE_START : ObservedProvider.Failure.NONE,
                false);
        String id;
        try {
            id = kit.start(invalid == null ? validParameters() : invalid);
        } catch (ValidationException e) {
            throw new AssertionError("invalidParameters() " + invalid + " must pass the engine's validation and make "
                    + "start() throw, but the template was rejected: " + e.getMessage(), e);
        }
        Experiment failed = FisTestkit.advanceUntilEnded(kit.engine, kit.clock, id, runLimit());
        Throwable thrown = kit.observed.thrown();
        assertThat(thrown).as("what start() threw with invalidParameters() %s", invalid).isNotNull();
        String reason = reason(thrown);
        FisAssertions.assertThat(failed).isFailed().hasError("ActionFailed", ACTION)
                .hasActionState(ACTION, ActionStatus.FAILED);
        assertThat(failed.actions().get(ACTION).state().reason()).as("the failed action's reason").isEqualTo(reason);
        FisAssertions.assertThat(kit.recorder.log(id)).hasActionError(ACTION, reason)
                .hasActionEnded(ACTION, "failed").experimentEndedWith("failed");
        assertEveryStepRanOnce(kit);
        assertNothingArmed(kit.engine);
    }

    @Test
    public void failureAfterStartStillRevertsEveryStep() {
        Kit kit = new Kit(ObservedProvider.Failure.AFTER_START, false);
        String id = kit.start(validParameters());
        Experiment failed = FisTestkit.advanceUntilEnded(kit.engine, kit.clock, id, runLimit());
        FisAssertions.assertThat(failed).isFailed().hasActionState(ACTION, ActionStatus.FAILED)
                .hasActionReasonContaining(ACTION, ObservedProvider.FAILURE_MESSAGE);
        assertEveryStepRanOnce(kit);
        assertNothingArmed(kit.engine);
    }

    // ----------------------------------------------------------------------------------------------- machinery

    private static void assertEveryStepRanOnce(Kit kit) {
        List<CountedStep> steps = kit.observed.steps();
        assertThat(steps).as("each revert step the provider registered ran exactly once")
                .allMatch(s -> s.runs() == 1);
    }

    private static String reason(Throwable t) {
        String m = t.getMessage();
        String r = m == null || m.isBlank() ? t.getClass().getName() : m;
        return r.length() <= 512 ? r : r.substring(0, 511) + "…";
    }

    private static Duration duration(ActionDescriptor d, Map<String, String> parameters) {
        if (d.durationParameter() == null) {
            return null;
        }
        String v = parameters.get(d.durationParameter());
        if (v == null) {
            v = d.parameter(d.durationParameter()).map(ParameterDescriptor::defaultValue).orElse(null);
        }
        return v == null ? null : Duration.parse(v);
    }

    private CreateExperimentTemplateRequest template(ActionDescriptor d, Map<String, String> parameters) {
        Map<String, ExperimentTemplateTarget> templateTargets = new LinkedHashMap<>();
        Map<String, String> actionTargets = new LinkedHashMap<>();
        for (Map.Entry<String, List<TargetResource>> e : new TreeMap<>(targets()).entrySet()) {
            TargetKeyDescriptor key = d.target(e.getKey()).orElseThrow(() -> new AssertionError("targets() names "
                    + "target key " + e.getKey() + ", which " + d.id() + " does not declare"));
            List<String> arns = e.getValue().stream().map(TargetResource::arn).toList();
            ExperimentTemplateTarget target;
            if (key.identification().contains(Identification.ARNS) && !arns.isEmpty()) {
                target = new ExperimentTemplateTarget(resourceType(key), arns, null, null, "ALL", null);
            } else if (key.identification().contains(Identification.TAGS)) {
                target = new ExperimentTemplateTarget(resourceType(key), null, Map.of(TARGET_TAG, key.key()), null,
                        "ALL", null);
            } else {
                throw new AssertionError("target key " + key.key() + " of " + d.id() + " allows neither ARNs nor tags "
                        + "(" + key.identification() + "); the compatibility kit identifies targets by one of them");
            }
            templateTargets.put(key.key(), target);
            actionTargets.put(key.key(), key.key());
        }
        ExperimentTemplateAction action = new ExperimentTemplateAction(d.id(), "compatibility kit", parameters,
                actionTargets.isEmpty() ? null : actionTargets, null);
        return new CreateExperimentTemplateRequest(null, "compatibility kit: " + d.id(),
                templateTargets.isEmpty() ? null : templateTargets, Map.of(ACTION, action),
                List.of(InMemoryStopCondition.spec("compatibility-kit")), ROLE_ARN, null, null, null, null);
    }

    /** One engine on a manual clock with the observed provider. */
    private final class Kit {
        final ManualClock clock = new ManualClock(ManualClock.DEFAULT_START, WAIT);
        final ExperimentLogRecorder recorder = new ExperimentLogRecorder();
        final InMemoryStopCondition switches = new InMemoryStopCondition();
        final ObservedProvider observed;
        final FisEngine engine;

        Kit(ObservedProvider.Failure failure, boolean pauseAfterStart) {
            observed = new ObservedProvider(provider(), failure, pauseAfterStart);
            ActionDescriptor d = observed.descriptor();
            Plugins.Builder plugins = Plugins.builder().action(observed).stopCondition(switches)
                    .stopCondition(new NoneStopConditionProvider());
            Map<String, Map<String, List<TargetResource>>> byType = new TreeMap<>();
            for (Map.Entry<String, List<TargetResource>> e : targets().entrySet()) {
                d.target(e.getKey()).ifPresent(key -> byType.computeIfAbsent(resourceType(key),
                        t -> new LinkedHashMap<>()).put(key.key(), e.getValue()));
            }
            byType.forEach((type, byTarget) -> plugins.resolver(new FixedTargetResolver(type, byTarget)));
            configurePlugins(plugins);
            FisEngine.Builder builder = recorder.attachTo(FisTestkit.engineBuilder(clock)).slf4jLog(false);
            configureEngine(builder);
            engine = builder.plugins(plugins.build()).build();
            engines.add(engine);
        }

        String start(Map<String, String> parameters) {
            String templateId = engine.createExperimentTemplate(template(observed.descriptor(), parameters)).id();
            return engine.startExperiment(templateId).id();
        }

        Experiment get(String id) {
            return engine.getExperiment(id);
        }
    }
}
