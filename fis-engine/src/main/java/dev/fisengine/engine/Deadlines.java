package dev.fisengine.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the engine waits for each kind of plugin call before it interrupts and abandons it (real time, whatever
 * the engine's clock: these guard against threads that hang). Nothing a plugin or listener does can make the engine
 * wait longer; see {@code docs/engine.md} for what happens on expiry and for the bound this gives
 * {@code stopExperiment}, the safety lever and {@code close()}.
 *
 * @param targetResolution one target resolver call (30 s); on expiry target resolution fails and so does the
 *     experiment
 * @param actionStart one action's {@code start} (30 s); on expiry the action fails and the experiment stops
 * @param revert all revert steps of one action, run in order (30 s); on expiry the remaining steps are recorded as
 *     failed, with the reason in the action's state and the log. The reverts of different actions run in parallel,
 *     so this is also the bound on how long an experiment takes to stop
 * @param stopConditionOpen opening one stop-condition monitor and its check before start (30 s)
 * @param stopConditionCheck one round of stop-condition checks while running; {@code null} (the default) means the
 *     engine's poll interval. On expiry the round counts as a failed read
 * @param listener one call of a listener or log sink (10 s); on expiry the call is abandoned and the following events
 *     are delivered on another thread
 * @param startHook the engine's start hooks ({@link dev.fisengine.api.spi.EngineStartHook}), which run in parallel
 *     while the engine is built (30 s); on expiry the hooks still running are interrupted and abandoned, a warning
 *     names them, and the engine starts
 */
public record Deadlines(
        Duration targetResolution,
        Duration actionStart,
        Duration revert,
        Duration stopConditionOpen,
        Duration stopConditionCheck,
        Duration listener,
        Duration startHook) {

    public Deadlines {
        positive("targetResolution", targetResolution);
        positive("actionStart", actionStart);
        positive("revert", revert);
        positive("stopConditionOpen", stopConditionOpen);
        if (stopConditionCheck != null) {
            positive("stopConditionCheck", stopConditionCheck);
        }
        positive("listener", listener);
        positive("startHook", startHook);
    }

    /** The deadlines with the default start-hook deadline (30 s). */
    public Deadlines(Duration targetResolution, Duration actionStart, Duration revert, Duration stopConditionOpen,
            Duration stopConditionCheck, Duration listener) {
        this(targetResolution, actionStart, revert, stopConditionOpen, stopConditionCheck, listener,
                Duration.ofSeconds(30));
    }

    /**
     * 30 s for resolution, start, revert, opening a stop condition and the start hooks; the poll interval for a
     * check; 10 s for a listener.
     */
    public static Deadlines defaults() {
        Duration d = Duration.ofSeconds(30);
        return new Deadlines(d, d, d, d, null, Duration.ofSeconds(10), d);
    }

    /** Every deadline set to {@code d} (tests with plugins that hang use a short one). */
    public static Deadlines all(Duration d) {
        return new Deadlines(d, d, d, d, d, d, d);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("Deadlines." + name + " must be positive: " + d);
        }
    }

    /** Builder for {@link Deadlines}. */
    public static final class Builder {
        private Duration targetResolution;
        private Duration actionStart;
        private Duration revert;
        private Duration stopConditionOpen;
        private Duration stopConditionCheck;
        private Duration listener;
        private Duration startHook;

        private Builder(Deadlines d) {
            targetResolution = d.targetResolution;
            actionStart = d.actionStart;
            revert = d.revert;
            stopConditionOpen = d.stopConditionOpen;
            stopConditionCheck = d.stopConditionCheck;
            listener = d.listener;
            startHook = d.startHook;
        }

        public Builder targetResolution(Duration value) {
            targetResolution = value;
            return this;
        }

        public Builder actionStart(Duration value) {
            actionStart = value;
            return this;
        }

        public Builder revert(Duration value) {
            revert = value;
            return this;
        }

        public Builder stopConditionOpen(Duration value) {
            stopConditionOpen = value;
            return this;
        }

        public Builder stopConditionCheck(Duration value) {
            stopConditionCheck = value;
            return this;
        }

        public Builder listener(Duration value) {
            listener = value;
            return this;
        }

        public Builder startHook(Duration value) {
            startHook = value;
            return this;
        }

        public Deadlines build() {
            return new Deadlines(targetResolution, actionStart, revert, stopConditionOpen, stopConditionCheck,
                    listener, startHook);
        }
    }
}
