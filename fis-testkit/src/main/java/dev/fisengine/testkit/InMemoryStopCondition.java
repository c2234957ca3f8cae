package dev.fisengine.testkit;

import dev.fisengine.api.model.StopConditionSpec;
import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.StopConditionStatus;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A stop condition a test triggers: the template's {@code stopConditions[].source} {@value #SOURCE}, whose
 * {@code value} is {@value #VALUE_PREFIX} followed by a switch name:
 * {@code {"source": "fisengine:test:switch", "value": "fisengine:test:switch/orders-alarm"}} (FIS requires stop-condition
 * values of at least 20 characters, hence the prefix). While the switch is {@linkplain #trigger triggered}, every check of the condition reports it triggered with the given reason, so the
 * engine stops the experiment at its next poll (every {@code EngineOptions.stopConditionPollInterval}, 5 s by default:
 * with a manual clock, advance it that far). A switch can also be made unreadable ({@link #failChecks}) to exercise
 * the engine's handling of stop conditions that cannot be read.
 *
 * <p>An engine extension ({@code fisengine:} namespace): AWS FIS has no such source, and templates using it fail
 * validation in {@code strict-aws} mode. Register one instance per engine (e.g.
 * {@code Plugins.builder().stopCondition(switches)}); it is not found by {@link java.util.ServiceLoader}, so each test
 * holds the instance it triggers and engines do not share switches. Thread-safe.
 */
public final class InMemoryStopCondition implements StopConditionProvider {
    /** The stop-condition source this provider answers for. */
    public static final String SOURCE = "fisengine:test:switch";
    /** What a switch name looks like: letters, digits and {@code . _ - / :}, up to 128 characters. */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}";
    /** What a condition's {@code value} starts with; the switch name follows. */
    public static final String VALUE_PREFIX = "fisengine:test:switch/";

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final String VALUE_PATTERN = Pattern.quote(VALUE_PREFIX) + NAME_PATTERN;
    private static final StopConditionDescriptor DESCRIPTOR = new StopConditionDescriptor(SOURCE,
            "An in-memory switch that a test triggers (fisengine extension for tests; not available in AWS FIS).",
            true, VALUE_PATTERN, "fisengine:test:switch/ followed by a switch name, e.g. "
                    + "fisengine:test:switch/orders-alarm");

    private final Map<String, Switch> switches = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
    private final AtomicInteger openMonitors = new AtomicInteger();

    /** The state of one switch: triggered with a reason, or failing its checks with a message. */
    private record Switch(boolean triggered, String text) {}

    /** The condition's {@code value} for switch {@code name}: {@code fisengine:test:switch/NAME}. */
    public static String value(String name) {
        return VALUE_PREFIX + checkName(name);
    }

    /** The stop condition for a template: {@code {"source": "fisengine:test:switch", "value": value(name)}}. */
    public static StopConditionSpec spec(String name) {
        return new StopConditionSpec(SOURCE, value(name));
    }

    @Override
    public StopConditionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Triggers switch {@code name} (the name, or the whole condition value): from now on its checks report it triggered, and the experiment's state reason
     * becomes "Experiment stopped by stop condition ...: {@code reason}".
     */
    public void trigger(String name, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason: must not be blank (it becomes the experiment's state reason)");
        }
        switches.put(checkName(name), new Switch(true, reason));
    }

    /** Triggers switch {@code name} with the reason "switch NAME was triggered". */
    public void trigger(String name) {
        trigger(name, "switch " + checkName(name) + " was triggered");
    }

    /**
     * Makes every check of switch {@code name} throw an {@link IllegalStateException} with {@code message} (the
     * condition "cannot be read"), until {@link #reset}.
     */
    public void failChecks(String name, String message) {
        Objects.requireNonNull(message, "message");
        switches.put(checkName(name), new Switch(false, message));
    }

    /** Returns switch {@code name} to its quiet state. */
    public void reset(String name) {
        switches.remove(checkName(name));
    }

    /** Returns every switch to its quiet state (the check counters stay). */
    public void resetAll() {
        switches.clear();
    }

    /** Whether switch {@code name} is triggered. */
    public boolean isTriggered(String name) {
        Switch s = switches.get(checkName(name));
        return s != null && s.triggered;
    }

    /** How many times the engine has checked switch {@code name}, across every experiment. */
    public int checks(String name) {
        AtomicInteger n = checks.get(checkName(name));
        return n == null ? 0 : n.get();
    }

    /** Monitors opened and not yet closed (the engine closes them when the experiment ends). */
    public int openMonitors() {
        return openMonitors.get();
    }

    @Override
    public StopConditionMonitor open(StopConditionContext context) {
        String value = context.value();
        if (value == null || !value.startsWith(VALUE_PREFIX)
                || !NAME.matcher(value.substring(VALUE_PREFIX.length())).matches()) {
            throw new IllegalArgumentException("stop condition " + SOURCE + ": value \"" + value + "\" is not "
                    + VALUE_PREFIX + " followed by a switch name (" + NAME_PATTERN + ")");
        }
        String name = value.substring(VALUE_PREFIX.length());
        AtomicInteger counter = checks.computeIfAbsent(name, k -> new AtomicInteger());
        openMonitors.incrementAndGet();
        return new StopConditionMonitor() {
            private final AtomicBoolean closed = new AtomicBoolean();

            @Override
            public StopConditionStatus check() {
                counter.incrementAndGet();
                Switch s = switches.get(name);
                if (s == null) {
                    return StopConditionStatus.ok();
                }
                if (!s.triggered) {
                    throw new IllegalStateException(s.text);
                }
                return StopConditionStatus.triggered(s.text);
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    openMonitors.decrementAndGet();
                }
            }
        };
    }

    /** The switch name; a full condition value ({@value #VALUE_PREFIX}NAME) is accepted too. */
    private static String checkName(String name) {
        Objects.requireNonNull(name, "switch name");
        if (name.startsWith(VALUE_PREFIX)) {
            name = name.substring(VALUE_PREFIX.length());
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("switch name \"" + name + "\" is not valid: use letters, digits and "
                    + ". _ : / - (" + NAME_PATTERN + ")");
        }
        return name;
    }

    @Override
    public String toString() {
        return "InMemoryStopCondition" + switches.keySet();
    }
}
