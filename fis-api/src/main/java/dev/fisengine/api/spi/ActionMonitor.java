package dev.fisengine.api.spi;

/**
 * Makes an action's state follow what the action started, as AWS FIS does for {@code aws:ssm:send-command} (the
 * action completes when the command succeeds and fails when it fails). Registered from
 * {@link ActionProvider#start} with {@link ActionContext#monitor}.
 *
 * <p>While the action runs, the engine calls {@link #check} on its own clock (a manual clock in tests) every
 * interval, each call bounded like every plugin call (the action-start deadline). {@link Result#running()} keeps the
 * action running, until its duration (if it has one) elapses; {@link Result#completed} completes it at once and
 * {@link Result#failed} fails it (the experiment fails, as with a failing start); either way its revert steps run. A
 * check that throws or times out fails the action with that reason. Checks stop once the action ends.
 */
@FunctionalInterface
public interface ActionMonitor {
    Result check() throws Exception;

    /** What a check found. */
    record Result(Outcome outcome, String reason) {
        private static final Result RUNNING = new Result(Outcome.RUNNING, null);

        /** Still going: check again after the interval. */
        public static Result running() {
            return RUNNING;
        }

        /** Done: the action completes now ({@code reason} is logged). */
        public static Result completed(String reason) {
            return new Result(Outcome.COMPLETED, reason);
        }

        /** Failed: the action fails now with {@code reason} as its state's reason. */
        public static Result failed(String reason) {
            return new Result(Outcome.FAILED, reason);
        }
    }

    /** The three outcomes of a check. */
    enum Outcome { RUNNING, COMPLETED, FAILED }
}
