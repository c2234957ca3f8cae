package dev.fisengine.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ParameterDescriptor;
import dev.fisengine.api.spi.ParameterFormat;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.engine.builtin.WaitActionProvider;
import dev.fisengine.engine.plugins.Plugins;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActionDescriptorCheckTest {

    @Test
    void wellFormedDescriptorsHaveNoProblems() {
        assertThat(ActionDescriptorCheck.problems(new WaitActionProvider().descriptor())).isEmpty();
        assertThat(ActionDescriptorCheck.problems(ArmingAction.DESCRIPTOR)).isEmpty();
        for (var p : Plugins.discovered().actions()) {
            assertThat(ActionDescriptorCheck.problems(p.descriptor())).as(p.descriptor().id()).isEmpty();
        }
        assertThat(ActionDescriptorCheck.problems(ActionDescriptor.builder("acme:orders:drop-messages")
                .description("Custom prefix.").build())).isEmpty();
    }

    @Test
    void everyKindOfProblemIsNamedWithItsFieldAndValue() {
        ActionDescriptor d = ActionDescriptor.builder("fisengine:Bad_Id")
                .description(" ")
                .availableInAws(true)
                .parameter(ParameterDescriptor.builder("duration", ParameterFormat.STRING).build())
                .parameter(ParameterDescriptor.builder("wait", ParameterFormat.DURATION).defaultValue("PT5X").build())
                .parameter(ParameterDescriptor.builder("long", ParameterFormat.DURATION).defaultValue("PT2H")
                        .durations(Duration.ZERO, Duration.ofHours(1)).build())
                .parameter(ParameterDescriptor.builder("count", ParameterFormat.INTEGER).defaultValue("1.5").build())
                .parameter(ParameterDescriptor.builder("mode", ParameterFormat.ENUM).build())
                .parameter(ParameterDescriptor.builder("colour", ParameterFormat.ENUM).allowedValues("red")
                        .defaultValue("blue").build())
                .parameter(ParameterDescriptor.builder("flag", ParameterFormat.BOOLEAN).defaultValue("yes").build())
                .parameter(ParameterDescriptor.builder("bounds", ParameterFormat.NUMBER).range(5, 1).build())
                .parameter(ParameterDescriptor.builder("name", ParameterFormat.STRING).range(0, 1).required()
                        .defaultValue("x").build())
                .parameter(ParameterDescriptor.builder("ops", ParameterFormat.LIST).maxItems(1).defaultValue("a,b")
                        .build())
                .parameter(ParameterDescriptor.builder("svc", ParameterFormat.STRING).pattern("[a-z]+")
                        .defaultValue("DynamoDB").build())
                .target(new TargetKeyDescriptor("Things", Set.of(), true, Set.of(), 0))
                .target(TargetKeyDescriptor.of("Roles", "AWS::IAM::Role"))
                .durationParameter("duration")
                .build();
        assertThat(ActionDescriptorCheck.problems(d)).containsExactlyInAnyOrder(
                "id: \"fisengine:Bad_Id\" is not prefix:service:name in lower case ("
                        + ActionDescriptorCheck.ACTION_ID_PATTERN + ")",
                "availableInAws: true, but \"fisengine:Bad_Id\" is not an aws: action; only AWS FIS's own actions"
                        + " are available in AWS",
                "availableInAws: fisengine: extensions are never available in AWS FIS",
                "description: empty (GetAction shows it)",
                "parameters.wait: default \"PT5X\" is not an ISO-8601 duration",
                "parameters.long: default \"PT2H\" is above maxDuration PT1H",
                "parameters.count: default \"1.5\" is not a whole number",
                "parameters.mode: ENUM with no allowedValues",
                "parameters.colour: default \"blue\" is not one of [red]",
                "parameters.flag: default \"yes\" is not true or false",
                "parameters.bounds: minimum 5.0 is above maximum 1.0",
                "parameters.name: has numeric bounds but its format is STRING",
                "parameters.name: required, so its default \"x\" is never used",
                "parameters.ops: default \"a,b\" has 2 items, more than maxItems 1",
                "parameters.svc: default \"DynamoDB\" does not match the pattern [a-z]+",
                "durationParameter \"duration\": its format is STRING, not DURATION",
                "targets.Things: names no resource type",
                "targets.Things: allows no way to identify resources (identification is empty)",
                "targets.Things: maxResources 0 is not positive",
                "targets.Roles: resource type \"AWS::IAM::Role\" is not prefix:service:type in lower case");
    }

    @Test
    void parameterSetsAreCheckedAgainstTheDescriptor() {
        assertThat(ActionDescriptorCheck.parameterSetProblems(ArmingAction.DESCRIPTOR, Map.of("level", "3",
                "speed", "9"))).containsExactly("parameter \"speed\" is not declared by fisengine:test:arm",
                "required parameter \"duration\" of fisengine:test:arm is missing");
    }
}
