package dev.fisengine.testkit;

import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.EngineClock;
import dev.fisengine.engine.time.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Entry points of the testkit: the engine's {@link ManualClock} (this kit does not have a clock of its own), engine
 * options and builders for tests, template resources, and running an experiment to its end on simulated time.
 *
 * <pre>{@code
 * ManualClock clock = FisTestkit.manualClock();
 * ExperimentLogRecorder log = new ExperimentLogRecorder();
 * try (FisEngine engine = log.attachTo(FisTestkit.engineBuilder(clock)).build()) {
 *     String templateId = engine.createExperimentTemplate(FisTestkit.resource(getClass(), "templates/wait.json")).id();
 *     String id = engine.startExperiment(templateId).id();
 *     Experiment done = FisTestkit.advanceUntilEnded(engine, clock, id, Duration.ofHours(1));
 *     FisAssertions.assertThat(done).isCompleted();
 * }
 * }</pre>
 */
public final class FisTestkit {
    /** The seed {@link #engineBuilder} gives the engine, so target selection (COUNT / PERCENT) is reproducible. */
    public static final long DEFAULT_SEED = 42L;

    private FisTestkit() {}

    /** A {@link ManualClock} at {@link ManualClock#DEFAULT_START} (2026-01-01T00:00:00Z). */
    public static ManualClock manualClock() {
        return new ManualClock();
    }

    /** A {@link ManualClock} at {@code start}. */
    public static ManualClock manualClock(Instant start) {
        return new ManualClock(start);
    }

    /**
     * {@link EngineOptions#defaults()} for tests: no JVM shutdown hook (tests close their engines). Everything else,
     * including the process-wide safety-lever switch, is as in production.
     */
    public static EngineOptions testOptions() {
        return EngineOptions.builder().shutdownHook(false).build();
    }

    /**
     * A builder of an engine on {@code clock} with {@link #testOptions()}, seed {@link #DEFAULT_SEED} and the plugins
     * {@link java.util.ServiceLoader} finds; add a recorder with {@link ExperimentLogRecorder#attachTo}.
     */
    public static FisEngine.Builder engineBuilder(EngineClock clock) {
        return FisEngine.builder().clock(Objects.requireNonNull(clock, "clock")).options(testOptions())
                .seed(DEFAULT_SEED);
    }

    /**
     * The UTF-8 text of the classpath resource {@code path}, looked up with {@code anchor}'s class loader (a leading
     * {@code /} is optional: paths are always from the classpath root).
     *
     * @throws IllegalArgumentException naming the resource when it does not exist
     */
    public static String resource(Class<?> anchor, String path) {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(path, "path");
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (name.isBlank()) {
            throw new IllegalArgumentException("template resource: the path is empty");
        }
        ClassLoader loader = anchor.getClassLoader() != null ? anchor.getClassLoader()
                : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("template resource \"" + path + "\" is not on the classpath of "
                        + anchor.getName() + " (put it under src/test/resources/" + name + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("template resource \"" + path + "\" could not be read", e);
        }
    }

    /**
     * Moves {@code clock} from one scheduled task to the next until experiment {@code experimentId} has ended, and
     * returns it. The clock stops at the instant the experiment ended (not later), so {@code endTime} equals
     * {@code clock.instant()}.
     *
     * @param limit how much simulated time may pass
     * @throws AssertionError when the experiment has not ended within {@code limit}, or when it is still going and
     *     nothing is scheduled that could end it (a plugin waits for something that never comes)
     */
    public static Experiment advanceUntilEnded(FisEngine engine, ManualClock clock, String experimentId,
            Duration limit) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(experimentId, "experimentId");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("limit: " + limit + " is negative");
        }
        Instant deadline = clock.instant().plus(limit);
        clock.awaitIdle();
        while (true) {
            Experiment e = engine.getExperiment(experimentId);
            ExperimentStatus status = e.state().status();
            if (status.isTerminal()) {
                return e;
            }
            Instant next = clock.nextTaskTime();
            if (next == null) {
                throw new AssertionError("Experiment " + experimentId + " is " + status.wireName() + " at "
                        + clock.instant() + " and nothing is scheduled on the manual clock that could end it");
            }
            if (next.isAfter(deadline)) {
                clock.advanceTo(deadline);
                e = engine.getExperiment(experimentId);
                if (e.state().status().isTerminal()) {
                    return e;
                }
                throw new AssertionError("Experiment " + experimentId + " had not ended after " + limit
                        + " of simulated time: it is " + e.state().status().wireName() + " at " + clock.instant()
                        + " (" + e.state().reason() + ")");
            }
            clock.advanceTo(next);
        }
    }
}
