package dev.fisengine.aws.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.KillSwitch;
import dev.fisengine.api.spi.FaultGate;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.ApiFaultRule;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The engine-owned gate and the process-wide kill switch act at the fault index: a closed gate stops a rule from
 * firing at once, before any revert step disarms it, and refuses new rules.
 */
@ResourceLock("dev.fisengine.api.KillSwitch")
class FaultGateTest {
    private static final String ROLE = "arn:aws:iam::1:role/x";
    private final AtomicBoolean experimentOpen = new AtomicBoolean(true);
    private final FaultGate experimentGate = experimentOpen::get;

    @AfterEach
    void release() {
        KillSwitch.release();
        System.clearProperty(KillSwitch.PROPERTY);
    }

    @Test
    void aClosedExperimentGateStopsTheRuleAtOnceWhileItIsStillArmed() {
        FaultRegistry registry = new FaultRegistry("gate");
        ArmedRule rule = (ArmedRule) registry.arm(throttle(), experimentGate);
        assertThat(rule.fire(ROLE)).isEqualTo(ApiFault.throttle());
        experimentOpen.set(false);
        assertThat(rule.isArmed()).isTrue();               // no revert step has run
        assertThat(rule.fire(ROLE)).isNull();               // and yet nothing fires
        assertThat(rule.injectedFaults()).isEqualTo(1);
    }

    @Test
    void nothingIsArmedThroughAClosedGate() {
        FaultRegistry registry = new FaultRegistry("gate");
        experimentOpen.set(false);
        assertThatThrownBy(() -> registry.arm(throttle(), experimentGate))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Cannot arm dynamodb fault");
        assertThat(registry.isIdle()).isTrue();
    }

    @Test
    void theEngineGateClosesEveryRuleOfTheRegistry() {
        AtomicBoolean engineOpen = new AtomicBoolean(true);
        FaultRegistry registry = new FaultRegistry("engine", engineOpen::get);
        ArmedRule viaExperiment = (ArmedRule) registry.arm(throttle(), experimentGate);
        ArmedRule direct = (ArmedRule) registry.arm(throttle());
        engineOpen.set(false);
        assertThat(viaExperiment.fire(ROLE)).isNull();
        assertThat(direct.fire(ROLE)).isNull();
        assertThatThrownBy(() -> registry.arm(throttle())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theKillSwitchFromCodeStopsInjectionProcessWideAndReleases() {
        FaultRegistry registry = new FaultRegistry("kill");
        ArmedRule rule = (ArmedRule) registry.arm(throttle());
        KillSwitch.engage("game day over");
        assertThat(rule.fire(ROLE)).isNull();
        assertThat(KillSwitch.reason()).contains("game day over");
        assertThatThrownBy(() -> registry.arm(throttle())).hasMessageContaining("game day over");
        KillSwitch.release();
        assertThat(rule.fire(ROLE)).isEqualTo(ApiFault.throttle());
    }

    @Test
    void theKillSwitchPropertyIsReadAtRunTime() {
        FaultRegistry registry = new FaultRegistry("property");
        ArmedRule rule = (ArmedRule) registry.arm(throttle());
        System.setProperty(KillSwitch.PROPERTY, "ENGAGED");
        assertThat(rule.fire(ROLE)).isNull();
        assertThat(KillSwitch.reason()).contains(KillSwitch.PROPERTY);
        System.clearProperty(KillSwitch.PROPERTY);
        assertThat(rule.fire(ROLE)).isEqualTo(ApiFault.throttle());
    }

    @Test
    void closingTheRegistryUnbindsZeroCodeClientsBoundToIt() {
        FaultRegistry registry = new FaultRegistry("zero-code");
        FaultRegistry other = new FaultRegistry("other");
        DefaultBinding.set(new ClientBinding(other, ROLE));
        registry.close();
        assertThat(DefaultBinding.get()).isNotNull();      // bound elsewhere: untouched
        DefaultBinding.set(new ClientBinding(registry, ROLE));
        registry.arm(throttle());
        registry.close();
        assertThat(DefaultBinding.get()).isNull();
        assertThat(DefaultBinding.INSTANCE.current()).isSameAs(FaultIndex.EMPTY);
    }

    private static ApiFaultRule throttle() {
        return ApiFaultRule.builder().service("dynamodb").operations("GetItem").fault(ApiFault.throttle()).build();
    }
}
