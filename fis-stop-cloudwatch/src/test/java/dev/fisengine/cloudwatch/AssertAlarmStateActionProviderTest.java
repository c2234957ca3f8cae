package dev.fisengine.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.cloudwatch.testserver.FakeCloudWatchServer.Fault;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssertAlarmStateActionProviderTest extends CloudWatchFixture {
    private final AssertAlarmStateActionProvider provider = new AssertAlarmStateActionProvider();

    private TestActionContext run(String alarmArns, String alarmStates) {
        TestActionContext context = new TestActionContext(runtime, AssertAlarmStateActionProvider.ACTION_ID,
                Map.of("alarmArns", alarmArns, "alarmStates", alarmStates));
        provider.start(context);
        return context;
    }

    @Test
    void describesItselfAsTheFisAction() {
        ActionDescriptor d = provider.descriptor();

        assertThat(d.id()).isEqualTo("aws:cloudwatch:assert-alarm-state");
        assertThat(d.targets()).isEmpty();
        assertThat(d.durationParameter()).isNull();
        assertThat(d.availableInAws()).isTrue();
        ParameterDescriptor arns = d.parameter("alarmArns").orElseThrow();
        assertThat(arns.required()).isTrue();
        assertThat(arns.format()).isEqualTo(ParameterFormat.ARN_LIST);
        assertThat(arns.maxItems()).isEqualTo(5);
        ParameterDescriptor states = d.parameter("alarmStates").orElseThrow();
        assertThat(states.required()).isTrue();
        assertThat(states.format()).isEqualTo(ParameterFormat.LIST);
        assertThat(states.allowedValues()).containsExactly("OK", "ALARM", "INSUFFICIENT_DATA");
        assertThat(d.parameters()).hasSize(2);
    }

    @Test
    void completesWhenEveryAlarmIsInOneOfTheStates() {
        String a = east.putAlarm("a", "OK", "fine");
        String b = east.putAlarm("b", "INSUFFICIENT_DATA", "no data");
        String c = west.putAlarm("c", "OK", "fine");

        TestActionContext context = run(a + ", " + b + "," + c, "OK,INSUFFICIENT_DATA");

        assertThat(context.log).singleElement().asString()
                .contains("a=OK").contains("b=INSUFFICIENT_DATA").contains("c=OK");
        assertThat(context.reverts).isEmpty();
    }

    @Test
    void failsNamingEachAlarmThatIsNotInTheStates() {
        String a = east.putAlarm("a", "OK", "fine");
        String b = east.putAlarm("b", "ALARM", "Threshold Crossed");
        String c = west.putAlarm("c", "INSUFFICIENT_DATA", "no data");

        assertThatThrownBy(() -> run(a + "," + b + "," + c, "OK"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Expected every alarm in OK")
                .hasMessageContaining(b + " is ALARM")
                .hasMessageContaining("Threshold Crossed")
                .hasMessageContaining(c + " is INSUFFICIENT_DATA")
                .hasMessageNotContaining(a);
    }

    @Test
    void aMissingAlarmFailsTheAction() {
        String a = east.putAlarm("a", "OK", "fine");
        String missing = east.arn("missing");

        assertThatThrownBy(() -> run(a + "," + missing, "OK"))
                .hasMessageContaining(missing + " does not exist");
    }

    @Test
    void aCloudWatchThatCannotBeReadFailsTheActionButABlipIsRetried() {
        String a = east.putAlarm("a", "OK", "fine");
        east.failNext(1, Fault.THROTTLE);
        run(a, "OK");

        east.failAlways(Fault.INTERNAL_ERROR);
        assertThatThrownBy(() -> run(a, "OK"))
                .hasMessageContaining(a + " could not be read")
                .hasMessageContaining("InternalServiceFault (HTTP 500)");
    }

    @Test
    void badParametersNameTheParameterAndTheValue() {
        String a = east.putAlarm("a", "OK", "fine");
        String six = String.join(",", a, a, a, a, a, a);

        assertThatThrownBy(() -> run(six, "OK"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actions.checkAlarms.parameters.alarmArns: 6 alarms given, at most 5");
        assertThatThrownBy(() -> run("arn:aws:sqs:us-east-1:123456789012:q", "OK"))
                .hasMessageContaining("actions.checkAlarms.parameters.alarmArns: "
                        + "\"arn:aws:sqs:us-east-1:123456789012:q\" is not a CloudWatch alarm ARN");
        assertThatThrownBy(() -> run(a, "OK,BROKEN"))
                .hasMessageContaining("actions.checkAlarms.parameters.alarmStates: \"BROKEN\" is not an alarm state");
        assertThatThrownBy(() -> run(a + ",", "OK"))
                .hasMessageContaining("has an empty item");
    }
}
