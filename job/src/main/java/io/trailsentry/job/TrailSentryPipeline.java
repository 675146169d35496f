package io.trailsentry.job;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DecoderLimits;
import io.trailsentry.cloudtrail.RawPayload;
import io.trailsentry.detect.DetectionPolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.finding.Finding;
import io.trailsentry.flink.DecodeFunction;
import io.trailsentry.flink.DedupFunction;
import io.trailsentry.flink.Descriptors;
import io.trailsentry.flink.IncidentFunction;
import io.trailsentry.flink.SignalFunction;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The whole detection graph in one readable method: raw payloads in, findings and dead letters out.
 * Sources and sinks are the caller's, so production, the embedded run and tests share it.
 */
public final class TrailSentryPipeline {
    /** What the pipeline produces; the caller attaches sinks. */
    public static final class Outputs {
        public final DataStream<Finding> findings;
        public final DataStream<DeadLetter> deadLetters;

        Outputs(DataStream<Finding> findings, DataStream<DeadLetter> deadLetters) {
            this.findings = findings;
            this.deadLetters = deadLetters;
        }
    }

    private static final KeySelector<CloudTrailEvent, String> BY_PRINCIPAL = e -> e.principal.key;

    private final JobSettings settings;
    private final boolean reportProgress;

    public TrailSentryPipeline(JobSettings settings, boolean reportProgress) {
        this.settings = settings;
        this.reportProgress = reportProgress;
    }

    public Outputs build(DataStream<RawPayload> raw) {
        raw.getExecutionEnvironment().getConfig().disableGenericTypes();
        DetectionPolicy policy = settings.policy();
        Duration idleTtl = settings.get(TrailSentryOptions.STATE_IDLE_TTL);
        long progressMs =
                reportProgress ? settings.get(TrailSentryOptions.PROGRESS_INTERVAL).toMillis() : 0;

        SingleOutputStreamOperator<CloudTrailEvent> decoded =
                raw.process(new DecodeFunction(DecoderLimits.defaults(), progressMs))
                        .uid(Uids.DECODE)
                        .name("Decode CloudTrail envelopes");
        DataStream<DeadLetter> deadLetters = decoded.getSideOutput(Descriptors.DEAD_LETTERS);

        SingleOutputStreamOperator<CloudTrailEvent> timed =
                decoded.assignTimestampsAndWatermarks(watermarks())
                        .uid(Uids.WATERMARKS)
                        .name("Event-time watermarks");

        SingleOutputStreamOperator<CloudTrailEvent> unique =
                timed.keyBy(BY_PRINCIPAL, Types.STRING)
                        .process(
                                new DedupFunction(
                                        settings.get(TrailSentryOptions.DEDUP_CAPACITY), idleTtl))
                        .uid(Uids.DEDUP)
                        .name("De-duplicate by eventID");
        // Still partitioned by principal: reinterpret rather than shuffle again.
        KeyedStream<CloudTrailEvent, String> byPrincipal =
                DataStreamUtils.reinterpretAsKeyedStream(unique, BY_PRINCIPAL, Types.STRING);

        DataStream<Signal> signals =
                byPrincipal
                        .process(new SignalFunction(policy, idleTtl))
                        .uid(Uids.SIGNALS)
                        .name("Per-principal signals");

        DataStream<Finding> findings =
                signals.keyBy(s -> s.principal.key, Types.STRING)
                        .process(new IncidentFunction(policy, idleTtl))
                        .uid(Uids.INCIDENTS)
                        .name("Incident correlation");
        return new Outputs(findings, deadLetters);
    }

    private WatermarkStrategy<CloudTrailEvent> watermarks() {
        return WatermarkStrategy.<CloudTrailEvent>forBoundedOutOfOrderness(
                        settings.get(TrailSentryOptions.OUT_OF_ORDERNESS))
                .withTimestampAssigner((e, previous) -> e.eventTime)
                .withIdleness(settings.get(TrailSentryOptions.IDLENESS));
    }
}
