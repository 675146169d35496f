package io.trailsentry.flink;

import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class EventOrdererHarnessTest {
    private KeyedOneInputStreamOperatorTestHarness<String, CloudTrailEvent, List<CloudTrailEvent>>
            harness(int dedup, int maxBuffered) throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new EventOrderer(dedup, maxBuffered, Duration.ofDays(1)),
                        (CloudTrailEvent e) -> e.principal.key,
                        Types.STRING);
        h.open();
        return h;
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

    @Test
    void releasesInEventTimeOrderOnceTheWatermarkPasses() throws Exception {
        var h = harness(16, 100);
        h.processElement(at(3_000, "c"));
        h.processElement(at(1_000, "a"));
        h.processElement(at(2_000, "b"));
        h.processElement(at(1_000, "a2"));
        assertThat(released(h)).isEmpty();
        assertThat(h.numEventTimeTimers()).as("one timer per principal").isEqualTo(1);
        h.processWatermark(T0 + 2_000);
        assertThat(h.extractOutputValues())
                .as("what the watermark passed, as one batch")
                .singleElement()
                .satisfies(b -> assertThat(b).hasSize(3));
        assertThat(h.numEventTimeTimers()).as("re-armed at the earliest left").isEqualTo(1);
        assertThat(released(h)).extracting(e -> e.eventId).containsExactly("a", "a2", "b");
        h.processWatermark(T0 + 10_000);
        assertThat(released(h)).extracting(e -> e.eventId).containsExactly("a", "a2", "b", "c");
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isEqualTo(1); // only the recent event ids remain
        h.close();
    }

    @Test
    void dropsRedeliveriesWithinTheRememberedIds() throws Exception {
        var h = harness(4, 100);
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

    @Test
    void lateEventsAreProcessedAndRecordedNeverDropped() throws Exception {
        var h = harness(16, 100);
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

    @Test
    void aStalledWatermarkCannotGrowTheBufferBeyondItsCap() throws Exception {
        var h = harness(16, 3);
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

    @Test
    void eventsAtOneTimeAreReleasedByIdAfterEarlierOnes() throws Exception {
        var h = harness(16, 100);
        h.processElement(at(1_000, "b"));
        h.processElement(at(1_000, "a"));
        h.processElement(at(500, "z"));
        h.processWatermark(T0 + 1_000);
        assertThat(released(h)).extracting(e -> e.eventId).containsExactly("z", "a", "b");
        h.close();
    }
}
