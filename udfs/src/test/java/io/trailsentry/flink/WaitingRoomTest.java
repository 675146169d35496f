package io.trailsentry.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Records wait by key in time then arrival order, and never more than the capacity per key. */
class WaitingRoomTest {
    @Test
    void aKeyBeyondItsCapacityGivesUpItsEarliestRecordsInOrder() {
        WaitingRoom<String, Long> room = new WaitingRoom<>(t -> t, 3);
        assertThat(room.add("a", 50L)).isTrue();
        assertThat(room.add("a", 20L)).as("earlier: a new timer").isTrue();
        assertThat(room.add("a", 40L)).isFalse();
        room.add("b", 10L);
        assertThat(room.takeOverflow("a")).as("at the capacity").isEmpty();
        room.add("a", 30L);
        room.add("a", 60L);
        assertThat(room.takeOverflow("a")).containsExactly(20L, 30L);
        assertThat(room.earliest("a")).isEqualTo(40L);
        assertThat(room.takeOverflow("b")).as("per key").isEmpty();
        assertThat(room.takeDue("a", 100L)).containsExactly(40L, 50L, 60L);
        assertThat(room.size()).isEqualTo(1);
    }

    @Test
    void aFullRoomHandsBackTheEarliestOfTheKeyAddedToUntilItIsBackAtItsTotal() {
        WaitingRoom<String, Long> room = new WaitingRoom<>(t -> t, 10, 4);
        room.add("a", 10L);
        room.add("b", 40L);
        room.add("b", 20L);
        room.add("b", 30L);
        room.add("b", 50L);
        assertThat(room.takeOverflow("b"))
                .as("one beyond the total: b's earliest")
                .containsExactly(20L);
        assertThat(room.size()).isEqualTo(4);
        assertThat(room.earliest("b")).isEqualTo(30L);
        assertThat(room.takeOverflow("a")).isEmpty();
    }

    @Test
    void aFullRoomHandsBackEveryRecordOfTheKeyAddedTo() {
        WaitingRoom<String, Long> room = new WaitingRoom<>(t -> t, 3, 4);
        room.add("a", 10L);
        room.add("a", 20L);
        room.add("b", 30L);
        room.add("c", 40L);
        assertThat(room.takeOverflow("c")).as("at the total").isEmpty();
        room.add("d", 60L);
        room.add("d", 50L);
        assertThat(room.takeOverflow("d"))
                .as("beyond it: the key's all, in order")
                .containsExactly(50L, 60L);
        assertThat(room.size()).isEqualTo(4);
        assertThat(room.earliest("d")).isEqualTo(Long.MAX_VALUE);
        assertThat(room.takeOverflow("a")).as("back within the total").isEmpty();
        assertThat(room.takeDue("a", 100L)).containsExactly(10L, 20L);
    }

    @Test
    void equalTimesKeepTheirArrivalOrder() {
        WaitingRoom<String, long[]> room = new WaitingRoom<>(r -> r[0], 2);
        room.add("a", new long[] {5, 1});
        room.add("a", new long[] {5, 2});
        room.add("a", new long[] {5, 3});
        assertThat(room.takeOverflow("a")).extracting(r -> r[1]).containsExactly(1L);
        assertThat(room.takeDue("a", 5L)).extracting(r -> r[1]).containsExactly(2L, 3L);
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new WaitingRoom<String, Long>(t -> t, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacities");
        assertThatThrownBy(() -> new WaitingRoom<String, Long>(t -> t, 5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacities");
    }

    @Test
    void aWrappedSequenceNumberNeverOverwritesARecordStillWaiting() {
        WaitingRoom<String, long[]> room = new WaitingRoom<>(r -> r[0], 1 << 21);
        room.add("a", new long[] {5, 1});
        for (int i = 1; i < 1 << 20; i++) {
            room.add("b", new long[] {i, 0}); // the shared sequence number wraps
        }
        room.add("a", new long[] {5, 2}); // the same time, the same sequence number as the first
        assertThat(room.size("a")).isEqualTo(2);
        assertThat(room.size()).isEqualTo((1 << 20) + 1);
        assertThat(room.takeDue("a", 5L)).extracting(r -> r[1]).containsExactlyInAnyOrder(1L, 2L);
    }
}
