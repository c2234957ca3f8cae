package dev.fisengine.junit;

import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.EngineClock;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.junit.internal.EngineHolder;
import dev.fisengine.testkit.ExperimentLogRecorder;
import dev.fisengine.testkit.InMemoryStopCondition;
import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link FisExperiment} (register it alone with {@code @ExtendWith(FisExtension.class)}
 * to get only an engine):
 * <ul>
 *   <li>one {@link FisEngine} per test class (shared by its nested classes), built before its tests and closed after
 *       them, on a manual or the system clock ({@link ClockMode}), with the plugins {@link java.util.ServiceLoader}
 *       finds plus the class's {@link FisPlugins}, an {@link InMemoryStopCondition}, an
 *       {@link ExperimentLogRecorder}, and the class's {@link FisEngineSetup} customizations;
 *   <li>for each test with a {@link FisExperiment}: the template is created (once per class), the experiment started
 *       right before the test method (after {@code @BeforeEach}) unless {@link StartMode#MANUAL}, and, right after the
 *       test method (before {@code @AfterEach}), stopped with every fault reverted; an API fault of the experiment
 *       still armed then is disarmed and fails the test;
 *   <li>parameters of test, lifecycle and constructor methods: {@link FisExperimentRun}, {@link FisEngine} (also as
 *       {@link FisRuntime}), {@link EngineClock}, {@link ManualClock}, {@link InMemoryStopCondition},
 *       {@link ExperimentLogRecorder}, {@link ApiFaultRegistry}.
 * </ul>
 *
 * <p>Test classes may run in parallel: each has its own engine, and clients instrumented with
 * {@link FisExperimentRun#instrument} (or {@code FisSdk.instrument(builder, engine)}) see only that engine's faults.
 * Test methods of one class share its engine and should run sequentially (JUnit's default within a class).
 */
public final class FisExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        BeforeTestExecutionCallback, AfterTestExecutionCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FisExtension.class);
    private static final String HOLDER = "engine";
    private static final String RUN = "run";
    private static final String START = "start";
    private static final Duration MANUAL_TIMEOUT = Duration.ofHours(13);
    private static final Duration SYSTEM_TIMEOUT = Duration.ofMinutes(1);

    /** Created by JUnit. */
    public FisExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        holder(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        EngineHolder h = context.getStore(NS).get(HOLDER, EngineHolder.class);
        if (h != null && h.owner().equals(context.getUniqueId())) {
            h.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<FisExperiment> found = effectiveAnnotation(context);
        if (found.isEmpty()) {
            return;
        }
        FisExperiment annotation = found.get();
        EngineHolder h = holder(context);
        String where = "@FisExperiment(\"" + annotation.value() + "\") on " + context.getDisplayName() + " of "
                + context.getRequiredTestClass().getName();
        ClockMode engineClock = h.manualClock() != null ? ClockMode.MANUAL : ClockMode.SYSTEM;
        if (annotation.clock() != ClockMode.INHERIT && annotation.clock() != engineClock) {
            throw new ExtensionConfigurationException(where + " asks for clock " + annotation.clock() + ", but the "
                    + "engine of the test class runs on " + engineClock + " (one engine per class: the class's "
                    + "@FisExperiment decides the clock)");
        }
        if (annotation.value().isBlank()) {
            throw new ExtensionConfigurationException(where + ": the template resource is empty");
        }
        Duration timeout = timeout(annotation, engineClock, where);
        String templateId;
        try {
            templateId = h.templateId(annotation.value(), context.getRequiredTestClass());
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException(where + ": the template cannot be used: " + e.getMessage(), e);
        }
        ExtensionContext.Store store = context.getStore(NS);
        store.put(RUN, new FisExperimentRun(h, annotation.value(), templateId, timeout));
        store.put(START, annotation);
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        FisExperimentRun run = context.getStore(NS).get(RUN, FisExperimentRun.class);
        FisExperiment annotation = context.getStore(NS).get(START, FisExperiment.class);
        if (run == null || annotation.start() != StartMode.BEFORE_EACH) {
            return;
        }
        run.start();
        if (annotation.awaitCompletion()) {
            run.awaitCompletion();
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        FisExperimentRun run = context.getStore(NS).get(RUN, FisExperimentRun.class);
        if (run == null) {
            return;
        }
        try {
            run.finish();
        } finally {
            holder(context).switches().resetAll();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == FisExperimentRun.class || type == FisEngine.class || type == FisRuntime.class
                || type == EngineClock.class || type == ManualClock.class || type == InMemoryStopCondition.class
                || type == ExperimentLogRecorder.class || type == ApiFaultRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        if (type == FisExperimentRun.class) {
            FisExperimentRun run = extension.getStore(NS).get(RUN, FisExperimentRun.class);
            if (run == null) {
                throw new ParameterResolutionException("No FisExperimentRun for " + parameter.getDeclaringExecutable()
                        + ": it exists for test methods (and their @BeforeEach / @AfterEach methods) of a test or "
                        + "class annotated with @FisExperiment(\"template resource\")");
            }
            return run;
        }
        EngineHolder h = holder(extension);
        if (type == ManualClock.class) {
            if (h.manualClock() == null) {
                throw new ParameterResolutionException("No ManualClock for " + parameter.getDeclaringExecutable()
                        + ": the engine of " + extension.getRequiredTestClass().getName() + " runs on the system clock"
                        + " (@FisExperiment clock = SYSTEM); ask for an EngineClock instead");
            }
            return h.manualClock();
        }
        if (type == FisEngine.class || type == FisRuntime.class) {
            return h.engine();
        }
        if (type == EngineClock.class) {
            return h.engine().clock();
        }
        if (type == InMemoryStopCondition.class) {
            return h.switches();
        }
        if (type == ExperimentLogRecorder.class) {
            return h.recorder();
        }
        return ApiFaultRegistry.of(h.engine());
    }

    /** The engine of the test class of {@code context}, built on first use (shared with nested classes). */
    private static EngineHolder holder(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        ExtensionContext owner = classContext;
        Class<?> testClass = owner.getRequiredTestClass();
        return owner.getStore(NS).getOrComputeIfAbsent(HOLDER, k -> EngineHolder.build(testClass,
                classClock(testClass) != ClockMode.SYSTEM, owner.getUniqueId()), EngineHolder.class);
    }

    /** The clock the class asks for: its (or an enclosing class's) @FisExperiment's, MANUAL if none says. */
    private static ClockMode classClock(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<FisExperiment> a = AnnotationSupport.findAnnotation(c, FisExperiment.class);
            if (a.isPresent() && a.get().clock() != ClockMode.INHERIT) {
                return a.get().clock();
            }
        }
        return ClockMode.MANUAL;
    }

    /** The method's @FisExperiment, else its class's, else an enclosing class's. */
    private static Optional<FisExperiment> effectiveAnnotation(ExtensionContext context) {
        Optional<FisExperiment> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation((AnnotatedElement) m, FisExperiment.class));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<FisExperiment> a = AnnotationSupport.findAnnotation(c, FisExperiment.class);
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    private static Duration timeout(FisExperiment annotation, ClockMode clock, String where) {
        if (annotation.timeout().isBlank()) {
            return clock == ClockMode.MANUAL ? MANUAL_TIMEOUT : SYSTEM_TIMEOUT;
        }
        try {
            Duration d = Duration.parse(annotation.timeout());
            if (d.isNegative() || d.isZero()) {
                throw new ExtensionConfigurationException(where + ": timeout \"" + annotation.timeout()
                        + "\" is not positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new ExtensionConfigurationException(where + ": timeout \"" + annotation.timeout() + "\" is not an "
                    + "ISO-8601 duration such as PT30S", e);
        }
    }
}
