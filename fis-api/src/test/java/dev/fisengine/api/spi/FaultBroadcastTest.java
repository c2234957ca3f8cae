package dev.fisengine.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link FaultBroadcast}: ids, listeners (called with no lock held), counters summed per JVM, withdraw once. */
class FaultBroadcastTest {
    private final FaultBroadcast broadcast = new FaultBroadcast();
    private final List<String> calls = new ArrayList<>();

    @Test
    void publishesWithdrawsAndSumsTheCountersReportedByEachJvm() throws Exception {
        AutoCloseable registration = broadcast.listen(new FaultBroadcast.Listener() {
            @Override
            public void changed() {
                calls.add("changed " + broadcast.faults().size()); // would deadlock if a lock were held
            }

            @Override
            public void withdrawn(FaultBroadcast.Fault fault) {
                // the JVMs confirm while the withdrawing thread waits: their final counts count
                broadcast.report(fault.id(), "jvm-a", 5, 2);
                calls.add("withdrawn " + fault.id());
            }
        });
        FaultBroadcast.Fault a = broadcast.publish(Set.of("arn:aws:iam::1:role/a"), "{\"x\":1}", FaultGate.processWide());
        FaultBroadcast.Fault b = broadcast.publish(Set.of(), "{\"x\":2}", FaultGate.processWide());
        assertThat(b.id()).isGreaterThan(a.id());
        assertThat(broadcast.faults()).containsExactly(a, b);
        assertThat(broadcast.report(a.id(), "jvm-a", 3, 1)).isTrue();
        assertThat(broadcast.report(a.id(), "jvm-b", 10, 4)).isTrue();
        assertThat(broadcast.report(a.id(), "jvm-b", 7, 3)).isTrue(); // late, older: never lowers
        assertThat(broadcast.counters(a.id())).isEqualTo(new FaultBroadcast.Counters(13, 5, 2));

        assertThat(broadcast.withdraw(a)).isEqualTo(new FaultBroadcast.Counters(15, 6, 2));
        assertThat(broadcast.withdraw(a)).isEqualTo(FaultBroadcast.Counters.NONE);
        assertThat(broadcast.report(a.id(), "jvm-a", 9, 9)).isFalse();
        assertThat(broadcast.faults()).containsExactly(b);
        assertThat(calls).containsExactly("changed 1", "changed 2", "changed 1", "withdrawn " + a.id());

        registration.close();
        broadcast.withdraw(b);
        assertThat(calls).hasSize(4);
    }

    @Test
    void rolesDecideWhichJvmsAFaultConcernsAndAreCapped() {
        FaultBroadcast.Fault f = broadcast.publish(Set.of("arn:aws:iam::1:role/a"), "{}", FaultGate.processWide());
        assertThat(f.concerns(Set.of("arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b"))).isTrue();
        assertThat(f.concerns(Set.of("arn:aws:iam::1:role/b"))).isFalse();
        assertThat(f.concerns(Set.of())).isTrue();
        assertThat(broadcast.publish(Set.of(), "{}", FaultGate.processWide()).concerns(Set.of("x"))).isTrue();
        broadcast.addRemoteRoles(IntStream.range(0, 2000).mapToObj(i -> "arn:aws:iam::1:role/r" + i).toList());
        assertThat(broadcast.remoteRoles()).hasSize(FaultBroadcast.MAX_REMOTE_ROLES);
        assertThatThrownBy(() -> broadcast.publish(Set.of(), "{\n}", FaultGate.processWide()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single line");
    }

    @Test
    void aFailingListenerDoesNotFailTheWithdrawal() {
        broadcast.listen(new FaultBroadcast.Listener() {
            @Override
            public void changed() {}

            @Override
            public void withdrawn(FaultBroadcast.Fault fault) {
                throw new IllegalStateException("transport down");
            }
        });
        FaultBroadcast.Fault f = broadcast.publish(Set.of(), "{}", FaultGate.processWide());
        assertThat(broadcast.withdraw(f)).isEqualTo(FaultBroadcast.Counters.NONE);
        assertThat(broadcast.faults()).isEmpty();
    }
}
