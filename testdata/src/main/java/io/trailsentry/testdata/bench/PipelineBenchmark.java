package io.trailsentry.testdata.bench;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DecoderLimits;
import io.trailsentry.cloudtrail.RawPayload;
import io.trailsentry.flink.DecodeFunction;
import io.trailsentry.incident.Finding;
import io.trailsentry.job.Sources;
import io.trailsentry.job.TrailSentryPipeline;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.testdata.cli.Cli;
import io.trailsentry.testdata.eval.Evaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Throughput of the whole job against decoding alone, on the same bytes: the generated corpus (5
 * million records by default, attacks mixed in) read from gzip log files by the job's own file
 * source, in a MiniCluster at each parallelism. "decode" is source + envelope decoding into a
 * discarding sink; "pipeline" is everything (decode, watermarks, per-principal ordering and
 * de-duplication, profiles and rules, CEP, scorer, correlation, findings) into a discarding sink.
 * Rates are records over the job's net runtime; each figure is the median of the runs.
 */
public final class PipelineBenchmark {
    public static final Cli CLI =
            Cli.tool(
                            "bench-pipeline",
                            "whole-job vs decode-only throughput on 5M generated records, p1 and p2")
                    .value(
                            "--dir",
                            "DIR",
                            "the corpus, generated there once and reused (default target/bench-corpus)")
                    .value("--events", "N", "records in the corpus (default 5,000,000)")
                    .value("--parallelism", "P,..", "parallelisms to measure (default 1,2)")
                    .value("--runs", "N", "runs of each, the median counts (default 3)")
                    .value("--volume", "X", "call-rate multiplier of the corpus (default 20)")
                    .value("--history-days", "N", "benign days before the attack day (default 1)")
                    .value("--only", "both|decode|pipeline", "what to measure (default both)")
                    .value(
                            "--warmup",
                            "N",
                            "unmeasured whole-job runs before the measured ones, one per backend"
                                    + " (default 1): the first job in a JVM runs with a cold JIT")
                    .value(
                            "--backend",
                            "B,..",
                            "state backends, hashmap and/or rocksdb, each measured in this run"
                                    + " (default hashmap)")
                    .repeated("--flink", "KEY=VALUE", "a Flink configuration entry")
                    .repeated(
                            "--job",
                            "KEY=VALUE",
                            "a job option (--help of the job lists them), e.g."
                                    + " state.rocksdb-bloom-filter=false: the job's own settings"
                                    + " override --flink entries for the same Flink key");

    private PipelineBenchmark() {}

    public static int run(String[] args) throws Exception {
        Cli.Parsed a = CLI.parse(args);
        Path dir = Path.of(a.text("--dir", "target/bench-corpus"));
        long target = a.number("--events", 5_000_000L);
        List<Integer> parallelisms =
                a.value(
                        "--parallelism",
                        v -> {
                            List<Integer> ps = new ArrayList<>();
                            for (String p : v.split(",")) {
                                ps.add(Integer.parseInt(p.trim()));
                            }
                            return ps;
                        },
                        List.of(1, 2));
        int runs = a.integer("--runs", 3);
        double volume = a.decimal("--volume", 20);
        int historyDays = a.integer("--history-days", 1);
        int warmup = a.integer("--warmup", 1);
        String only = a.text("--only", "both");
        List<String> backends = new ArrayList<>();
        for (String b : a.text("--backend", "hashmap").split(",")) {
            if (!List.of("hashmap", "rocksdb").contains(b.trim())) {
                throw CLI.error("--backend '" + b + "': hashmap or rocksdb");
            }
            backends.add(b.trim());
        }
        if (!List.of("both", "decode", "pipeline").contains(only)) {
            throw CLI.error("--only '" + only + "': both, decode or pipeline");
        }
        if (runs < 1) {
            throw CLI.error("--runs must be at least 1");
        }
        if (warmup < 0) {
            throw CLI.error("--warmup must be 0 or more");
        }
        Map<String, String> flink = flinkEntries(a, CLI);
        String[] job = jobArgs(a, CLI);
        long records = BenchCorpus.ensure(dir, target, volume, historyDays);
        System.out.printf(
                Locale.ROOT,
                "pipeline benchmark: %,d records, %.0f MB gzip, %d run(s) each, %s state; java %s, %d cores%n",
                records,
                BenchCorpus.bytes(dir) / 1e6,
                runs,
                String.join(" and ", backends),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT,
                "%-8s %3s %14s %14s %7s | %16s %16s | %10s %6s%n",
                "state",
                "p",
                "decode ev/s",
                "pipeline ev/s",
                "ratio",
                "decode ev/cpu-s",
                "pipeline ev/cpu-s",
                "findings",
                "dead");
        // Whichever job runs first in this JVM pays the JIT's warm-up: without this, a
        // comparison of backends or of decode-only against the whole job favoured the second.
        for (int w = 0; w < warmup; w++) {
            for (String backend : backends) {
                Run r = run(dir, parallelisms.get(0), true, backend, flink, job);
                System.out.printf(
                        Locale.ROOT,
                        "  warm-up %s p%d: %,.0f records/s (not counted)%n",
                        backend,
                        parallelisms.get(0),
                        r.rate());
            }
        }
        // pipeline medians by backend and parallelism, for the comparison lines
        Map<String, Map<Integer, Run>> pipelines = new LinkedHashMap<>();
        List<Run> counted = new ArrayList<>();
        for (String backend : backends) {
            double firstPipeline = 0;
            for (int p : parallelisms) {
                List<Run> decode = new ArrayList<>();
                List<Run> full = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    if (!only.equals("pipeline")) {
                        decode.add(run(dir, p, false, backend, flink, job));
                    }
                    if (!only.equals("decode")) {
                        full.add(run(dir, p, true, backend, flink, job));
                    }
                }
                counted.addAll(decode);
                counted.addAll(full);
                Run d = decode.isEmpty() ? null : median(decode);
                Run f = full.isEmpty() ? null : median(full);
                System.out.printf(
                        Locale.ROOT,
                        "%-8s %3d %14s %14s %7s | %16s %16s | %10s %6s%n",
                        backend,
                        p,
                        d == null ? "-" : String.format(Locale.ROOT, "%,.0f", d.rate()),
                        f == null ? "-" : String.format(Locale.ROOT, "%,.0f", f.rate()),
                        d == null || f == null
                                ? "-"
                                : String.format(Locale.ROOT, "%.2f", f.rate() / d.rate()),
                        d == null ? "-" : String.format(Locale.ROOT, "%,.0f", d.perCore()),
                        f == null ? "-" : String.format(Locale.ROOT, "%,.0f", f.perCore()),
                        f == null ? "-" : String.format(Locale.ROOT, "%,d", f.findings),
                        f == null ? "-" : String.format(Locale.ROOT, "%,d", f.dead));
                if (f == null) {
                    continue;
                }
                pipelines.computeIfAbsent(backend, b -> new LinkedHashMap<>()).put(p, f);
                if (firstPipeline == 0) {
                    firstPipeline = f.rate();
                } else {
                    System.out.printf(
                            Locale.ROOT,
                            "    %s pipeline scaling p%d / p%d: %.2fx%n",
                            backend,
                            p,
                            parallelisms.get(0),
                            f.rate() / firstPipeline);
                }
            }
        }
        Map<Integer, Run> heap = pipelines.get("hashmap");
        Map<Integer, Run> rocks = pipelines.get("rocksdb");
        if (heap != null && rocks != null) {
            for (int p : parallelisms) {
                System.out.printf(
                        Locale.ROOT,
                        "    rocksdb / hashmap pipeline at p%d: %.2fx records/s, %.2fx records/cpu-s%n",
                        p,
                        rocks.get(p).rate() / heap.get(p).rate(),
                        rocks.get(p).perCore() / heap.get(p).perCore());
            }
        }
        System.out.println(sharedMachine(counted));
        return 0;
    }

    /** One line on what else ran: the most cores other processes took during a counted run. */
    static String sharedMachine(List<Run> counted) {
        double most = 0;
        boolean known = false;
        for (Run r : counted) {
            if (r.cores != null && !Double.isNaN(r.cores.others)) {
                known = true;
                most = Math.max(most, r.cores.others);
            }
        }
        if (!known) {
            return "machine: other processes' CPU unknown (no /proc/stat)";
        }
        return String.format(
                Locale.ROOT,
                most > MachineShare.BUSY_OTHERS
                        ? "machine: SHARED, other processes took up to %.2f cores during a counted"
                                + " run: its rates are lower bounds"
                        : "machine: quiet, other processes took at most %.2f cores during a counted"
                                + " run",
                most);
    }

    /** One job's outcome. */
    static final class Run {
        long events;
        long findings;
        long dead;
        long millis;

        /** Cores this JVM and other processes used during the run. */
        MachineShare.Shares cores;

        double rate() {
            return events * 1000.0 / millis;
        }

        /** Records per second of CPU time, all threads of the process: throughput per core. */
        double perCore() {
            return events / cores.cpuSeconds;
        }
    }

    static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.rate(), b.rate()));
        return sorted.get(sorted.size() / 2);
    }

    static Run run(
            Path dir,
            int parallelism,
            boolean full,
            String backend,
            Map<String, String> flink,
            String[] job)
            throws Exception {
        return Evaluation.againOnFetcherRace(
                "  (the run hit the file source's fetcher race, FLINK-36146: not counted,"
                        + " running it again)",
                () -> runOnce(dir, parallelism, full, backend, flink, job));
    }

    private static Run runOnce(
            Path dir,
            int parallelism,
            boolean full,
            String backend,
            Map<String, String> flink,
            String[] job)
            throws Exception {
        Configuration conf = Configuration.fromMap(flink);
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        if (!conf.contains(TaskManagerOptions.MANAGED_MEMORY_SIZE)) {
            // a --flink taskmanager.memory.managed.size=... wins
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        List<String> args = new ArrayList<>(List.of("--input", dir.toAbsolutePath().toString()));
        args.addAll(List.of(job));
        JobSettings s = JobSettings.fromArgs(args.toArray(new String[0]));
        DataStream<RawPayload> raw = Sources.attach(env, s).raw();
        if (full) {
            TrailSentryPipeline.Outputs out = new TrailSentryPipeline(s, false).build(raw);
            out.findings
                    .map(new Count<Finding>("findings"))
                    .uid("bench-count-findings")
                    .returns(Finding.class)
                    .sinkTo(new DiscardingSink<>())
                    .uid("bench-findings");
            out.deadLetters.sinkTo(new DiscardingSink<>()).uid("bench-dead-letters");
        } else {
            raw.process(new DecodeFunction(DecoderLimits.defaults(), 0))
                    .uid("bench-decode")
                    .map(new Count<CloudTrailEvent>("decoded"))
                    .uid("bench-count-decoded")
                    .returns(CloudTrailEvent.class)
                    .sinkTo(new DiscardingSink<>())
                    .uid("bench-events");
        }
        MachineShare share = MachineShare.start();
        JobExecutionResult result = env.execute(full ? "bench pipeline" : "bench decode");
        Run r = new Run();
        r.cores = share.now();
        r.millis = result.getNetRuntime();
        r.events = result.<Long>getAccumulatorResult(DecodeFunction.EVENTS_ACCUMULATOR);
        r.dead = result.<Long>getAccumulatorResult(DecodeFunction.DEAD_LETTERS_ACCUMULATOR);
        Long findings = result.getAccumulatorResult("findings");
        r.findings = findings == null ? 0 : findings;
        System.err.printf(
                Locale.ROOT,
                "  p%d %-8s %,d events in %,d ms; %s%n",
                parallelism,
                full ? "pipeline" : "decode",
                r.events,
                r.millis,
                r.cores.describe());
        return r;
    }

    /** The {@code --flink KEY=VALUE} entries of a benchmark's command line, in order. */
    static Map<String, String> flinkEntries(Cli.Parsed a, Cli cli) {
        Map<String, String> flink = new LinkedHashMap<>();
        for (String kv : a.all("--flink")) {
            String[] parts = kv.split("=", 2);
            if (parts.length != 2) {
                throw cli.error("--flink '" + kv + "': KEY=VALUE");
            }
            flink.put(parts[0], parts[1]);
        }
        return flink;
    }

    /**
     * The {@code --job KEY=VALUE} entries as the job's own arguments ({@code --KEY VALUE}),
     * validated by the job as a deployment's would be.
     */
    static String[] jobArgs(Cli.Parsed a, Cli cli) {
        List<String> args = new ArrayList<>();
        for (String kv : a.all("--job")) {
            String[] parts = kv.split("=", 2);
            if (parts.length != 2) {
                throw cli.error("--job '" + kv + "': KEY=VALUE");
            }
            args.add("--" + parts[0]);
            args.add(parts[1]);
        }
        try {
            JobSettings.fromArgs(args.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw cli.error("--job: " + e.getMessage());
        }
        return args.toArray(new String[0]);
    }

    /** Counts what passes, as a job accumulator. */
    static final class Count<T> extends RichMapFunction<T, T> {
        private final String name;
        private transient LongCounter counter;

        Count(String name) {
            this.name = name;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
            counter = new LongCounter();
            getRuntimeContext().addAccumulator(name, counter);
        }

        @Override
        public T map(T value) {
            counter.add(1);
            return value;
        }
    }
}
