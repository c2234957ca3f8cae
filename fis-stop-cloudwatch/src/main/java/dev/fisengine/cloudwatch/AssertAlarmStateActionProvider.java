package dev.fisengine.cloudwatch;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.cloudwatch.internal.AlarmArn;
import dev.fisengine.cloudwatch.internal.AlarmReadResult;
import dev.fisengine.cloudwatch.internal.AlarmState;
import dev.fisengine.cloudwatch.internal.Components;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code aws:cloudwatch:assert-alarm-state} action (the template's {@code actions.*.actionId}): verifies that
 * each alarm of {@code alarmArns} (at most 5) is in one of {@code alarmStates}. It has no targets and no duration:
 * it completes when every alarm is in one of the states, and otherwise fails (and so fails the experiment) with a
 * reason naming each alarm that is not, or that does not exist, or that could not be read. The alarms are read
 * fresh, with the same clients and the same retries of single blips as the stop condition.
 */
public final class AssertAlarmStateActionProvider implements ActionProvider {
    /** The {@code actionId} this provider answers for. */
    public static final String ACTION_ID = "aws:cloudwatch:assert-alarm-state";

    static final int MAX_ALARMS = 5;
    private static final List<String> STATES =
            List.of(AlarmState.OK, AlarmState.ALARM, AlarmState.INSUFFICIENT_DATA);

    private static final ActionDescriptor DESCRIPTOR = ActionDescriptor.builder(ACTION_ID)
            .description("Verifies that the specified alarms are in one of the specified alarm states.")
            .parameter(ParameterDescriptor.builder("alarmArns", ParameterFormat.ARN_LIST)
                    .description("The ARNs of the alarms, separated by commas. You can specify up to five alarms.")
                    .required()
                    .maxItems(MAX_ALARMS)
                    .build())
            .parameter(ParameterDescriptor.builder("alarmStates", ParameterFormat.LIST)
                    .description("The alarm states, separated by commas. The possible alarm states are OK, ALARM,"
                            + " and INSUFFICIENT_DATA.")
                    .required()
                    .allowedValues(STATES.toArray(new String[0]))
                    .build())
            .build();

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ActionContext context) {
        String where = "actions." + context.actionName() + ".parameters.";
        List<AlarmArn> alarms = parseAlarms(context.parameter("alarmArns"), where + "alarmArns");
        Set<String> states = parseStates(context.parameter("alarmStates"), where + "alarmStates");

        Map<String, AlarmReadResult> results = Components.reader(context.runtime()).read(alarms, null);
        List<String> problems = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (AlarmArn arn : alarms) {
            AlarmReadResult r = results.get(arn.arn());
            if (r == null) {
                problems.add("alarm " + arn + " was not read");
            } else if (r.missing()) {
                problems.add("alarm " + arn + " does not exist (" + r.problem() + ")");
            } else if (r.isFailure()) {
                problems.add("alarm " + arn + " could not be read: " + r.problem());
            } else if (!states.contains(r.state().stateValue())) {
                problems.add("alarm " + arn + " is " + r.state().describe());
            } else {
                fine.add(arn.name() + "=" + r.state().stateValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Expected every alarm in " + String.join("|", states) + ", but "
                    + String.join("; ", problems));
        }
        context.log().info("every alarm is in " + String.join("|", states) + ": " + String.join(", ", fine));
    }

    private static List<AlarmArn> parseAlarms(String value, String where) {
        List<String> items = split(value, where);
        if (items.size() > MAX_ALARMS) {
            throw new IllegalArgumentException(where + ": " + items.size() + " alarms given, at most " + MAX_ALARMS
                    + " are allowed");
        }
        List<AlarmArn> arns = new ArrayList<>();
        for (String item : items) {
            arns.add(AlarmArn.parse(item, where));
        }
        return arns;
    }

    private static Set<String> parseStates(String value, String where) {
        Set<String> states = new LinkedHashSet<>();
        for (String item : split(value, where)) {
            if (!STATES.contains(item)) {
                throw new IllegalArgumentException(where + ": \"" + item + "\" is not an alarm state (one of "
                        + String.join(", ", STATES) + ")");
            }
            states.add(item);
        }
        return states;
    }

    private static List<String> split(String value, String where) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + ": is required");
        }
        List<String> items = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String item = part.trim();
            if (item.isEmpty()) {
                throw new IllegalArgumentException(where + ": \"" + value + "\" has an empty item");
            }
            items.add(item);
        }
        return items;
    }
}
