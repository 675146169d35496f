package io.trailsentry.job.config;

import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Severity;
import io.trailsentry.incident.IncidentPolicy;
import io.trailsentry.sequence.SequencePolicy;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * Every setting of the job, typed, with its default and description. Keys are {@code group.rest}:
 * in Managed Flink the runtime property group is the part before the first dot and the property key
 * the rest (group {@code input}, key {@code kinesis.stream-arn}); locally the whole key is a
 * command-line flag ({@code --input.kinesis.stream-arn arn:...}) or a JSON entry.
 */
public final class TrailSentryOptions {
    private TrailSentryOptions() {}

    // ---- input
    public static final ConfigOption<List<String>> INPUT_PATHS =
            ConfigOptions.key("input.paths")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "CloudTrail log files or directories (read recursively, .json and"
                                    + " .json.gz, S3 delivery layout AWSLogs/<account>/CloudTrail/...)."
                                    + " Bounded: the job ends when they are read. Without this and"
                                    + " without a Kinesis stream, the checked-in sample corpus is"
                                    + " read.");

    public static final ConfigOption<Duration> INPUT_MONITOR_INTERVAL =
            ConfigOptions.key("input.monitor-interval")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "When set, input.paths are watched for new log files at this interval and"
                                    + " the job runs until stopped (tailing an S3 prefix); without it"
                                    + " the job ends when the files are read.");

    public static final ConfigOption<String> INPUT_STREAM_ARN =
            ConfigOptions.key("input.kinesis.stream-arn")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "ARN of the Kinesis data stream carrying CloudTrail records in any"
                                    + " envelope (CloudWatch Logs subscription, EventBridge, raw,"
                                    + " log file). When set, the job reads it instead of files.");

    public static final ConfigOption<String> INPUT_INITIAL_POSITION =
            ConfigOptions.key("input.kinesis.initial-position")
                    .stringType()
                    .defaultValue("LATEST")
                    .withDescription(
                            "Where a new job starts reading the input stream: LATEST,"
                                    + " TRIM_HORIZON or AT_TIMESTAMP. A restored job resumes from"
                                    + " its checkpoint.");

    public static final ConfigOption<String> INPUT_INITIAL_TIMESTAMP =
            ConfigOptions.key("input.kinesis.initial-timestamp")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Start timestamp for AT_TIMESTAMP (ISO-8601 or epoch seconds).");

    // ---- backfill: learn from history in S3 before reading the stream
    public static final ConfigOption<Integer> BACKFILL_DAYS =
            ConfigOptions.key("input.backfill.days")
                    .intType()
                    .defaultValue(0)
                    .withDescription(
                            "Backfill mode (with input.kinesis.stream-arn): before reading the"
                                    + " stream, read this many days of CloudTrail log files from"
                                    + " input.backfill.paths up to input.backfill.until, so"
                                    + " baselines are mature when the job goes live; then switch to"
                                    + " the stream at that time (Flink HybridSource). 0 turns it"
                                    + " off.");

    public static final ConfigOption<List<String>> BACKFILL_PATHS =
            ConfigOptions.key("input.backfill.paths")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Backfill: the trail's S3 delivery prefixes (s3://bucket/AWSLogs/ or"
                                    + " deeper; any file system Flink has a plugin for, file:// in"
                                    + " tests). Only the day folders"
                                    + " .../CloudTrail/<region>/YYYY/MM/DD/ of the backfill days are"
                                    + " listed.");

    public static final ConfigOption<String> BACKFILL_UNTIL =
            ConfigOptions.key("input.backfill.until")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Backfill: the go-live time (ISO-8601), where the log files end and the"
                                    + " stream begins: files give the events before it, the stream"
                                    + " (read from AT_TIMESTAMP of it; input.kinesis.initial-position"
                                    + " is not used) the records that reached it from then on."
                                    + " Default: when the job starts, minus 15 min, the time"
                                    + " CloudTrail usually takes to deliver a log file to S3. Set it"
                                    + " if the job may restart before the backfill ends: a restart"
                                    + " recomputes the default.");

    public static final ConfigOption<Boolean> BACKFILL_SUPPRESS_FINDINGS =
            ConfigOptions.key("input.backfill.suppress-findings")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Backfill: findings whose evidence all lies before the go-live time"
                                    + " are counted (trailsentry.backfillFindingsSuppressed) and"
                                    + " not emitted; false emits them like any other.");

    // ---- AWS client settings shared by the Kinesis source and sinks
    public static final ConfigOption<String> AWS_REGION =
            ConfigOptions.key("aws.region")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "AWS region of the streams; defaults to the region in the stream ARN.");

    public static final ConfigOption<String> AWS_ENDPOINT =
            ConfigOptions.key("aws.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Kinesis endpoint override (tests and local Kinesis only). Credentials"
                                    + " come from the default provider chain.");

    // ---- output
    public static final ConfigOption<String> FINDINGS_STREAM_ARN =
            ConfigOptions.key("output.findings.stream-arn")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "ARN of the Kinesis stream findings are written to (partition key ="
                                    + " principal), which triggers the responder Lambda.");

    public static final ConfigOption<String> DEAD_LETTER_STREAM_ARN =
            ConfigOptions.key("output.dead-letters.stream-arn")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("ARN of the Kinesis stream dead letters are written to.");

    public static final ConfigOption<String> FINDINGS_FILE =
            ConfigOptions.key("output.findings.file")
                    .stringType()
                    .defaultValue("target/trailsentry/findings.jsonl")
                    .withDescription(
                            "Local runs: JSON-lines file of OCSF findings (also printed to"
                                    + " stdout).");

    public static final ConfigOption<String> DEAD_LETTER_FILE =
            ConfigOptions.key("output.dead-letters.file")
                    .stringType()
                    .defaultValue("target/trailsentry/dead-letters.jsonl")
                    .withDescription("Local runs: JSON-lines file of dead letters.");

    // ---- event time and state
    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            ConfigOptions.key("time.out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription(
                            "How late (event time) a CloudTrail event from Kinesis may arrive"
                                    + " behind the newest one and still be ordered correctly; later"
                                    + " events are processed out of order and recorded as late.");

    public static final ConfigOption<Duration> FILE_OUT_OF_ORDERNESS =
            ConfigOptions.key("time.file-out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "The same bound for log-file input (backfill, local runs): S3 delivery"
                                    + " writes one file per region about every five minutes, so files"
                                    + " of several regions interleave by more than a stream does.");

    public static final ConfigOption<Duration> IDLENESS =
            ConfigOptions.key("time.idleness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "A source split with no events for this long stops holding back the"
                                    + " watermark. A Kinesis shard counts as idle only when it is"
                                    + " also caught up (see time.caught-up-lag): a shard whose"
                                    + " reader is behind is waited for, never declared idle.");

    public static final ConfigOption<Duration> INITIAL_IDLENESS =
            ConfigOptions.key("time.initial-idleness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription(
                            "Kinesis: how long a shard that has delivered nothing since its reader"
                                    + " started holds back the watermark (at least time.idleness):"
                                    + " a reader just starting may be slow to its first records,"
                                    + " and an empty shard must not stall the job for good.");

    public static final ConfigOption<Duration> CAUGHT_UP_LAG =
            ConfigOptions.key("time.caught-up-lag")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "Kinesis: a shard whose last record was read within this of its"
                                    + " arrival in the stream was caught up, and may become idle"
                                    + " after time.idleness without records; a shard read further"
                                    + " behind is reading backlog and keeps holding back the"
                                    + " watermark however long its reader is starved.");

    public static final ConfigOption<Duration> ALIGNMENT_MAX_DRIFT =
            ConfigOptions.key("time.alignment-max-drift")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "Kinesis: watermark alignment across source subtasks; a reader whose"
                                    + " watermark is this far ahead of the slowest one pauses, so a"
                                    + " replayed backlog is read in event-time order rather than"
                                    + " buffered downstream. 0 turns alignment off.");

    public static final ConfigOption<Duration> WATERMARK_INTERVAL =
            ConfigOptions.key("time.watermark-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(50))
                    .withDescription(
                            "How often watermarks are emitted. Every stage that waits for event"
                                    + " time (ordering, CEP, correlation) waits for the next one,"
                                    + " so this is added to detection latency (Flink's default is"
                                    + " 200 ms).");

    public static final ConfigOption<Duration> BUFFER_TIMEOUT =
            ConfigOptions.key("time.buffer-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMillis(10))
                    .withDescription(
                            "Longest a network buffer waits to fill before it is sent; paid at"
                                    + " each of the job's shuffles when traffic is light (Flink's"
                                    + " default is 100 ms). With 50 ms watermarks it took the p99"
                                    + " detection latency from 428 to 165 ms without a measurable"
                                    + " throughput cost (docs/benchmarks.md).");

    public static final ConfigOption<Duration> STATE_IDLE_TTL =
            ConfigOptions.key("state.principal-idle-ttl")
                    .durationType()
                    .defaultValue(Duration.ofDays(30))
                    .withDescription(
                            "Per-principal state not written for this long expires (processing"
                                    + " time).");

    public static final ConfigOption<Integer> MAX_PARALLELISM =
            ConfigOptions.key("state.max-parallelism")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Key groups the per-principal state is split into: the highest"
                                    + " parallelism a snapshot can be rescaled to. Choose it at the"
                                    + " first deployment (changing it discards keyed state); unset,"
                                    + " Flink derives it from the parallelism (128 below 128"
                                    + " subtasks). Managed Flink reads it from the state property"
                                    + " group, as it cannot set pipeline.max-parallelism.");

    public static final ConfigOption<Integer> DEDUP_CAPACITY =
            ConfigOptions.key("state.dedup-capacity")
                    .intType()
                    .defaultValue(128)
                    .withDescription(
                            "Event ids remembered per principal to drop CloudTrail redeliveries (8"
                                    + " bytes each). Events are released in event-time order, so a"
                                    + " redelivery sits next to its original: the ring only spans recent"
                                    + " releases.");

    public static final ConfigOption<Integer> MAX_BUFFERED_EVENTS =
            ConfigOptions.key("state.max-buffered-events")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Events one principal may have waiting for the watermark; beyond this"
                                    + " (a stalled watermark) they are processed immediately, out of"
                                    + " order, and counted.");

    public static final ConfigOption<Integer> ORDERING_MEMORY_EVENTS =
            ConfigOptions.key("state.ordering-memory-events")
                    .intType()
                    .defaultValue(100_000)
                    .withDescription(
                            "Events waiting for the watermark that one parallel instance of the"
                                    + " orderer holds in memory (written to checkpoints as raw keyed"
                                    + " state, about 1.8 KB of heap each); beyond this they wait in"
                                    + " keyed state (RocksDB on Managed Flink), which costs several"
                                    + " state accesses per event. 0 keeps every waiting event in"
                                    + " keyed state.");

    public static final ConfigOption<Integer> MAX_WAITING_RECORDS =
            ConfigOptions.key("state.max-waiting-records")
                    .intType()
                    .defaultValue(200_000)
                    .withDescription(
                            "Records the population operator (per organisation) and each scorer"
                                    + " shard may hold in memory waiting for the watermark; beyond"
                                    + " this (a stalled watermark) the earliest are handled"
                                    + " immediately, out of order, and counted.");

    public static final ConfigOption<MemorySize> ROCKSDB_WRITE_BUFFER_SIZE =
            ConfigOptions.key("state.rocksdb-write-buffer-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("8mb"))
                    .withDescription(
                            "RocksDB state only: the job's value of Flink's"
                                    + " state.backend.rocksdb.writebuffer.size (Flink's default is"
                                    + " 64 MB). With managed memory every column family's first"
                                    + " memtable block (an eighth of this) counts against the slot's"
                                    + " write-buffer budget, and the job has dozens of column"
                                    + " families per slot: at 64 MB the budget was always full and"
                                    + " RocksDB flushed and stalled on nearly every write"
                                    + " (docs/benchmarks.md).");

    public static final ConfigOption<Boolean> ROCKSDB_BLOOM_FILTER =
            ConfigOptions.key("state.rocksdb-bloom-filter")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "RocksDB state only: the job's value of Flink's"
                                    + " state.backend.rocksdb.use-bloom-filter (Flink's default is"
                                    + " false). A new principal's first events read state that"
                                    + " is not there, and without a filter each such read searches"
                                    + " every level-0 file covering the key and one file per deeper"
                                    + " level; with it a first start of 100,000 new"
                                    + " principals ran 1.08x and 1.17x faster per CPU-second and the"
                                    + " steady state 1.00x (docs/benchmarks.md).");

    // ---- detection policy
    public static final ConfigOption<String> POLICY_FILE =
            ConfigOptions.key("detection.policy-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "JSON detection policy: allowlistedPrincipals, neverActPrincipals,"
                                    + " approvedRegistries, expectedRegions, changeWindows and"
                                    + " thresholds (see docs/policy.md). Applied after the options.");

    public static final ConfigOption<String> POLICY_JSON =
            ConfigOptions.key("detection.policy-json")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The same policy inline, as one JSON string (for Managed Flink"
                                    + " property groups, which carry no files).");
    public static final ConfigOption<Integer> LARGE_CAPACITY =
            ConfigOptions.key("detection.large-capacity")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "An Auto Scaling group created or updated with min, desired or max at"
                                    + " least this large is a compute-provisioning signal. Default"
                                    + " (policy knob largeCapacity): "
                                    + new RulePolicy.Builder().largeCapacity
                                    + ".");

    public static final ConfigOption<Integer> ECS_CLUSTER_BURST =
            ConfigOptions.key("detection.ecs-cluster-burst")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "ECS clusters created by one principal within the burst window that"
                                    + " make a fan-out signal. Default (policy knob"
                                    + " ecsClusterBurst): "
                                    + new SequencePolicy.Builder().ecsClusterBurst
                                    + ".");

    public static final ConfigOption<Duration> ECS_CLUSTER_BURST_WINDOW =
            ConfigOptions.key("detection.ecs-cluster-burst-window")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "Window of the ECS cluster fan-out count. Default (policy knob"
                                    + " ecsClusterBurstWindowMs): "
                                    + Duration.ofMillis(
                                            new SequencePolicy.Builder().ecsClusterBurstWindowMs)
                                    + ".");

    public static final ConfigOption<Duration> INCIDENT_WINDOW =
            ConfigOptions.key("detection.incident-window")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "Categories count together towards an incident's severity while they"
                                    + " fall within this window (the time-compression window)."
                                    + " Default (policy knob incidentWindowMs): "
                                    + Duration.ofMillis(
                                            new IncidentPolicy.Builder().incidentWindowMs)
                                    + ".");

    public static final ConfigOption<Duration> INCIDENT_IDLE_CLOSE =
            ConfigOptions.key("detection.incident-idle-close")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "An incident without new signals for this long (event time) closes;"
                                    + " later activity opens a new one. Default (policy knob"
                                    + " incidentIdleCloseMs): "
                                    + Duration.ofMillis(
                                            new IncidentPolicy.Builder().incidentIdleCloseMs)
                                    + ".");

    public static final ConfigOption<String> MIN_FINDING_SEVERITY =
            ConfigOptions.key("detection.min-finding-severity")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Findings below this severity (INFO, LOW, MEDIUM, HIGH, CRITICAL) are"
                                    + " not emitted; their incident keeps collecting evidence and"
                                    + " is reported once it escalates past it. Default (policy"
                                    + " knob minFindingSeverity): "
                                    + Severity.ofId(new IncidentPolicy.Builder().minFindingSeverity)
                                    + ".");

    // ---- anomaly scorer
    public static final ConfigOption<Boolean> SCORER_ENABLED =
            ConfigOptions.key("scorer.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Score each principal's 5-minute activity windows with an online"
                                    + " isolation forest (one model per parallel instance); thresholds"
                                    + " and warm-up are policy fields (scorerThreshold, scorerMinPoints).");

    public static final ConfigOption<Long> SCORER_SEED =
            ConfigOptions.key("scorer.seed")
                    .longType()
                    .defaultValue(20_260_310L)
                    .withDescription(
                            "Seed of the isolation forests (model shard i uses seed + i).");

    // ---- local runs
    public static final ConfigOption<Integer> LOCAL_PARALLELISM =
            ConfigOptions.key("local.parallelism")
                    .intType()
                    .defaultValue(2)
                    .withDescription("Parallelism of the embedded (MiniCluster) run.");

    public static final ConfigOption<Duration> LOCAL_CHECKPOINT_INTERVAL =
            ConfigOptions.key("local.checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "Embedded runs checkpoint this often and restart up to 3 times from"
                                    + " the last checkpoint if a task fails (e.g. FLINK-36146, a"
                                    + " race in Flink's source fetcher manager); findings reach"
                                    + " the output when a checkpoint completes. 0 turns both"
                                    + " off.");

    public static final ConfigOption<Duration> PROGRESS_INTERVAL =
            ConfigOptions.key("local.progress-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Local runs: how often each decoder reports progress on stderr (0 to"
                                    + " turn off).");

    /** Every option, for --help, validation and the deploy checks. */
    public static List<ConfigOption<?>> all() {
        return List.of(
                INPUT_PATHS,
                INPUT_MONITOR_INTERVAL,
                INPUT_STREAM_ARN,
                INPUT_INITIAL_POSITION,
                INPUT_INITIAL_TIMESTAMP,
                BACKFILL_DAYS,
                BACKFILL_PATHS,
                BACKFILL_UNTIL,
                BACKFILL_SUPPRESS_FINDINGS,
                AWS_REGION,
                AWS_ENDPOINT,
                FINDINGS_STREAM_ARN,
                DEAD_LETTER_STREAM_ARN,
                FINDINGS_FILE,
                DEAD_LETTER_FILE,
                OUT_OF_ORDERNESS,
                FILE_OUT_OF_ORDERNESS,
                IDLENESS,
                INITIAL_IDLENESS,
                CAUGHT_UP_LAG,
                ALIGNMENT_MAX_DRIFT,
                WATERMARK_INTERVAL,
                BUFFER_TIMEOUT,
                STATE_IDLE_TTL,
                MAX_PARALLELISM,
                DEDUP_CAPACITY,
                MAX_BUFFERED_EVENTS,
                ORDERING_MEMORY_EVENTS,
                MAX_WAITING_RECORDS,
                ROCKSDB_WRITE_BUFFER_SIZE,
                ROCKSDB_BLOOM_FILTER,
                POLICY_FILE,
                POLICY_JSON,
                LARGE_CAPACITY,
                ECS_CLUSTER_BURST,
                ECS_CLUSTER_BURST_WINDOW,
                INCIDENT_WINDOW,
                INCIDENT_IDLE_CLOSE,
                MIN_FINDING_SEVERITY,
                SCORER_ENABLED,
                SCORER_SEED,
                LOCAL_PARALLELISM,
                LOCAL_CHECKPOINT_INTERVAL,
                PROGRESS_INTERVAL);
    }
}
