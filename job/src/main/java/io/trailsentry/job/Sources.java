package io.trailsentry.job;

import io.trailsentry.cloudtrail.DecodedRecord;
import io.trailsentry.cloudtrail.DecoderLimits;
import io.trailsentry.cloudtrail.RawPayload;
import io.trailsentry.flink.ShardWatermarks;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
import io.trailsentry.job.io.Backfill;
import io.trailsentry.job.io.BackfillWindow;
import io.trailsentry.job.io.FileInputs;
import io.trailsentry.job.io.KinesisConnector;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the input the settings name: a Kinesis stream, log files, or the sample corpus. */
public final class Sources {
    /** The watermark alignment group of the Kinesis source's subtasks. */
    public static final String ALIGNMENT_GROUP = "cloudtrail-shards";

    private static final Logger LOG = LoggerFactory.getLogger(Sources.class);

    private Sources() {}

    /**
     * What the pipeline reads: either raw payloads, which the pipeline decodes and gives watermarks
     * (log files, tests), or records a source already decoded, with per-split event-time watermarks
     * from the source itself (Kinesis).
     */
    public static final class Input {
        final DataStream<RawPayload> raw;
        final DataStream<DecodedRecord> decoded;

        /** Backfill mode: events before it came from log files (epoch millis); else null. */
        final BackfillWindow backfill;

        private Input(
                DataStream<RawPayload> raw,
                DataStream<DecodedRecord> decoded,
                BackfillWindow backfill) {
            this.raw = raw;
            this.decoded = decoded;
            this.backfill = backfill;
        }

        public static Input raw(DataStream<RawPayload> raw) {
            return new Input(raw, null, null);
        }

        public static Input decoded(DataStream<DecodedRecord> decoded) {
            return new Input(null, decoded, null);
        }

        /** Log files of the window, then the stream, decoded in the source. */
        public static Input backfilled(DataStream<DecodedRecord> decoded, BackfillWindow w) {
            return new Input(null, decoded, w);
        }

        /** The raw payloads; only for an input that has them (not Kinesis). */
        public DataStream<RawPayload> raw() {
            if (raw == null) {
                throw new IllegalStateException("this input is decoded in its source");
            }
            return raw;
        }
    }

    /**
     * Checks that the log-file input exists before the job starts: a mistyped path then fails the
     * run with one line naming it, not with a source that fails and restarts. A monitored input
     * ({@code input.monitor-interval}) may name a folder that appears later, and a path on a file
     * system this JVM cannot reach (a scheme without its plugin here) is left to the cluster.
     *
     * @throws IllegalArgumentException naming the paths that do not exist
     */
    public static void checkInputPaths(JobSettings s) {
        if (!s.has(TrailSentryOptions.INPUT_MONITOR_INTERVAL)
                && !s.has(TrailSentryOptions.INPUT_STREAM_ARN)) {
            checkExist(s, TrailSentryOptions.INPUT_PATHS);
        }
        checkExist(s, TrailSentryOptions.BACKFILL_PATHS);
    }

    private static void checkExist(JobSettings s, ConfigOption<List<String>> option) {
        if (!s.has(option)) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String p : s.get(option)) {
            org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(p);
            try {
                if (!path.getFileSystem().exists(path)) {
                    missing.add(p);
                }
            } catch (IOException e) {
                LOG.info("{} {} not checked here: {}", option.key(), p, e.getMessage());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "--" + option.key() + ": no file or folder at " + String.join(", ", missing));
        }
    }

    public static Input attach(StreamExecutionEnvironment env, JobSettings s) {
        BackfillWindow backfill = BackfillWindow.of(s, Instant.now());
        if (backfill != null) {
            LOG.info("Backfill mode: log files for {}, then the stream", backfill);
            return Input.backfilled(
                    env.fromSource(
                                    Backfill.source(s, backfill),
                                    backfillWatermarks(s),
                                    "CloudTrail log files, then Kinesis",
                                    TypeInformation.of(DecodedRecord.class))
                            .uid(Uids.BACKFILL_SOURCE),
                    backfill);
        }
        if (s.has(TrailSentryOptions.INPUT_STREAM_ARN)) {
            return Input.decoded(
                    env.fromSource(
                                    KinesisConnector.source(s),
                                    kinesisWatermarks(s),
                                    "CloudTrail from Kinesis",
                                    // the 4.x source does not report its produced type
                                    TypeInformation.of(DecodedRecord.class))
                            .uid(Uids.KINESIS_SOURCE));
        }
        List<String> paths =
                s.has(TrailSentryOptions.INPUT_PATHS)
                        ? s.get(TrailSentryOptions.INPUT_PATHS)
                        : List.of(FileInputs.extractSample());
        return Input.raw(
                env.fromSource(
                                FileInputs.source(
                                        paths,
                                        DecoderLimits.defaults().maxPayloadBytes,
                                        s.has(TrailSentryOptions.INPUT_MONITOR_INTERVAL)
                                                ? s.get(TrailSentryOptions.INPUT_MONITOR_INTERVAL)
                                                : null),
                                WatermarkStrategy.noWatermarks(),
                                "CloudTrail log files")
                        .uid(Uids.FILE_SOURCE));
    }

    /**
     * Backfill mode: per split, the stream's watermarks for a shard and the file bound for a log
     * file. Not aligned across subtasks: a subtask that has read its last file waits, without
     * splits, for the switch, and its watermark must not pause the others' last files.
     */
    static WatermarkStrategy<DecodedRecord> backfillWatermarks(JobSettings s) {
        return Backfill.watermarks(
                ShardWatermarks.strategy(
                        s.get(TrailSentryOptions.OUT_OF_ORDERNESS),
                        s.get(TrailSentryOptions.IDLENESS),
                        s.get(TrailSentryOptions.INITIAL_IDLENESS),
                        s.get(TrailSentryOptions.CAUGHT_UP_LAG)),
                s.get(TrailSentryOptions.FILE_OUT_OF_ORDERNESS));
    }

    /**
     * Per shard: event time with the stream's out-of-orderness bound, idle only when caught up and
     * quiet; across subtasks: aligned, so no reader runs more than the drift ahead of the slowest.
     * The Kinesis 4.x reader cannot pause single splits, so a subtask that holds several shards is
     * aligned as a whole (the cluster needs {@code
     * pipeline.watermark-alignment.allow-unaligned-source-splits: true}; see the operations guide),
     * and its own watermark is already the minimum of its shards'.
     */
    static WatermarkStrategy<DecodedRecord> kinesisWatermarks(JobSettings s) {
        WatermarkStrategy<DecodedRecord> w =
                ShardWatermarks.strategy(
                        s.get(TrailSentryOptions.OUT_OF_ORDERNESS),
                        s.get(TrailSentryOptions.IDLENESS),
                        s.get(TrailSentryOptions.INITIAL_IDLENESS),
                        s.get(TrailSentryOptions.CAUGHT_UP_LAG));
        Duration drift = s.get(TrailSentryOptions.ALIGNMENT_MAX_DRIFT);
        return drift.isZero()
                ? w
                : w.withWatermarkAlignment(ALIGNMENT_GROUP, drift, Duration.ofSeconds(1));
    }
}
