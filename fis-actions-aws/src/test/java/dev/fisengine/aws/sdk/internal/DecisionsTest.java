package dev.fisengine.aws.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The per-attempt percentage decision on its own: 100,000 seeded draws per case. */
class DecisionsTest {
    private static final int N = 100_000;

    @Test
    void zeroPercentNeverFires() {
        assertThat(count(0, 1)).isZero();
    }

    @Test
    void hundredPercentAlwaysFires() {
        assertThat(count(100, 2)).isEqualTo(N);
    }

    @Test
    void thirtyPercentIsWithinBinomialBounds() {
        // mean 30,000, sd = sqrt(N p (1-p)) ~ 144.9; five sd either side
        double sd = Math.sqrt(N * 0.3 * 0.7);
        for (long seed = 1; seed <= 5; seed++) {
            assertThat((double) count(30, seed)).as("seed %d", seed).isBetween(30_000 - 5 * sd, 30_000 + 5 * sd);
        }
    }

    @Test
    void fractionalPercentagesAreHonoured() {
        double sd = Math.sqrt(N * 0.005 * 0.995);
        assertThat((double) count(0.5, 3)).isBetween(500 - 5 * sd, 500 + 5 * sd);
    }

    @Test
    void sameSeedSameDecisions() {
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            assertThat(Decisions.fires(30, a)).isEqualTo(Decisions.fires(30, b));
        }
    }

    @Test
    void perThreadSourcesAreReproducibleFromTheSeed() {
        long first = Decisions.perThread(9).get().nextLong();
        long again = Decisions.perThread(9).get().nextLong();
        long other = Decisions.perThread(10).get().nextLong();
        assertThat(first).isEqualTo(again).isNotEqualTo(other);
    }

    private static int count(double percentage, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int hits = 0;
        for (int i = 0; i < N; i++) {
            if (Decisions.fires(percentage, random)) {
                hits++;
            }
        }
        return hits;
    }
}
