package io.trailsentry.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurstTrackerTest {
    private static final long MIN = 60_000;

    @Test
    void signalsAtTheThresholdAndThenAtEachDoubling() {
        BurstTracker b = new BurstTracker();
        List<Integer> fired = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = b.record(i * 3_000L, "c" + i, 5, 10 * MIN);
            if (n > 0) {
                fired.add(n);
            }
        }
        assertThat(fired).containsExactly(5, 10, 20, 40);
        assertThat(b.namesSince(0, 3)).containsExactly("c0", "c1", "c2");
    }

    @Test
    void slowCreationNeverBursts() {
        BurstTracker b = new BurstTracker();
        for (int i = 0; i < 30; i++) {
            assertThat(b.record(i * 5 * MIN, "c" + i, 5, 10 * MIN)).isZero();
        }
    }

    @Test
    void spaceIsFixedHoweverManyEvents() {
        BurstTracker b = new BurstTracker();
        for (int i = 0; i < 10_000; i++) {
            b.record(i * 1_000L, "c" + i, 5, 10 * MIN);
        }
        assertThat(b.times).hasSize(BurstTracker.CAPACITY);
        assertThat(b.names).hasSize(BurstTracker.CAPACITY);
        assertThat(b.latest()).isEqualTo(9_999_000L);
    }
}
