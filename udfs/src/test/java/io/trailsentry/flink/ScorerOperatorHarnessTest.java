package io.trailsentry.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.Signal;
import io.trailsentry.detect.TestEvents;
import io.trailsentry.scorer.FeatureVector;
import io.trailsentry.scorer.ScorerPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ScorerOperatorHarnessTest {
    /**
     * Thresholds for these synthetic windows (the defaults are calibrated on the scenario suite):
     * between their ordinary windows (at most about 0.69 after the warm-up, with the harmonic mean
     * of issue 18's fourth pass) and a window 3 above them on every feature (about 0.88).
     */
    static final ScorerPolicy POLICY = policy();

    static ScorerPolicy policy() {
        ScorerPolicy.Builder p = new ScorerPolicy.Builder();
        p.scorerThreshold = 0.75;
        p.scorerCountThreshold = 0.75;
        p.scorerAlertThreshold = 0.9;
        return p.build();
    }

    static FeatureVector vector(Random r, long t, double spike) {
        FeatureVector v = new FeatureVector();
        v.principal = TestEvents.ATTACKER;
        v.windowStart = t;
        v.windowEnd = t + 300_000;
        v.eventTime = t + 299_000;
        v.eventId = "w" + t;
        v.baselineMature = true;
        v.features = new double[FeatureVector.NAMES.length];
        for (int i = 0; i < v.features.length; i++) {
            v.features[i] = Math.abs(r.nextGaussian()) * 0.05;
        }
        for (int i = 0; i < v.features.length; i++) {
            v.features[i] += 3 * spike; // a window unlike anything learned, on every feature
        }
        return v;
    }

    static final int MAX_PARALLELISM = 128;

    static KeyedOneInputStreamOperatorTestHarness<Integer, FeatureVector, Signal> harness(
            int parallelism, int index) throws Exception {
        return harness(parallelism, index, 1_000_000);
    }

    static KeyedOneInputStreamOperatorTestHarness<Integer, FeatureVector, Signal> harness(
            int parallelism, int index, int maxWaiting) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new ScorerOperator(POLICY, 1, maxWaiting),
                new ScorerOperator.ShardKey(POLICY),
                Types.INT,
                MAX_PARALLELISM,
                parallelism,
                index);
    }

    /** The instance of {@code parallelism} that owns {@code v}'s shard. */
    static int owner(FeatureVector v, int parallelism) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(
                POLICY.shardOf(v.principal.key), MAX_PARALLELISM, parallelism);
    }

    @Test
    void warmsUpThenFlagsARareWindowWithAttribution() throws Exception {
        var h = harness(1, 0);
        h.open();
        Random r = new Random(1);
        for (int i = 0; i < POLICY.scorerMinPoints + 500; i++) {
            h.processElement(new StreamRecord<>(vector(r, i * 300_000L, i == 10 ? 1.0 : 0)));
        }
        h.processWatermark(Long.MAX_VALUE - 1);
        assertThat(h.extractOutputValues()).as("nothing during warm-up").isEmpty();
        h.processElement(new StreamRecord<>(vector(r, 9_999_000_000L, 1.0)));
        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.detectionId).isEqualTo("TS-AN-001");
                            assertThat(s.counted()).isTrue();
                            assertThat(s.summary).contains("high (").contains("anomaly score");
                        });
        h.close();
    }

    @Test
    void aStalledWatermarkScoresTheEarliestWindowsBeyondTheCapInsteadOfHoldingThem()
            throws Exception {
        var h = harness(1, 0, 10);
        h.open();
        Random r = new Random(1);
        int n = POLICY.scorerMinPoints + 500;
        for (int i = 0; i < n; i++) {
            h.processElement(new StreamRecord<>(vector(r, i * 300_000L, 0)));
        }
        h.processElement(new StreamRecord<>(vector(r, n * 300_000L, 1.0)));
        assertThat(h.extractOutputValues()).as("the rare window waits, within the cap").isEmpty();
        for (int i = 1; i <= 10; i++) {
            h.processElement(new StreamRecord<>(vector(r, (n + i) * 300_000L, 0)));
        }
        // no watermark at all: ten later windows pushed it out, and the model had learned the rest
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.detectionId).isEqualTo("TS-AN-001");
                            assertThat(s.eventTime).as("its window").isEqualTo((n + 1) * 300_000L);
                        });
        h.close();
    }

    @Test
    void aRareWindowOfAPrincipalWithoutHistoryIsEvidenceNotACountedSignal() throws Exception {
        var h = harness(1, 0);
        h.open();
        Random r = new Random(1);
        for (int i = 0; i < POLICY.scorerMinPoints + 500; i++) {
            h.processElement(new StreamRecord<>(vector(r, i * 300_000L, 0)));
        }
        FeatureVector newcomer = vector(r, 9_999_000_000L, 1.0);
        newcomer.baselineMature = false; // its novelty features are high because it has no past
        h.processElement(new StreamRecord<>(newcomer));
        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.counted()).isFalse();
                            assertThat(s.summary).endsWith("(baseline still immature)");
                        });
        h.close();
    }

    @Test
    void windowsAreScoredInWindowOrderWhateverOrderTheyArrive() throws Exception {
        List<String> a = scoresInArrivalOrder(false);
        List<String> b = scoresInArrivalOrder(true);
        assertThat(a).isNotEmpty().isEqualTo(b);
    }

    private static List<String> scoresInArrivalOrder(boolean reversed) throws Exception {
        var h = harness(1, 0);
        h.open();
        Random r = new Random(5);
        List<FeatureVector> in = new ArrayList<>();
        for (int i = 0; i < POLICY.scorerMinPoints + 300; i++) {
            in.add(vector(r, i * 300_000L, i % 97 == 0 ? 1.0 : 0));
        }
        if (reversed) {
            java.util.Collections.reverse(in);
        }
        for (FeatureVector v : in) {
            h.processElement(new StreamRecord<>(v));
        }
        h.processWatermark(Long.MAX_VALUE);
        List<String> out = new ArrayList<>();
        h.extractOutputValues().forEach(s -> out.add(s.eventTime + " " + s.summary));
        h.close();
        return out;
    }

    @Test
    void theModelSurvivesSnapshotRestoreAndRescaling() throws Exception {
        var h = harness(1, 0);
        h.open();
        Random r = new Random(2);
        for (int i = 0; i < POLICY.scorerMinPoints + 200; i++) {
            h.processElement(new StreamRecord<>(vector(r, i * 300_000L, 0)));
        }
        h.processWatermark(1L << 39);
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.processElement(new StreamRecord<>(vector(new Random(3), 1L << 40, 1.0)));
        h.processWatermark(Long.MAX_VALUE);
        Signal before = h.extractOutputValues().get(0);
        h.close();

        // restored at parallelism 1: the same model, the same score
        var restored = harness(1, 0);
        restored.initializeState(snapshot);
        restored.open();
        restored.processElement(new StreamRecord<>(vector(new Random(3), 1L << 40, 1.0)));
        restored.processWatermark(Long.MAX_VALUE);
        assertThat(restored.extractOutputValues())
                .singleElement()
                .satisfies(s -> assertThat(s.summary).isEqualTo(before.summary));
        restored.close();

        // rescaled to 2: the instance that owns the shard restores its model, the same score
        FeatureVector probe = vector(new Random(3), 1L << 40, 1.0);
        for (int i = 0; i < 2; i++) {
            OperatorSubtaskState part =
                    AbstractStreamOperatorTestHarness.repartitionOperatorState(
                            snapshot, MAX_PARALLELISM, 1, 2, i);
            var scaled = harness(2, i);
            scaled.initializeState(part);
            scaled.open();
            if (owner(probe, 2) == i) {
                scaled.processElement(new StreamRecord<>(vector(new Random(3), 1L << 40, 1.0)));
                scaled.processWatermark(Long.MAX_VALUE);
                assertThat(scaled.extractOutputValues())
                        .as("instance " + i)
                        .singleElement()
                        .satisfies(s -> assertThat(s.summary).isEqualTo(before.summary));
            }
            scaled.close();
        }
    }
}
