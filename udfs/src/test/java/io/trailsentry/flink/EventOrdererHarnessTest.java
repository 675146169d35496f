package io.trailsentry.flink;

import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.principal.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventOrdererHarnessTest {
    private static final int MAX_PARALLELISM = 128;

    /** The orderer with every waiting event in keyed state (budget 0) or in memory. */
    private static KeyedOneInputStreamOperatorTestHarness<
                    String, CloudTrailEvent, List<CloudTrailEvent>>
            harness(int dedup, int maxBuffered, int budget) throws Exception {
        var h = unopened(dedup, maxBuffered, budget, 1, 0);
        h.open();
        return h;
    }

    private static KeyedOneInputStreamOperatorTestHarness<
                    String, CloudTrailEvent, List<CloudTrailEvent>>
            unopened(int dedup, int maxBuffered, int budget, int parallelism, int subtask)
                    throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new EventOrderer(dedup, maxBuffered, Duration.ofDays(1), budget),
                        (CloudTrailEvent e) -> e.principal.key,
                        Types.STRING,
                        MAX_PARALLELISM,
                        parallelism,
                        subtask);
        return h;
    }

    /** Keyed state (budget 0) and memory (a budget wider than any test needs). */
    static int[] budgets() {
        return new int[] {0, 1_000};
    }

    private static StreamRecord<CloudTrailEvent> of(
            Principal p, long offset, String id, String name) {
        CloudTrailEvent e = event("ec2", name, T0 + offset, id);
        e.principal = p;
        return new StreamRecord<>(e, T0 + offset);
    }

    private static Principal principal(int i) {
        return new Principal(
                "111122223333", "arn:aws:iam::111122223333:user/u" + i, "IAMUser", null);
    }

    private static StreamRecord<CloudTrailEvent> at(long offset, String id) {
        return new StreamRecord<>(event("ec2", "X", T0 + offset, id), T0 + offset);
    }

    /** Every event released so far, batch after batch. */
    private static List<CloudTrailEvent> released(
            KeyedOneInputStreamOperatorTestHarness<String, CloudTrailEvent, List<CloudTrailEvent>>
                    h) {
        List<CloudTrailEvent> all = new ArrayList<>();
        h.extractOutputValues().forEach(all::addAll);
        return all;
    }

    @ParameterizedTest
    @MethodSource("budgets")
    void releasesInEventTimeOrderOnceTheWatermarkPasses(int budget) throws Exception {
        var h = harness(16, 100, budget);
        h.processElement(at(3_000, "c"));
        h.processElement(at(1_000, "a"));
        h.processElement(at(2_000, "b"));
        h.processElement(at(1_000, "a2"));
        assertThat(released(h)).isEmpty();
        assertThat(h.numEventTimeTimers())
                .as("one timer per principal in keyed state, none in memory")
                .isEqualTo(budget == 0 ? 1 : 0);
        h.processWatermark(T0 + 2_000);
        assertThat(h.extractOutputValues())
                .as("what the watermark passed, as one batch")
                .singleElement()
                .satisfies(b -> assertThat(b).hasSize(3));
        assertThat(h.numEventTimeTimers())
                .as("re-armed at the earliest left")
                .isEqualTo(budget == 0 ? 1 : 0);
        assertThat(released(h)).extracting(e -> e.eventId).containsExactly("a", "a2", "b");
        h.processWatermark(T0 + 10_000);
        assertThat(released(h)).extracting(e -> e.eventId).containsExactly("a", "a2", "b", "c");
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isEqualTo(1); // only the recent event ids remain
        h.close();
    }

    @ParameterizedTest
    @MethodSource("budgets")
    void dropsRedeliveriesWithinTheRememberedIds(int budget) throws Exception {
        var h = harness(4, 100, budget);
        String[] ids = {"a", "b", "a", "c", "b", "d", "e", "f", "a"};
        for (int i = 0; i < ids.length; i++) {
            h.processElement(at(i * 1_000L, ids[i]));
        }
        h.processWatermark(T0 + 60_000);
        // capacity 4: "a" is forgotten after b,c,d,e, so its third delivery passes
        assertThat(released(h))
                .extracting(e -> e.eventId)
                .containsExactly("a", "b", "c", "d", "e", "f", "a");
        h.close();
    }

    @ParameterizedTest
    @MethodSource("budgets")
    void lateEventsAreProcessedAndRecordedNeverDropped(int budget) throws Exception {
        var h = harness(16, 100, budget);
        h.processWatermark(T0 + 60_000);
        h.processElement(at(1_000, "late"));
        assertThat(released(h)).extracting(e -> e.eventId).containsExactly("late");
        assertThat(h.getSideOutput(Descriptors.LATE_EVENTS))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getValue().reason).isEqualTo("LATE_EVENT");
                            assertThat(r.getValue().excerpt).contains("late");
                        });
        h.close();
    }

    @ParameterizedTest
    @MethodSource("budgets")
    void aStalledWatermarkCannotGrowTheBufferBeyondItsCap(int budget) throws Exception {
        var h = harness(16, 3, budget);
        for (int i = 0; i < 5; i++) {
            h.processElement(at(i * 1_000L, "e" + i));
        }
        assertThat(released(h)).extracting(e -> e.eventId).containsExactly("e3", "e4");
        h.processWatermark(Long.MAX_VALUE);
        assertThat(released(h))
                .extracting(e -> e.eventId)
                .containsExactly("e3", "e4", "e0", "e1", "e2");
        h.close();
    }

    @Test
    void bufferKeysOfBothLayoutsGiveTheirEventTime() {
        long key = EventOrderer.entryKey(T0, 0xFFFFF);
        assertThat(key).as("this release's keys are negative").isNegative();
        assertThat(EventOrderer.timeOf(key)).isEqualTo(T0);
        assertThat(EventOrderer.timeOf(EventOrderer.entryKey(T0 + 1, 0))).isEqualTo(T0 + 1);
        assertThat(EventOrderer.timeOf(T0))
                .as("an earlier release's key is the time")
                .isEqualTo(T0);
    }

    @ParameterizedTest
    @MethodSource("budgets")
    void eventsAtOneTimeAreReleasedByIdAfterEarlierOnes(int budget) throws Exception {
        var h = harness(16, 100, budget);
        h.processElement(at(1_000, "b"));
        h.processElement(at(1_000, "a"));
        h.processElement(at(500, "z"));
        h.processWatermark(T0 + 1_000);
        assertThat(released(h)).extracting(e -> e.eventId).containsExactly("z", "a", "b");
        h.close();
    }

    @Test
    void inMemoryEventsLeaveNoKeyedStateAndNoTimers() throws Exception {
        var h = harness(16, 100, 1_000);
        h.processElement(of(principal(1), 3_000, "1c", "X"));
        h.processElement(of(principal(2), 2_000, "2b", "X"));
        h.processElement(of(principal(1), 1_000, "1a", "X"));
        h.processElement(of(principal(2), 5_000, "2e", "X"));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.processWatermark(T0 + 3_000);
        assertThat(h.extractOutputValues())
                .as("each principal's due events as one batch, by their earliest time")
                .extracting(b -> b.stream().map(e -> e.eventId).collect(Collectors.toList()))
                .containsExactly(List.of("1a", "1c"), List.of("2b"));
        h.processWatermark(T0 + 10_000);
        assertThat(released(h)).extracting(e -> e.eventId).containsExactly("1a", "1c", "2b", "2e");
        assertThat(h.numKeyedStateEntries()).as("only the recent event ids").isEqualTo(2);
        h.close();
    }

    @Test
    void beyondTheBudgetAPrincipalsEventsStillLeaveInOrderAsOneBatch() throws Exception {
        var h = harness(16, 100, 2);
        Principal p = principal(1);
        h.processElement(of(p, 3_000, "d", "X")); // memory
        h.processElement(of(p, 1_000, "b", "X")); // memory: the budget is spent
        h.processElement(of(p, 2_000, "c", "X")); // keyed
        h.processElement(of(p, 500, "a", "X")); // keyed
        h.processElement(of(p, 9_000, "f", "X")); // keyed
        assertThat(h.numEventTimeTimers()).as("the keyed buffer's one timer").isEqualTo(1);
        h.processWatermark(T0 + 4_000);
        assertThat(h.extractOutputValues())
                .singleElement()
                .extracting(b -> b.stream().map(e -> e.eventId).collect(Collectors.toList()))
                .isEqualTo(List.of("a", "b", "c", "d"));
        h.processElement(of(p, 6_000, "e", "X")); // memory again: the budget is free
        h.processWatermark(T0 + 20_000);
        assertThat(released(h))
                .extracting(e -> e.eventId)
                .containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).as("only the recent event ids").isEqualTo(1);
        h.close();
    }

    @Test
    void aKeyedTimerTakesThePrincipalsDueEventsFromMemoryAndLeavesTheRest() throws Exception {
        var h = harness(16, 100, 2);
        Principal p = principal(1);
        h.processElement(of(p, 1_000, "a", "X")); // memory
        h.processElement(of(p, 4_000, "d", "X")); // memory
        h.processElement(of(p, 2_000, "b", "X")); // keyed, timer at 2,000
        h.processWatermark(T0 + 3_000);
        assertThat(h.extractOutputValues())
                .singleElement()
                .extracting(b -> b.stream().map(e -> e.eventId).collect(Collectors.toList()))
                .isEqualTo(List.of("a", "b"));
        h.processWatermark(T0 + 5_000);
        assertThat(released(h)).extracting(e -> e.eventId).containsExactly("a", "b", "d");
        h.close();
    }

    @Test
    void waitingEventsSurviveASnapshotARestoreAndARescale() throws Exception {
        var h = harness(16, 100, 1_000);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "p" + (i % 8) + "-" + i;
            h.processElement(of(principal(i % 8), 1_000L * (40 - i), id, "X"));
            all.add(id);
        }
        h.processWatermark(T0 + 10_000);
        List<String> before = ids(released(h));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.processWatermark(Long.MAX_VALUE);
        List<List<CloudTrailEvent>> uninterrupted = h.extractOutputValues();
        h.close();
        assertThat(before).isNotEmpty().hasSizeLessThan(40);

        var restored = unopened(16, 100, 1_000, 1, 0);
        restored.initializeState(snapshot);
        restored.open();
        restored.processWatermark(Long.MAX_VALUE);
        assertThat(restored.extractOutputValues())
                .as("what the uninterrupted run released after the snapshot, batch for batch")
                .extracting(EventOrdererHarnessTest::ids)
                .containsExactlyElementsOf(
                        uninterrupted
                                .subList(
                                        uninterrupted.size()
                                                - restored.extractOutputValues().size(),
                                        uninterrupted.size())
                                .stream()
                                .map(EventOrdererHarnessTest::ids)
                                .collect(Collectors.toList()));
        restored.close();

        List<String> rescaled = new ArrayList<>(before);
        for (int i = 0; i < 2; i++) {
            var part =
                    AbstractStreamOperatorTestHarness.repartitionOperatorState(
                            snapshot, MAX_PARALLELISM, 1, 2, i);
            var scaled = unopened(16, 100, 1_000, 2, i);
            scaled.initializeState(part);
            scaled.open();
            scaled.processWatermark(Long.MAX_VALUE);
            for (CloudTrailEvent e : released(scaled)) {
                assertThat(owner(e.principal.key)).as(e.eventId).isEqualTo(i);
                rescaled.add(e.eventId);
            }
            scaled.close();
        }
        assertThat(rescaled)
                .as("every event once, over both instances")
                .containsExactlyInAnyOrderElementsOf(all);
    }

    private static int owner(String key) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(key, MAX_PARALLELISM, 2);
    }

    private static List<String> ids(List<CloudTrailEvent> events) {
        return events.stream().map(e -> e.eventId).collect(Collectors.toList());
    }

    @Test
    void rocksDbWithHeapTimersIsRefusedAtTheStartWithTheFix() throws Exception {
        var h = unopened(16, 100, 1_000, 1, 0);
        EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
        rocksDb.setPriorityQueueStateType(EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        h.setStateBackend(rocksDb);
        assertThatThrownBy(h::open)
                .hasMessageContaining("state.backend.rocksdb.timer-service.factory")
                .hasMessageContaining("ROCKSDB");
        h.close();
    }

    @Test
    void onRocksDbTheWaitingEventsSurviveASnapshot() throws Exception {
        var h = unopened(16, 100, 1_000, 1, 0);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        h.open();
        h.processElement(of(principal(1), 2_000, "b", "X"));
        h.processElement(of(principal(1), 1_000, "a", "X"));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();
        var restored = unopened(16, 100, 1_000, 1, 0);
        restored.setStateBackend(new EmbeddedRocksDBStateBackend());
        restored.initializeState(snapshot);
        restored.open();
        restored.processWatermark(T0 + 5_000);
        assertThat(released(restored)).extracting(e -> e.eventId).containsExactly("a", "b");
        restored.close();
    }

    @Test
    void memoryAndKeyedEventsOfTwoInstancesRestoreIntoOneBeyondItsBudget() throws Exception {
        List<OperatorSubtaskState> parts = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            var h = unopened(16, 100, 3, 2, i);
            h.open();
            for (int n = 0; n < 48; n++) {
                Principal p = principal(n % 12);
                if (owner(p.key) != i) {
                    continue;
                }
                String id = "p" + (n % 12) + "-" + n;
                // later events first: each principal's events arrive out of order
                h.processElement(of(p, 1_000L * (48 - n), id, "X"));
                all.add(id);
            }
            assertThat(h.numEventTimeTimers()).as("instance %d spilled", i).isPositive();
            parts.add(h.snapshot(1, 1));
            h.close();
        }
        // two instances into one, whose budget holds two events: the rest wait in keyed state
        var one = unopened(16, 100, 2, 1, 0);
        one.initializeState(
                AbstractStreamOperatorTestHarness.repackageState(
                        parts.toArray(new OperatorSubtaskState[0])));
        one.open();
        assertThat(one.extractOutputValues()).as("a restore emits nothing").isEmpty();
        assertThat(((EventOrderer) one.getOperator()).inMemory())
                .as("the budget holds on a restore")
                .isEqualTo(2);
        one.processWatermark(Long.MAX_VALUE);
        List<CloudTrailEvent> out = released(one);
        assertThat(ids(out)).containsExactlyInAnyOrderElementsOf(all);
        for (int p = 0; p < 12; p++) {
            String key = principal(p).key;
            assertThat(out.stream().filter(e -> e.principal.key.equals(key)))
                    .as("principal %d in event-time order", p)
                    .isSortedAccordingTo(java.util.Comparator.comparingLong(e -> e.eventTime));
        }
        one.close();
    }
}
