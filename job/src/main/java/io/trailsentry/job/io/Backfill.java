package io.trailsentry.job.io;

import io.trailsentry.cloudtrail.DecodedRecord;
import io.trailsentry.cloudtrail.DecoderLimits;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.source.hybrid.HybridSource;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;

/**
 * Backfill mode: one source that reads the last N days of CloudTrail log files (the S3 delivery
 * layout) and then the Kinesis stream from the go-live time on (Flink's {@link HybridSource}). Both
 * halves decode in their readers with the same decoder, so the pipeline sees one {@link
 * DecodedRecord} stream whatever the half.
 *
 * <p>The switch: files give the events before the go-live time, the stream (from {@code
 * AT_TIMESTAMP} of that time, or the configured start) only those from it on; so no event is
 * counted twice and, since every stream event is at or after the go-live time, no stream event is
 * behind a watermark the files made (theirs stays below it by the file lateness bound).
 */
public final class Backfill {
    private Backfill() {}

    public static Source<DecodedRecord, ?, ?> source(JobSettings s, BackfillWindow window) {
        List<String> paths = s.get(TrailSentryOptions.BACKFILL_PATHS);
        Path[] ps = paths.stream().filter(p -> !p.isBlank()).map(Path::new).toArray(Path[]::new);
        DecoderLimits limits = DecoderLimits.defaults();
        Predicate<Path> filter = new Files(window.dayFolders());
        FileSource<DecodedRecord> files =
                FileSource.forBulkFileFormat(new BackfillFileFormat(limits, window), ps)
                        .setFileEnumerator(() -> new NonSplittingRecursiveEnumerator(filter))
                        .setSplitAssigner(ChronologicalSplitAssigner::new)
                        .build();
        // aligned per subtask (SubtaskAlignedSource) only by the caller, if at all
        return HybridSource.builder(files).addSource(KinesisConnector.source(s, window)).build();
    }

    /**
     * Per split, as the stream's source does: a Kinesis shard gets {@code shards} (its bound,
     * idleness when caught up); a log file gets the file bound (files of several regions interleave
     * by more than a stream does) and no idleness (a file split ends when read).
     */
    public static WatermarkStrategy<DecodedRecord> watermarks(
            WatermarkStrategy<DecodedRecord> shards, Duration fileOutOfOrderness) {
        long fileBound = fileOutOfOrderness.toMillis();
        return WatermarkStrategy.<DecodedRecord>forGenerator(
                        (WatermarkGeneratorSupplier<DecodedRecord>)
                                ctx ->
                                        new PerOrigin(
                                                shards.createWatermarkGenerator(ctx), fileBound))
                .withTimestampAssigner(
                        (TimestampAssignerSupplier<DecodedRecord>) shards::createTimestampAssigner);
    }

    /** One split's watermarks: decided by where its first event or dead letter came from. */
    static final class PerOrigin implements WatermarkGenerator<DecodedRecord> {
        private final WatermarkGenerator<DecodedRecord> shard;
        private final long fileBound;
        private boolean decided;
        private boolean file;
        private long fileMax = Long.MIN_VALUE;

        PerOrigin(WatermarkGenerator<DecodedRecord> shard, long fileBound) {
            this.shard = shard;
            this.fileBound = fileBound;
        }

        @Override
        public void onEvent(DecodedRecord r, long timestamp, WatermarkOutput output) {
            if (!decided && (r.event != null || r.deadLetter != null)) {
                decided = true;
                file = !KinesisConnector.fromKinesis(r);
            }
            if (!file) {
                shard.onEvent(r, timestamp, output);
            } else if (r.isEvent() && timestamp > fileMax) {
                fileMax = timestamp;
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (!file) {
                shard.onPeriodicEmit(output);
            } else if (fileMax != Long.MIN_VALUE) {
                output.emitWatermark(new Watermark(fileMax - fileBound - 1));
            }
        }
    }

    /** CloudTrail log files ({@link FileInputs.LogFileFilter}) in the backfill's day folders. */
    static final class Files implements Predicate<Path>, Serializable {
        private static final long serialVersionUID = 1L;
        private final FileInputs.LogFileFilter logFiles = new FileInputs.LogFileFilter();
        private final Predicate<Path> days;

        Files(Predicate<Path> days) {
            this.days = days;
        }

        @Override
        public boolean test(Path path) {
            return days.test(path) && logFiles.test(path);
        }
    }
}
