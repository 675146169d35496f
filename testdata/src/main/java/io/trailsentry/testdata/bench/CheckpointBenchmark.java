package io.trailsentry.testdata.bench;

import io.trailsentry.cloudtrail.RawPayload;
import io.trailsentry.job.TrailSentryPipeline;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.testdata.cli.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Checkpoint size and duration of the whole job holding many principals' baselines (default 100,000
 * IAM users, 40 events each over 30 days unless told otherwise), on the heap (hashmap) and RocksDB
 * backends. The records are fed once; the source then only sends CloudWatch Logs control messages,
 * so the job stays up with its state in place while full checkpoints are triggered and measured:
 * duration from trigger to completion, bytes on disk, bytes per principal. For RocksDB an
 * incremental checkpoint right after shows what an unchanged state costs.
 */
public final class CheckpointBenchmark {
    public static final Cli CLI =
            Cli.tool(
                            "bench-checkpoint",
                            "checkpoint size and duration for 100k principals, heap and RocksDB")
                    .value("--principals", "N", "IAM users holding state (default 100,000)")
                    .value("--events", "N", "events per principal (default 40)")
                    .value(
                            "--hours",
                            "N",
                            "the span the events of each principal are spread over, evenly"
                                    + " (default 720: 30 days; fewer hours put several events of a"
                                    + " principal in one window and one hour)")
                    .value("--parallelism", "N", "job parallelism (default 2)")
                    .value(
                            "--warmup",
                            "N",
                            "unmeasured first starts (up to 10,000 principals) before the measured"
                                    + " ones, one per backend (default 1): the first job in a JVM"
                                    + " runs with a cold JIT")
                    .value(
                            "--backends",
                            "LIST",
                            "hashmap, rocksdb or both (default hashmap,rocksdb)")
                    .value(
                            "--settle-ms",
                            "MS",
                            "wait after feeding, for records in flight to reach state (default 5,000)")
                    .repeated("--flink", "KEY=VALUE", "a Flink configuration entry")
                    .repeated(
                            "--job",
                            "KEY=VALUE",
                            "a job option, e.g. state.rocksdb-bloom-filter=false (the job's own"
                                    + " settings override --flink entries for the same Flink key)");

    private CheckpointBenchmark() {}

    public static int run(String[] args) throws Exception {
        Cli.Parsed a = CLI.parse(args);
        int principals = a.integer("--principals", 100_000);
        int events = a.integer("--events", 40);
        int hours = a.integer("--hours", 720);
        int parallelism = a.integer("--parallelism", 2);
        String backendList = a.text("--backends", "hashmap,rocksdb");
        List<String> backends = new ArrayList<>();
        for (String b : backendList.split(",")) {
            backends.add(b.trim());
        }
        long settleMs = a.number("--settle-ms", 5_000);
        int warmup = a.integer("--warmup", 1);
        Map<String, String> flink = PipelineBenchmark.flinkEntries(a, CLI);
        String[] job = PipelineBenchmark.jobArgs(a, CLI);
        for (String b : backends) {
            if (!List.of("hashmap", "rocksdb").contains(b)) {
                throw CLI.error("--backends '" + backendList + "': hashmap, rocksdb or both");
            }
        }
        if (principals < 1 || events < 1 || parallelism < 1 || hours < 1) {
            throw CLI.error("--principals, --events, --hours and --parallelism must be at least 1");
        }
        if (warmup < 0) {
            throw CLI.error("--warmup must be 0 or more");
        }
        System.out.printf(
                Locale.ROOT,
                "checkpoint benchmark: %,d principals x %d events over %s, parallelism %d;"
                        + " java %s, %d cores%n",
                principals,
                events,
                hours % 24 == 0 ? hours / 24 + " days" : hours + " hours",
                parallelism,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT,
                "%-8s %-14s %14s %14s %9s %9s %10s%n",
                "backend",
                "checkpoint",
                "state bytes",
                "written bytes",
                "e2e ms",
                "wall ms",
                "B/principal");
        // Whichever job runs first in this JVM pays the JIT's warm-up: without this, the first
        // backend's first start ran at 0.71x the rate of the same backend run second.
        for (int w = 0; w < warmup; w++) {
            for (String backend : backends) {
                measure(
                        backend,
                        Math.min(principals, 10_000),
                        events,
                        hours,
                        parallelism,
                        settleMs,
                        flink,
                        job,
                        false);
            }
        }
        for (String backend : backends) {
            measure(backend, principals, events, hours, parallelism, settleMs, flink, job, true);
        }
        return 0;
    }

    static void measure(
            String backend,
            int principals,
            int events,
            int hours,
            int parallelism,
            long settleMs,
            Map<String, String> flink,
            String[] jobArgs,
            boolean counted)
            throws Exception {
        Path dir = Files.createTempDirectory("trailsentry-checkpoints-");
        Configuration conf = Configuration.fromMap(flink);
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, backend.equals("rocksdb"));
        if (!conf.contains(TaskManagerOptions.MANAGED_MEMORY_SIZE)) {
            // a --flink taskmanager.memory.managed.size=... wins
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        }
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        conf.set(RestOptions.BIND_PORT, "0");
        SyntheticPrincipals synth =
                new SyntheticPrincipals(
                        principals,
                        events,
                        hours * 3_600_000L,
                        Instant.parse("2026-02-01T00:00:00Z").toEpochMilli());
        Feed.synth = synth;
        Feed.sent.set(0);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(Duration.ofHours(1).toMillis());
        DataGeneratorSource<RawPayload> source =
                new DataGeneratorSource<>(
                        new Records(),
                        Long.MAX_VALUE,
                        RateLimiterStrategy.noOp(),
                        TypeInformation.of(RawPayload.class));
        DataStream<RawPayload> raw =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "synthetic principals")
                        .uid("bench-synthetic-principals")
                        .setParallelism(1);
        TrailSentryPipeline.Outputs out =
                new TrailSentryPipeline(JobSettings.fromArgs(jobArgs), false).build(raw);
        out.findings.sinkTo(new DiscardingSink<>()).uid("bench-findings");
        out.deadLetters.sinkTo(new DiscardingSink<>()).uid("bench-dead-letters");
        JobGraph graph = env.getStreamGraph().getJobGraph();

        MiniClusterConfiguration mc =
                new MiniClusterConfiguration.Builder()
                        .setConfiguration(conf)
                        .setNumTaskManagers(1)
                        .setNumSlotsPerTaskManager(parallelism)
                        .build();
        try (MiniCluster cluster = new MiniCluster(mc)) {
            cluster.start();
            JobID job = cluster.submitJob(graph).get().getJobID();
            long fedAt = System.nanoTime();
            MachineShare share = MachineShare.start();
            long reported = 0;
            while (Feed.sent.get() < synth.total()) {
                Thread.sleep(200);
                if (System.nanoTime() - fedAt > (reported + 30) * 1_000_000_000L) {
                    reported += 30;
                    System.err.printf(
                            Locale.ROOT, "  %s: %,d records fed%n", backend, Feed.sent.get());
                }
            }
            MachineShare.Shares cores = share.now();
            double seconds = cores.seconds;
            if (!counted) {
                System.out.printf(
                        Locale.ROOT,
                        "  warm-up %s first start: %,d records of %,d principals, %,.0f records/s"
                                + " (not counted)%n",
                        backend,
                        synth.total(),
                        principals,
                        synth.total() / seconds);
                cluster.cancelJob(job).get(60, TimeUnit.SECONDS);
                return;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-8s first start: %,d records of %,d new principals in %.1f s: %,.0f records/s,"
                            + " %,.0f per CPU-second (this JVM); %s%n",
                    backend,
                    synth.total(),
                    principals,
                    seconds,
                    synth.total() / seconds,
                    synth.total() / cores.cpuSeconds,
                    cores.describe());
            Thread.sleep(settleMs); // what is in flight reaches the keyed operators
            report(backend, "full", cluster, job, CheckpointType.FULL, dir, principals);
            if (backend.equals("rocksdb")) {
                report(
                        backend,
                        "incremental",
                        cluster,
                        job,
                        CheckpointType.INCREMENTAL,
                        dir,
                        principals);
            }
            cluster.cancelJob(job).get(60, TimeUnit.SECONDS);
        } finally {
            delete(dir);
        }
    }

    static void report(
            String backend,
            String kind,
            MiniCluster cluster,
            JobID job,
            CheckpointType type,
            Path dir,
            int principals)
            throws Exception {
        long t0 = System.nanoTime();
        long id = cluster.triggerCheckpoint(job, type).get(10, TimeUnit.MINUTES);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        AccessExecutionGraph graph = cluster.getExecutionGraph(job).get();
        AbstractCheckpointStats stats = null;
        for (int i = 0; i < 50 && stats == null; i++) {
            stats = graph.getCheckpointStatsSnapshot().getHistory().getCheckpointById(id);
            if (stats == null) {
                Thread.sleep(100);
                graph = cluster.getExecutionGraph(job).get();
            }
        }
        if (stats == null) {
            throw new IllegalStateException("no statistics for checkpoint " + id);
        }
        System.out.printf(
                Locale.ROOT,
                "%-8s %-14s %,14d %,14d %,9d %,9d %,10.0f%n",
                backend,
                kind + " #" + id,
                stats.getStateSize(),
                stats.getCheckpointedSize(),
                stats.getEndToEndDuration(),
                ms,
                stats.getStateSize() / (double) principals);
        for (TaskStateStats task : stats.getAllTaskStateStats()) {
            if (task.getStateSize() > 0) {
                System.out.printf(
                        Locale.ROOT,
                        "         %-50s %,14d%n",
                        graph.getJobVertex(task.getJobVertexId()).getName(),
                        task.getStateSize());
            }
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.delete(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        }
    }

    /** The generator and a progress counter, shared with the source in this JVM. */
    static final class Feed {
        static SyntheticPrincipals synth;
        static final AtomicLong sent = new AtomicLong();
        static final byte[] CONTROL = SyntheticPrincipals.controlMessage();
    }

    /** The records, then control messages at about 100 a second. */
    static final class Records implements GeneratorFunction<Long, RawPayload> {
        @Override
        public RawPayload map(Long k) throws InterruptedException {
            if (k < Feed.synth.total()) {
                Feed.sent.incrementAndGet();
                return new RawPayload("synthetic#" + k, Feed.synth.record(k));
            }
            Thread.sleep(10);
            return new RawPayload("control", Feed.CONTROL);
        }
    }
}
