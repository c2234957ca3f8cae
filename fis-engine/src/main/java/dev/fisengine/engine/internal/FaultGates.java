package dev.fisengine.engine.internal;

import dev.fisengine.api.KillSwitch;
import dev.fisengine.api.spi.FaultGate;

/**
 * The engine's fault gates (see {@link FaultGate}): one per engine, closed while its safety lever is engaged and for
 * good when it closes, and always closed while the process-wide {@link KillSwitch} is engaged; and one per experiment,
 * which the engine closes the moment the experiment starts ending. Closing is a volatile write by the engine itself,
 * so stop, the lever and the kill switch never wait for a plugin to disarm anything.
 */
public final class FaultGates {
    private FaultGates() {}

    /** The engine's gate. */
    public static final class EngineGate implements FaultGate {
        private volatile String leverReason;
        private volatile String closedReason;

        @Override
        public boolean isOpen() {
            return closedReason == null && leverReason == null && !KillSwitch.isEngaged();
        }

        @Override
        public String closedReason() {
            String r = closedReason;
            if (r != null) {
                return r;
            }
            r = leverReason;
            if (r != null) {
                return r;
            }
            return KillSwitch.reason();
        }

        /** The safety lever is engaged ({@code reason}) or, with {@code null}, disengaged. */
        public void lever(String reason) {
            leverReason = reason;
        }

        /** For good: the engine is closed. */
        public void close(String reason) {
            if (closedReason == null) {
                closedReason = reason;
            }
        }
    }

    /** One experiment's gate; also closed whenever its engine's gate is. */
    static final class ExperimentGate implements FaultGate {
        private final EngineGate engine;
        private volatile String closedReason;

        ExperimentGate(EngineGate engine) {
            this.engine = engine;
        }

        @Override
        public boolean isOpen() {
            return closedReason == null && engine.isOpen();
        }

        @Override
        public String closedReason() {
            String r = closedReason;
            return r != null ? r : engine.closedReason();
        }

        /** For good; the first reason is kept. */
        void close(String reason) {
            if (closedReason == null) {
                closedReason = reason;
            }
        }
    }
}
