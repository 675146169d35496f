package io.trailsentry.flink;

import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DecodedRecord;
import io.trailsentry.cloudtrail.DecoderLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** One shard's watermarks, with a clock the test moves. */
class ShardWatermarksTest {
    static final long BOUND = 60_000;
    static final long IDLE = 10_000;
    static final long INITIAL = 60_000;
    static final long LAG = 30_000;

    long now = 1_000_000_000_000L;
    final Output out = new Output();
    final ShardWatermarks.Generator g =
            new ShardWatermarks.Generator(BOUND, IDLE, INITIAL, LAG, () -> now);

    static final class Output implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark w) {
            watermarks.add(w.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }

    private void read(long eventTime, long arrival) {
        CloudTrailEvent e = event("ec2", "X", eventTime, "id" + eventTime);
        g.onEvent(DecodedRecord.event(e, arrival), eventTime, out);
    }

    @Test
    void followsTheNewestEventMinusTheBound() {
        read(T0 + 5_000, now);
        read(T0 + 1_000, now);
        g.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(T0 + 5_000 - BOUND - 1);
    }

    @Test
    void deadLettersAndMarkersNeverMoveTheWatermark() {
        read(T0, now);
        g.onEvent(DecodedRecord.deadLetter(new DeadLetter(), now), now, out);
        g.onEvent(DecodedRecord.marker(DecodedRecord.CONTROL, now), now, out);
        g.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(T0 - BOUND - 1);
    }

    @Test
    void aCaughtUpShardThatGoesQuietBecomesIdleAndWakesOnTheNextRecord() {
        read(T0, now - 1_000);
        now += IDLE;
        g.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();
        now += 1;
        read(T0 + 1_000, now);
        g.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();
        assertThat(out.last()).isEqualTo(T0 + 1_000 - BOUND - 1);
    }

    @Test
    void aShardReadingBacklogIsNeverIdleHoweverLongItsReaderIsStarved() {
        // the last record read had been in the stream for hours: the reader is behind
        read(T0, now - 3 * 3_600_000L);
        now += 100 * IDLE;
        g.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();
        assertThat(out.last()).isEqualTo(T0 - BOUND - 1);
    }

    @Test
    void aShardThatNeverDeliveredIsIdleAfterTheInitialTimeoutSoAnEmptyShardCannotStallTheJob() {
        g.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();
        assertThat(out.watermarks).isEmpty();
        now += IDLE;
        g.onPeriodicEmit(out);
        assertThat(out.idle).as("a reader slow to its first records is waited for").isFalse();
        now += INITIAL - IDLE;
        g.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();
    }

    @Test
    void decodingInTheSourceTurnsBadInputIntoADeadLetterRecordNotAnException() throws Exception {
        SourceDecoding decoding = new SourceDecoding(DecoderLimits.defaults());
        List<DecodedRecord> records = new ArrayList<>();
        Collector<DecodedRecord> into =
                new Collector<>() {
                    @Override
                    public void collect(DecodedRecord r) {
                        records.add(r);
                    }

                    @Override
                    public void close() {}
                };
        decoding.decode("not json".getBytes(StandardCharsets.UTF_8), "kinesis:s/0/1", 42, into);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).kind).isEqualTo(DecodedRecord.DEAD_LETTER);
        assertThat(records.get(0).deadLetter.reason).isEqualTo("NOT_JSON");
        assertThat(records.get(0).arrivalMillis).isEqualTo(42);

        // the router sends it to the dead-letter output and passes nothing on
        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new DecodedRouter()))) {
            h.open();
            h.processElement(records.get(0), 42);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(Descriptors.DEAD_LETTERS))
                    .extracting(r -> r.getValue().reason)
                    .containsExactly("NOT_JSON");
        }
    }
}
