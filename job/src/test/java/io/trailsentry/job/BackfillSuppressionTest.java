package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.incident.Finding;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class BackfillSuppressionTest {
    static final long GO_LIVE = 1_773_100_800_000L;

    static Finding finding(String uid, long firstSeen, long lastSeen) {
        Finding f = new Finding();
        f.uid = uid;
        f.firstSeen = firstSeen;
        f.lastSeen = lastSeen;
        f.time = lastSeen;
        return f;
    }

    @Test
    void findingsWhoseEvidenceAllPredatesGoLiveAreCountedNotEmitted() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new BackfillSuppression(GO_LIVE))) {
            h.open();
            h.processElement(new StreamRecord<>(finding("history", GO_LIVE - 9_000, GO_LIVE - 1)));
            h.processElement(new StreamRecord<>(finding("escalated", GO_LIVE - 9_000, GO_LIVE)));
            h.processElement(new StreamRecord<>(finding("live", GO_LIVE + 5, GO_LIVE + 9)));
            h.processWatermark(new Watermark(GO_LIVE));
            assertThat(h.extractOutputValues())
                    .extracting(f -> f.uid)
                    .containsExactly("escalated", "live");
            assertThat(h.getOutput()).anyMatch(o -> o instanceof Watermark);
        }
    }

    @Test
    void aRestoredJobKeepsTheGoLiveTimeItStartedWith() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var h = new OneInputStreamOperatorTestHarness<>(new BackfillSuppression(GO_LIVE))) {
            h.open();
            snapshot = h.snapshot(1, 1);
        }
        // restarted a day later: the settings' default go-live moved, the job's did not
        long later = GO_LIVE + 86_400_000L;
        BackfillSuppression restored = new BackfillSuppression(later);
        try (var h = new OneInputStreamOperatorTestHarness<>(restored)) {
            h.initializeState(snapshot);
            h.open();
            assertThat(restored.goLive()).isEqualTo(GO_LIVE);
            h.processElement(new StreamRecord<>(finding("closed", GO_LIVE + 1, GO_LIVE + 2)));
            assertThat(h.extractOutputValues()).extracting(f -> f.uid).containsExactly("closed");
        }
    }
}
