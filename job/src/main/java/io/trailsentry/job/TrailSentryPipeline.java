package io.trailsentry.job;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DecoderLimits;
import io.trailsentry.cloudtrail.RawPayload;
import io.trailsentry.detect.Signal;
import io.trailsentry.flink.DecodeFunction;
import io.trailsentry.flink.DecodedRouter;
import io.trailsentry.flink.Descriptors;
import io.trailsentry.flink.EventOrderer;
import io.trailsentry.flink.IncidentFunction;
import io.trailsentry.flink.LineageFunction;
import io.trailsentry.flink.LineageRelay;
import io.trailsentry.flink.ProfilerOperator;
import io.trailsentry.flink.ScorerOperator;
import io.trailsentry.incident.Finding;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
import io.trailsentry.policy.DetectionPolicy;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

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

    /** A batch of one principal's events (never empty), released together by the orderer. */
    private static final KeySelector<List<CloudTrailEvent>, String> BY_BATCH_PRINCIPAL =
            b -> b.get(0).principal.key;

    /** A principal, or one session of an assumed role (see {@code Principal.incidentKey}). */
    private static final KeySelector<Signal, String> BY_INCIDENT = s -> s.principal.incidentKey();

    /** The identity a hand-off names, else the signal's own incident key. */
    private static final KeySelector<Signal, String> BY_LINEAGE = Signal::lineageKey;

    /** The incident a signal goes to: its own, or the one lineage routed a copy to. */
    private static final KeySelector<Signal, String> BY_ROUTE = Signal::incidentKey;

    private final JobSettings settings;
    private final boolean reportProgress;

    public TrailSentryPipeline(JobSettings settings, boolean reportProgress) {
        this.settings = settings;
        this.reportProgress = reportProgress;
    }

    public Outputs build(DataStream<RawPayload> raw) {
        return build(Sources.Input.raw(raw), settings.policy());
    }

    public Outputs build(Sources.Input input) {
        return build(input, settings.policy());
    }

    /** Builds the graph with an explicit policy (tests, evaluation). */
    public Outputs build(DataStream<RawPayload> raw, DetectionPolicy policy) {
        return build(Sources.Input.raw(raw), policy);
    }

    /** Builds the graph on either kind of input with an explicit policy. */
    public Outputs build(Sources.Input input, DetectionPolicy policy) {
        StreamExecutionEnvironment env =
                input.raw != null
                        ? input.raw.getExecutionEnvironment()
                        : input.decoded.getExecutionEnvironment();
        env.getConfig().disableGenericTypes();
        // Chained operators hand records over without a defensive deep copy (the copies were
        // about a tenth of the job's CPU). Safe here because every function emits fresh objects
        // and never changes one after emitting it (rules buffer their signals until all have
        // run), and records arriving over the network are never reused by Flink.
        env.getConfig().enableObjectReuse();
        env.getConfig()
                .setAutoWatermarkInterval(
                        settings.get(TrailSentryOptions.WATERMARK_INTERVAL).toMillis());
        env.setBufferTimeout(settings.get(TrailSentryOptions.BUFFER_TIMEOUT).toMillis());
        env.configure(rocksDbOptions(settings));
        if (settings.has(TrailSentryOptions.MAX_PARALLELISM)) {
            env.setMaxParallelism(settings.get(TrailSentryOptions.MAX_PARALLELISM));
        }
        Duration idleTtl = settings.get(TrailSentryOptions.STATE_IDLE_TTL);
        boolean scorer = settings.get(TrailSentryOptions.SCORER_ENABLED);
        long progressMs =
                reportProgress ? settings.get(TrailSentryOptions.PROGRESS_INTERVAL).toMillis() : 0;

        SingleOutputStreamOperator<CloudTrailEvent> decoded;
        DataStream<CloudTrailEvent> timed;
        if (input.raw != null) {
            decoded =
                    input.raw
                            .process(new DecodeFunction(DecoderLimits.defaults(), progressMs))
                            .uid(Uids.DECODE)
                            .name("Decode CloudTrail envelopes");
            timed =
                    decoded.assignTimestampsAndWatermarks(watermarks())
                            .uid(Uids.WATERMARKS)
                            .name("Event-time watermarks");
        } else {
            // Decoded in the source, whose watermarks are per shard (Sources): only the
            // principal, the dead-letter output and the counters remain.
            decoded =
                    input.decoded
                            .process(new DecodedRouter())
                            .uid(Uids.DECODE)
                            .name("Route decoded CloudTrail");
            timed = decoded;
        }
        DataStream<DeadLetter> deadLetters = decoded.getSideOutput(Descriptors.DEAD_LETTERS);

        // Per principal, in event-time order, without redeliveries: every decision below is the
        // same however delivery shuffled events within the lateness bound. Released in batches
        // (each principal's events the watermark passed), so the profiler reads and writes a
        // baseline once per batch rather than once per event (the cost on RocksDB).
        SingleOutputStreamOperator<List<CloudTrailEvent>> ordered =
                timed.keyBy(BY_PRINCIPAL, Types.STRING)
                        .transform(
                                "Order by event time, de-duplicate",
                                EventOrderer.BATCH,
                                new EventOrderer(
                                        settings.get(TrailSentryOptions.DEDUP_CAPACITY),
                                        settings.get(TrailSentryOptions.MAX_BUFFERED_EVENTS),
                                        idleTtl,
                                        settings.get(TrailSentryOptions.ORDERING_MEMORY_EVENTS)))
                        .uid(Uids.ORDER)
                        .name("Order by event time, de-duplicate");
        DataStream<DeadLetter> late = ordered.getSideOutput(Descriptors.LATE_EVENTS);

        // Still partitioned by principal: reinterpret rather than shuffle again.
        SingleOutputStreamOperator<Signal> profiled =
                DataStreamUtils.reinterpretAsKeyedStream(ordered, BY_BATCH_PRINCIPAL, Types.STRING)
                        .transform(
                                "Principal baselines and rules",
                                TypeInformation.of(Signal.class),
                                new ProfilerOperator(
                                        policy.rules,
                                        policy.baseline,
                                        policy.scorer,
                                        idleTtl,
                                        scorer))
                        .uid(Uids.PROFILER)
                        .name("Principal baselines and rules");
        // Cold start: immature principals judged against their population (a few records per
        // principal-hour); the signals the rules left to it rejoin the others here.
        int maxWaiting = settings.get(TrailSentryOptions.MAX_WAITING_RECORDS);
        DataStream<Signal> signals = Populations.attach(profiled, policy, idleTtl, maxWaiting);
        // Sequences and incidents follow one session of a shared role (baselines stay per role):
        // the thief's session must not borrow the routine work of the others, nor they its plan.
        DataStream<Signal> sequences = Sequences.attach(signals, BY_INCIDENT, policy.sequences);
        if (scorer) {
            // A fixed number of model shards keyed by principal: the same models, and the same
            // scores, at any parallelism.
            DataStream<Signal> anomalies =
                    profiled.getSideOutput(Descriptors.FEATURES)
                            .keyBy(new ScorerOperator.ShardKey(policy.scorer), Types.INT)
                            .transform(
                                    "Isolation-forest scorer",
                                    TypeInformation.of(Signal.class),
                                    new ScorerOperator(
                                            policy.scorer,
                                            settings.get(TrailSentryOptions.SCORER_SEED),
                                            maxWaiting))
                            .uid(Uids.SCORER)
                            .name("Isolation-forest scorer");
            sequences = sequences.union(anomalies);
        }

        // Identity lineage: what a role session the principal assumed, or a user it created or
        // gave a key, does later is also copied to the principal's incident (which folds it only
        // when it already counts something).
        DataStream<Signal> linked = signals;
        if (policy.incidents.lineageMemoryMs > 0) {
            Duration memory = Duration.ofMillis(policy.incidents.lineageMemoryMs);
            SingleOutputStreamOperator<Signal> first =
                    signals.keyBy(BY_LINEAGE, Types.STRING)
                            .process(new LineageFunction(memory))
                            .uid(Uids.LINEAGE)
                            .name("Identity lineage");
            linked = first;
            // Further hops: a copy routed to an identity that was itself handed access goes on to
            // that identity's parent (a user key that assumed a role that assumed another).
            DataStream<Signal> handOffs = first.getSideOutput(Descriptors.HAND_OFFS);
            DataStream<Signal> copies = first.getSideOutput(Descriptors.LINEAGE_COPIES);
            for (int hop = 2; hop <= policy.incidents.lineageHops; hop++) {
                SingleOutputStreamOperator<Signal> next =
                        handOffs.union(copies)
                                .keyBy(LineageRelay.KEY, Types.STRING)
                                .process(new LineageRelay(memory))
                                .uid(Uids.lineageHop(hop))
                                .name("Identity lineage, hop " + hop);
                linked = linked.union(next);
                copies = next;
            }
        }
        DataStream<Finding> findings =
                linked.union(sequences)
                        .keyBy(BY_ROUTE, Types.STRING)
                        .process(new IncidentFunction(policy.incidents, idleTtl))
                        .uid(Uids.INCIDENTS)
                        .name("Incident correlation");
        if (input.backfill != null && settings.get(TrailSentryOptions.BACKFILL_SUPPRESS_FINDINGS)) {
            findings =
                    findings.transform(
                                    "Suppress backfill-period findings",
                                    TypeInformation.of(Finding.class),
                                    new BackfillSuppression(input.backfill.untilMillis))
                            .uid(Uids.BACKFILL_SUPPRESSION)
                            .name("Suppress backfill-period findings");
        }
        deadLetters = deadLetters.union(late);
        return new Outputs(findings, deadLetters);
    }

    /**
     * RocksDB options of the job (ignored by the heap backend). Job configuration takes precedence
     * over the cluster's for state backend options (Flink 1.20's StateBackendLoader), so this holds
     * on Managed Flink too.
     *
     * <p>Timers stay in RocksDB whatever the cluster asks: heap timers on RocksDB are written into
     * the operators' raw keyed state at every checkpoint, where the orderer keeps its waiting
     * events ({@link EventOrderer}), and Flink would fail every checkpoint.
     */
    static Configuration rocksDbOptions(JobSettings settings) {
        Configuration c = new Configuration();
        c.setString(
                "state.backend.rocksdb.writebuffer.size",
                settings.get(TrailSentryOptions.ROCKSDB_WRITE_BUFFER_SIZE).toString());
        c.setString(
                "state.backend.rocksdb.use-bloom-filter",
                settings.get(TrailSentryOptions.ROCKSDB_BLOOM_FILTER).toString());
        c.setString("state.backend.rocksdb.timer-service.factory", "ROCKSDB");
        return c;
    }

    private WatermarkStrategy<CloudTrailEvent> watermarks() {
        return WatermarkStrategy.<CloudTrailEvent>forBoundedOutOfOrderness(
                        settings.get(TrailSentryOptions.FILE_OUT_OF_ORDERNESS))
                .withTimestampAssigner((e, previous) -> e.eventTime)
                .withIdleness(settings.get(TrailSentryOptions.IDLENESS));
    }
}
