package io.trailsentry.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.population.PopulationRecord;
import io.trailsentry.detect.rules.DataShared;
import io.trailsentry.principal.Principal;
import io.trailsentry.profile.HourSummary;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The population operator: waits for the watermark, learns before it judges, frees its buffer. */
class PopulationFunctionHarnessTest {
    static final long T0 = 1_773_151_392_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, PopulationRecord, Signal> harness()
            throws Exception {
        return harness(1_000);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, PopulationRecord, Signal> harness(
            int maxWaiting) throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new PopulationFunction(
                                RulePolicy.defaults(), Duration.ofDays(1), maxWaiting),
                        r -> PopulationRecord.ORGANISATION,
                        Types.STRING);
        h.open();
        return h;
    }

    static StreamRecord<PopulationRecord> at(PopulationRecord r) {
        return new StreamRecord<>(r, r.time());
    }

    static Signal share(String account, long time) {
        Principal backup =
                new Principal(
                        "111122223333",
                        "arn:aws:iam::111122223333:role/backup-operator",
                        "AssumedRole",
                        "nightly");
        Signal s = Signal.detection(DataShared.DETECTION, backup, "shares with " + account);
        s.eventTime = time;
        s.eventId = "share-" + account;
        s.population = "share:" + account;
        return s;
    }

    static HourSummary first(String account, long time) {
        HourSummary s = new HourSummary();
        s.kind = HourSummary.FIRST;
        s.principal =
                new Principal(
                        account, "arn:aws:iam::" + account + ":role/vault", "AssumedRole", "x");
        s.eventTime = time;
        s.eventId = "first-" + account;
        s.deliveredBy = account;
        return s;
    }

    @Test
    void aShareIsJudgedAfterTheWatermarkWithWhatTheStreamDeliveredUntilThen() throws Exception {
        var h = harness();
        // delivered out of order: the share before the backup account's first event
        h.processElement(at(PopulationRecord.held(share("444455556666", T0 + 1_000))));
        h.processElement(at(PopulationRecord.held(share("999988887777", T0 + 1_000))));
        h.processElement(at(PopulationRecord.of(first("444455556666", T0))));
        // a caller from the outside account acting in this trail does not make it one of ours
        HourSummary visitor = first("999988887777", T0);
        visitor.deliveredBy = "111122223333";
        h.processElement(at(PopulationRecord.of(visitor)));
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(T0 + 1_000);
        assertThat(h.extractOutputValues())
                .extracting(s -> s.eventId, s -> s.severity, s -> s.population)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "share-444455556666", Severity.LOW.id, null),
                        org.assertj.core.groups.Tuple.tuple(
                                "share-999988887777", Severity.HIGH.id, null));
        assertThat(h.getOutput())
                .filteredOn(o -> o instanceof StreamRecord)
                .extracting(o -> ((StreamRecord<?>) o).getTimestamp())
                .as("released at their event time")
                .containsOnly(T0 + 1_000);
        // the buffer and its timers are gone; only the populations map remains
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void recordsWaitingAtACheckpointAreRestoredAndJudgedAsIfNothingHappened() throws Exception {
        var h = harness();
        h.processElement(at(PopulationRecord.of(first("444455556666", T0))));
        h.processElement(at(PopulationRecord.held(share("444455556666", T0 + 1_000))));
        h.processElement(at(PopulationRecord.held(share("999988887777", T0 + 2_000))));
        h.processWatermark(T0 + 1_000); // the first two are judged, the third waits
        assertThat(h.extractOutputValues())
                .extracting(s -> s.eventId)
                .containsExactly("share-444455556666");
        var snapshot = h.snapshot(1, 1);
        h.close();

        var restored =
                new KeyedOneInputStreamOperatorTestHarness<String, PopulationRecord, Signal>(
                        new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(
                                new PopulationFunction(
                                        RulePolicy.defaults(), Duration.ofDays(1), 1_000)),
                        r -> PopulationRecord.ORGANISATION,
                        Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        assertThat(restored.numEventTimeTimers()).isEqualTo(1);
        restored.processWatermark(T0 + 2_000);
        assertThat(restored.extractOutputValues())
                .extracting(s -> s.eventId, s -> s.severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "share-999988887777", Severity.HIGH.id));
        assertThat(restored.getOutput())
                .filteredOn(o -> o instanceof StreamRecord)
                .extracting(o -> ((StreamRecord<?>) o).getTimestamp())
                .containsOnly(T0 + 2_000);
        restored.close();
    }

    @Test
    void aStalledWatermarkDoesNotGrowTheWaitingRecordsBeyondTheirCap() throws Exception {
        var h = harness(2);
        h.processElement(at(PopulationRecord.of(first("444455556666", T0))));
        h.processElement(at(PopulationRecord.held(share("444455556666", T0 + 1_000))));
        assertThat(h.extractOutputValues()).as("within the cap: waits").isEmpty();
        // the watermark never moves: each record beyond two releases the earliest waiting one
        h.processElement(at(PopulationRecord.held(share("999988887777", T0 + 2_000))));
        h.processElement(at(PopulationRecord.held(share("777766665555", T0 + 3_000))));
        assertThat(h.extractOutputValues())
                .as("the earliest, learned before judged, in order")
                .extracting(s -> s.eventId, s -> s.severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("share-444455556666", Severity.LOW.id));
        assertThat(h.getOutput())
                .filteredOn(o -> o instanceof StreamRecord)
                .extracting(o -> ((StreamRecord<?>) o).getTimestamp())
                .as("still at its own event time")
                .containsOnly(T0 + 1_000);
        h.processWatermark(T0 + 3_000);
        assertThat(h.extractOutputValues())
                .extracting(s -> s.eventId)
                .containsExactly("share-444455556666", "share-999988887777", "share-777766665555");
        h.close();
    }
}
