package io.trailsentry.job.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DecodedRecord;
import io.trailsentry.flink.ShardWatermarks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/** A log file's split gets the file lateness bound; a Kinesis shard the stream's. */
class BackfillWatermarksTest {
    static final long T = 1_773_100_800_000L; // 2026-03-10T00:00:00Z

    static DecodedRecord event(String origin, long time) {
        CloudTrailEvent e = new CloudTrailEvent();
        e.origin = origin;
        e.eventTime = time;
        return DecodedRecord.event(e, System.currentTimeMillis());
    }

    static final class Out implements WatermarkOutput {
        final List<Long> marks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark w) {
            marks.add(w.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    static WatermarkGenerator<DecodedRecord> generator() {
        return Backfill.watermarks(
                        ShardWatermarks.strategy(
                                Duration.ofMinutes(2),
                                Duration.ofMinutes(1),
                                Duration.ofMinutes(2),
                                Duration.ofSeconds(30)),
                        Duration.ofMinutes(10))
                .createWatermarkGenerator(null);
    }

    @Test
    void aLogFileHoldsTheWatermarkTenMinutesBehindItsNewestEvent() {
        WatermarkGenerator<DecodedRecord> g = generator();
        Out out = new Out();
        g.onEvent(event("s3://b/AWSLogs/1/CloudTrail/x.json.gz", T), T, out);
        g.onPeriodicEmit(out);
        assertThat(out.marks).containsExactly(T - 600_000 - 1);
    }

    @Test
    void aShardHoldsItTwoMinutesBehind() {
        WatermarkGenerator<DecodedRecord> g = generator();
        Out out = new Out();
        g.onEvent(event(KinesisConnector.ORIGIN_PREFIX + "ct/shard-0/1", T), T, out);
        g.onPeriodicEmit(out);
        assertThat(out.marks).containsExactly(T - 120_000 - 1);
    }
}
