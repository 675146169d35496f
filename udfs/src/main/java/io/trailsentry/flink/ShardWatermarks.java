package io.trailsentry.flink;

import io.trailsentry.cloudtrail.DecodedRecord;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time watermarks for a source that decodes in its deserialization schema, one generator per
 * split (Kinesis shard): bounded out-of-orderness on each event's {@code eventTime}; dead letters
 * and markers carry their arrival time and never move a watermark.
 *
 * <p>Idleness here means <em>caught up and quiet</em>: a split is marked idle only when nothing
 * came from it for the idleness timeout <em>and</em> the last record it delivered was read within
 * {@code caughtUpLag} of reaching the stream (the reader was at the tip). A reader that is behind
 * (reading backlog) and then starved of CPU or of GetRecords calls is never declared idle, so the
 * other shards cannot push the watermark past its events: they are delayed, never late. A split
 * that has delivered nothing since its reader started is idle after {@code initialIdleness}, a
 * longer timeout: a reader just starting may be slow to its first records, and an empty shard must
 * not stall the job for good.
 */
public final class ShardWatermarks {
    private ShardWatermarks() {}

    /**
     * The strategy, without alignment (the caller adds {@code withWatermarkAlignment}).
     *
     * @param outOfOrderness how far behind the newest event of its shard an event may arrive
     * @param idleness how long a caught-up shard must be quiet before it stops holding back time
     * @param initialIdleness how long a shard that has delivered nothing yet holds back time
     * @param caughtUpLag a record read within this of its arrival means the reader was caught up
     */
    public static WatermarkStrategy<DecodedRecord> strategy(
            Duration outOfOrderness,
            Duration idleness,
            Duration initialIdleness,
            Duration caughtUpLag) {
        long bound = outOfOrderness.toMillis();
        long idle = idleness.toMillis();
        long initial = Math.max(idle, initialIdleness.toMillis());
        long lag = caughtUpLag.toMillis();
        return WatermarkStrategy.<DecodedRecord>forGenerator(
                        (WatermarkGeneratorSupplier<DecodedRecord>)
                                ctx ->
                                        new Generator(
                                                bound,
                                                idle,
                                                initial,
                                                lag,
                                                System::currentTimeMillis))
                .withTimestampAssigner((TimestampAssignerSupplier<DecodedRecord>) ctx -> ASSIGNER);
    }

    private static final TimestampAssigner<DecodedRecord> ASSIGNER =
            (r, arrival) -> r.kind == DecodedRecord.EVENT ? r.event.eventTime : arrival;

    /** One split's watermarks. Package-private for its test, which drives the clock. */
    static final class Generator implements WatermarkGenerator<DecodedRecord> {
        private final long bound;
        private final long idleAfter;
        private final long initialIdleAfter;
        private final long caughtUpLag;
        private final LongSupplier clock;

        private long maxEventTime = Long.MIN_VALUE;
        private long lastRead;
        private boolean delivered;
        private boolean caughtUp = true;
        private boolean idle;

        Generator(
                long bound,
                long idleAfter,
                long initialIdleAfter,
                long caughtUpLag,
                LongSupplier clock) {
            this.bound = bound;
            this.idleAfter = idleAfter;
            this.initialIdleAfter = initialIdleAfter;
            this.caughtUpLag = caughtUpLag;
            this.clock = clock;
            this.lastRead = clock.getAsLong();
        }

        @Override
        public void onEvent(DecodedRecord r, long timestamp, WatermarkOutput output) {
            long now = clock.getAsLong();
            lastRead = now;
            delivered = true;
            caughtUp = now - r.arrivalMillis <= caughtUpLag;
            idle = false;
            if (r.kind == DecodedRecord.EVENT && timestamp > maxEventTime) {
                maxEventTime = timestamp;
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (caughtUp
                    && clock.getAsLong() - lastRead >= (delivered ? idleAfter : initialIdleAfter)) {
                idle = true;
                output.markIdle();
                return;
            }
            if (idle || maxEventTime == Long.MIN_VALUE) {
                return;
            }
            output.emitWatermark(new Watermark(maxEventTime - bound - 1));
        }
    }
}
